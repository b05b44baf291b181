/**
 * The demo dataset in the database. Generating and importing it takes seconds (conversations
 * of up to 100,000 messages), so it is done once into a template file keyed by a hash of the
 * generator's and the importer's source (any change to either re-imports); a database is then
 * a copy of that file (or, in memory, its bytes).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemoDataset } from '../data/demo.ts';
import { openDatabase, setMeta, type Db } from './database.ts';
import { SCHEMA_VERSION } from './migrations.ts';
import { createWriter } from './write.ts';

const SOURCE_DIRS = ['../data/', './'].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));

/** The dataset key of the demo: changes whenever its generator or the import code changes. */
export function demoDatasetKey(origin: string): string {
  const hash = createHash('sha256');
  hash.update(`schema ${SCHEMA_VERSION}\norigin ${origin}\n`);
  for (const dir of SOURCE_DIRS) {
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.ts'))
      .sort()) {
      hash.update(`${name}\n`);
      hash.update(readFileSync(join(dir, name)));
    }
  }
  return `demo:${hash.digest('hex').slice(0, 16)}`;
}

/** Generates the demo dataset into `db` (in a few transactions). */
export function importDemo(db: Db, origin: string): { completions: number; messages: number } {
  const writer = createWriter(db);
  const data = generateDemoDataset({ origin });
  let messages = 0;
  db.transaction(() => {
    for (const item of data) {
      writer.put(item.completion, item.messages);
      messages += item.messages.count;
    }
  })();
  return { completions: data.length, messages };
}

/**
 * The demo template in `cacheDir` (built if missing; older ones there are removed) and its
 * dataset key. Safe when several processes build it at once: each writes its own temporary
 * file and renames it into place.
 */
export function demoTemplate(
  cacheDir: string,
  origin: string,
  key = demoDatasetKey(origin),
): { path: string; key: string } {
  const name = `${key.replace(':', '-')}.db`;
  const path = join(cacheDir, name);
  if (existsSync(path)) return { path, key };
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const db = openDatabase(temporary);
  try {
    db.pragma('synchronous = OFF');
    importDemo(db, origin);
    setMeta(db, 'dataset', key);
    // A self-contained file (no -wal beside it), so it can be copied as it is.
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    db.close();
    rmSync(temporary, { force: true });
    throw error;
  }
  db.close();
  renameSync(temporary, path);
  for (const other of readdirSync(cacheDir)) {
    if (/^demo-[0-9a-f]+\.db$/.test(other) && other !== name)
      rmSync(join(cacheDir, other), { force: true });
  }
  return { path, key };
}
