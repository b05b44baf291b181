/**
 * Where /v1's data comes from: nothing (static only), the proxy, a --data file or the demo
 * dataset. The one place the local store is created.
 */
import type { ProxyConfig } from './api/proxy.ts';
import type { Store } from './api/store.ts';
import { createStore } from './db/open-store.ts';

export type ViewerMode =
  | { kind: 'demo'; completions: number; messages: number }
  | { kind: 'file'; file: string; completions: number; messages: number }
  | { kind: 'proxy'; baseURL: string }
  | { kind: 'static' };

/**
 * Demo image URLs are generated with this placeholder origin and rewritten per response to the
 * origin the browser used (see ApiHandlerOptions.originPlaceholder).
 */
export const DEMO_ORIGIN_PLACEHOLDER = 'http://viewer-demo-origin.invalid';

export interface DataSource {
  mode: ViewerMode;
  /** The local modes' data (demo, file). */
  store?: Store;
  /** Demo mode: the origin placeholder in its image URLs. */
  originPlaceholder?: string;
  /** Closes the local database, if any. */
  close(): void;
}

export async function openDataSource(options: {
  api: boolean;
  proxy?: ProxyConfig | null;
  dataFile?: string;
  /** The local database (a path or ":memory:"); see db/open-store.ts. */
  db?: string;
  log: (line: string) => void;
}): Promise<DataSource> {
  const none = () => {};
  if (!options.api) return { mode: { kind: 'static' }, close: none };
  if (options.proxy)
    return { mode: { kind: 'proxy', baseURL: options.proxy.baseURL }, close: none };
  const local = await createStore({
    dataFile: options.dataFile,
    dbPath: options.db,
    demoOrigin: DEMO_ORIGIN_PLACEHOLDER,
    log: options.log,
  });
  const { store } = local;
  const counts = { completions: store.size, messages: store.messageCount };
  const close = () => local.close();
  if (options.dataFile)
    return { mode: { kind: 'file', file: options.dataFile, ...counts }, store, close };
  return {
    mode: { kind: 'demo', ...counts },
    store,
    originPlaceholder: DEMO_ORIGIN_PLACEHOLDER,
    close,
  };
}
