/**
 * The one entry point the server uses: a SQLite-backed store holding the demo or a `--data`
 * file, in the database at `dbPath` (a file, or ":memory:").
 *
 * The database holds one dataset, named in `meta.dataset`: the demo (keyed by its generator's
 * version, see import-demo.ts) or a data file (its real path, size and modification time).
 * When that is what is asked for, the database is used as it is (warm start, mutations made
 * through the API kept); otherwise it is replaced: a copy of the demo template, or a fresh
 * streaming import of the file.
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CompletionStore, type Store } from '../api/store.ts';
import { generateDemoDataset } from '../data/demo.ts';
import { loadJsonlFile, unreadableFileError } from '../data/jsonl.ts';
import {
  DEFAULT_DB_PATH,
  MEMORY_DB,
  dbPathFromEnv,
  getMeta,
  openDatabase,
  setMeta,
  type Db,
} from './database.ts';
import { demoDatasetKey, demoTemplate } from './import-demo.ts';
import { importJsonl, type ImportProgress } from './import-jsonl.ts';
import { SqliteStore } from './sqlite-store.ts';

export interface LocalStoreOptions {
  /** A file path or ":memory:". */
  dbPath: string;
  /** Import this JSONL file; the demo otherwise. */
  dataFile?: string;
  /** The origin placeholder demo image URLs are generated with. */
  demoOrigin: string;
  /** Progress and notes (stderr); nothing when omitted. */
  log?: (line: string) => void;
}

export interface LocalStore {
  store: SqliteStore;
  db: Db;
  /** Whether the data was already in the database (no import nor copy). */
  warm: boolean;
  close(): void;
}

async function fileDatasetKey(file: string): Promise<string> {
  try {
    const info = await stat(file);
    return `file:${await realpath(file)}:${info.size}:${info.mtimeMs}`;
  } catch (error) {
    throw unreadableFileError(file, error);
  }
}

function removeDatabaseFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}

function describeProgress(p: ImportProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const mb = (x: number) => (x / 1e6).toFixed(1);
  const percent = p.totalBytes > 0 ? Math.floor((100 * p.bytesRead) / p.totalBytes) : 100;
  return `[viewer] importing ${p.file}: ${percent}% (${mb(p.bytesRead)}/${mb(p.totalBytes)} MB), ${n(p.completions)} completions, ${n(p.messages)} messages${p.done ? ', done' : ''}`;
}

/** Where the demo template for a database lives: beside it (or in the default folder). */
export function demoCacheDir(dbPath: string): string {
  return dirname(resolve(dbPath === MEMORY_DB ? DEFAULT_DB_PATH : dbPath));
}

export async function openLocalStore(options: LocalStoreOptions): Promise<LocalStore> {
  const memory = options.dbPath === MEMORY_DB;
  const path = memory ? MEMORY_DB : resolve(options.dbPath);
  const log = options.log ?? (() => {});
  // The demo's key comes with its template, below.
  const wanted = options.dataFile ? await fileDatasetKey(options.dataFile) : null;

  let db: Db | undefined = memory ? undefined : openDatabase(path);
  const done = (warm: boolean): LocalStore => {
    const opened = db!;
    return { store: new SqliteStore(opened), db: opened, warm, close: () => opened.close() };
  };

  if (!options.dataFile) {
    const key = demoDatasetKey(options.demoOrigin);
    if (db && getMeta(db, 'dataset') === key) return done(true);
    const template = demoTemplate(demoCacheDir(path), options.demoOrigin, key);
    if (memory) {
      db = openDatabase(readFileSync(template.path));
    } else {
      db!.close();
      removeDatabaseFile(path);
      copyFileSync(template.path, path);
      db = openDatabase(path);
    }
    return done(false);
  }

  if (db && getMeta(db, 'dataset') === wanted) return done(true);
  if (db) {
    db.close();
    removeDatabaseFile(path);
  }
  db = openDatabase(path);
  try {
    setMeta(db, 'dataset', 'importing');
    await importJsonl(db, options.dataFile, {
      onProgress: (p) => log(describeProgress(p)),
    });
    setMeta(db, 'dataset', wanted!);
    // Statistics for the query planner on the new data.
    db.pragma('optimize');
  } catch (error) {
    db.close();
    throw error;
  }
  return done(false);
}

export interface StoreOptions {
  dataFile?: string;
  /** Default: VIEWER_DB, or DEFAULT_DB_PATH. */
  dbPath?: string;
  /** 'memory': the in-memory store, no database; default: VIEWER_STORE, or 'sqlite'. */
  kind?: 'sqlite' | 'memory';
  demoOrigin: string;
  log?: (line: string) => void;
}

/** The local API's store for the demo or a data file, as the server asks for it. */
export async function createStore(options: StoreOptions): Promise<{ store: Store; close(): void }> {
  const kind = options.kind ?? (process.env.VIEWER_STORE === 'memory' ? 'memory' : 'sqlite');
  if (kind === 'memory') {
    const items = options.dataFile
      ? await loadJsonlFile(options.dataFile)
      : generateDemoDataset({ origin: options.demoOrigin });
    return { store: new CompletionStore(items), close: () => {} };
  }
  return openLocalStore({
    dbPath: options.dbPath ?? dbPathFromEnv(),
    dataFile: options.dataFile,
    demoOrigin: options.demoOrigin,
    log: options.log,
  });
}
