/**
 * Opening the local SQLite database: pragmas (WAL for a file), then the schema migrations
 * (migrations.ts) in one transaction each. A database whose schema is newer than this code
 * knows is refused, never modified.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.ts';

export type Db = Database.Database;

/** Where the database lives unless VIEWER_DB says otherwise (relative to the working folder). */
export const DEFAULT_DB_PATH = '.viewer-data/viewer.db';
export const MEMORY_DB = ':memory:';

/** VIEWER_DB, or the default file. */
export function dbPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIEWER_DB?.trim() || DEFAULT_DB_PATH;
}

export class SchemaTooNewError extends Error {
  constructor(where: string, found: number) {
    super(
      `${where}: the database schema is version ${found}, but this viewer knows versions up to ${SCHEMA_VERSION}. ` +
        'It was written by a newer viewer: update this one, or point VIEWER_DB at another file.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Opens (creating it and its folder if needed) and migrates a database: a path, ":memory:",
 * or the bytes of a serialized database (opened in memory).
 */
export function openDatabase(source: string | Buffer): Db {
  const isFile = typeof source === 'string' && source !== MEMORY_DB;
  if (isFile) mkdirSync(dirname(resolve(source)), { recursive: true });
  const db = new Database(source);
  try {
    if (isFile) {
      db.pragma('journal_mode = WAL');
      // Durable enough for a viewer's index (WAL keeps it consistent); much faster imports.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
    }
    db.pragma('foreign_keys = ON');
    migrate(db, typeof source === 'string' ? source : 'the database');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, where: string): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) throw new SchemaTooNewError(where, current);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}
