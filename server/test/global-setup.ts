/**
 * Vitest global setup: builds the demo template once (server/db/import-demo.ts) before any
 * test starts a server, instead of in every worker at once under the first server's start.
 */
import { MEMORY_DB } from '../db/database.ts';
import { demoTemplate } from '../db/import-demo.ts';
import { demoCacheDir } from '../db/open-store.ts';
import { DEMO_ORIGIN_PLACEHOLDER } from '../data-source.ts';

export default function setup(): void {
  demoTemplate(demoCacheDir(MEMORY_DB), DEMO_ORIGIN_PLACEHOLDER);
}
