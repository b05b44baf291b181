/** The SQLite store's own parts: migrations, the streaming import, dataset switching, overlay. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseMetadataFilter } from '../api/metadata.ts';
import { parsePageParams } from '../api/pagination.ts';
import { DEMO_IDS } from '../data/demo-ids.ts';
import {
  MEMORY_DB,
  SchemaTooNewError,
  getMeta,
  openDatabase,
  schemaVersion,
  type Db,
} from '../db/database.ts';
import { importJsonl, type ImportProgress } from '../db/import-jsonl.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../db/migrations.ts';
import { demoCacheDir, openLocalStore } from '../db/open-store.ts';
import { SqliteStore } from '../db/sqlite-store.ts';
import { DEMO_ORIGIN_PLACEHOLDER } from '../data-source.ts';
import { startServer } from '../http.ts';
import { useTempDir } from './helpers.ts';

const temp = useTempDir('viewer-db-');
const file = temp.file;

const line = (id: string, created: number, extra: Record<string, unknown> = {}) => ({
  id,
  created,
  model: 'gpt-4o',
  metadata: { team: 'a' },
  messages: [
    { role: 'user', content: `hello from ${id}` },
    { id: `${id}-custom`, role: 'assistant', content: 'hi' },
  ],
  ...extra,
});

const count = (db: Db, sql: string) => db.prepare(sql).pluck().get() as number;

describe('schema migrations', () => {
  it('creates the latest schema in a new database, WAL for a file', () => {
    const path = join(temp.dir(), 'new.db');
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('applies only the migrations a database lacks', () => {
    const path = join(temp.dir(), 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!.sql);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO meta (key, value) VALUES ('dataset', 'kept')").run();
    old.close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(getMeta(db, 'dataset')).toBe('kept');
    expect(count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'search_fts'")).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer viewer, and leaves it as it is', async () => {
    const path = join(temp.dir(), 'newer.db');
    const newer = new Database(path);
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();
    expect(() => openDatabase(path)).toThrow(SchemaTooNewError);
    expect(() => openDatabase(path)).toThrow(
      `${path}: the database schema is version ${SCHEMA_VERSION + 1}, but this viewer knows versions up to ${SCHEMA_VERSION}.`,
    );
    await expect(startServer({ port: 0, quiet: true, db: path })).rejects.toThrow(
      /newer viewer: update this one, or point VIEWER_DB at another file/,
    );
    const again = new Database(path);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    again.close();
  });
});

describe('importJsonl', () => {
  it('streams a file in batches with progress, assigning missing message ids', async () => {
    const path = file(
      'ok.jsonl',
      Array.from({ length: 30 }, (_, i) => line(`c${String(i).padStart(2, '0')}`, 100 + i)),
    );
    const db = openDatabase(':memory:');
    const progress: ImportProgress[] = [];
    const result = await importJsonl(db, path, {
      batchMessages: 7,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({ completions: 30, messages: 60 });
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toMatchObject({ done: true, completions: 30, messages: 60 });
    const store = new SqliteStore(db);
    expect(store.size).toBe(30);
    const c05 = store.require('c05');
    expect(c05.completion).toMatchObject({ id: 'c05', object: 'chat.completion', choices: [] });
    expect(c05.completion).not.toHaveProperty('messages');
    expect(c05.messages.at(0)).toMatchObject({ id: 'c05-0', content: 'hello from c05' });
    expect(c05.messages.indexOf('c05-custom')).toBe(1);
    db.close();
  });

  it('is idempotent: importing the same file again leaves no duplicates', async () => {
    const path = file('twice.jsonl', [line('a', 1), line('b', 2)]);
    const db = openDatabase(':memory:');
    await importJsonl(db, path);
    const before = ['completions', 'messages', 'completion_metadata'].map((t) =>
      count(db, `SELECT count(*) FROM ${t}`),
    );
    const hits = () =>
      count(db, `SELECT count(*) FROM search_fts WHERE search_fts MATCH '"hello"'`);
    expect(hits()).toBe(2);
    await importJsonl(db, path);
    expect(
      ['completions', 'messages', 'completion_metadata'].map((t) =>
        count(db, `SELECT count(*) FROM ${t}`),
      ),
    ).toEqual(before);
    expect(hits()).toBe(2);
    db.close();
  });

  it.each([
    ['bad JSON', '{"id": "x",', /invalid JSON/],
    ['no created', JSON.stringify({ id: 'x', model: 'm', messages: [] }), /"created"/],
    ['a duplicate id', JSON.stringify(line('a', 5)), /duplicate id "a" \(first on line 1\)/],
  ])('fails on %s with the file and line, as the in-memory loader', async (_l, bad, problem) => {
    const path = file('bad.jsonl', [line('a', 1), '', bad, line('z', 3)]);
    const db = openDatabase(':memory:');
    const error = await importJsonl(db, path, { batchMessages: 1 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message.startsWith(`${path}:3: `)).toBe(true);
    expect(error?.message).toMatch(problem);
    db.close();
  });

  it('fails clearly on a missing file or a folder', async () => {
    const db = openDatabase(':memory:');
    await expect(importJsonl(db, join(temp.dir(), 'nope.jsonl'))).rejects.toThrow(
      /nope\.jsonl: cannot read the data file \(ENOENT\)/,
    );
    await expect(importJsonl(db, temp.dir())).rejects.toThrow(
      /cannot read the data file \(EISDIR\)/,
    );
    db.close();
  });
});

describe('openLocalStore (a database file)', () => {
  it('keeps a data file across restarts (warm start, mutations kept) and re-imports a changed one', async () => {
    const dbPath = join(temp.dir(), 'data', 'viewer.db');
    const data = file('data.jsonl', [line('a', 1), line('b', 2)]);
    const first = await openLocalStore({ dbPath, dataFile: data, demoOrigin: 'http://o' });
    expect(first.warm).toBe(false);
    first.store.delete('a');
    first.close();

    const second = await openLocalStore({ dbPath, dataFile: data, demoOrigin: 'http://o' });
    expect(second.warm).toBe(true);
    expect(second.store.get('a')).toBeUndefined();
    expect(second.store.size).toBe(1);
    second.close();

    file('data.jsonl', [line('c', 3)]);
    const third = await openLocalStore({ dbPath, dataFile: data, demoOrigin: 'http://o' });
    expect(third.warm).toBe(false);
    expect(
      third.store.list({}, parsePageParams(new URLSearchParams())).data.map((c) => c.id),
    ).toEqual(['c']);
    third.close();
  });

  it('switches between the demo (a copy of its template) and a data file', async () => {
    // Beside the default database, so the demo template built for the tests is used.
    const dbPath = join(demoCacheDir(MEMORY_DB), `test-${process.pid}-${Date.now()}.db`);
    const demoOrigin = DEMO_ORIGIN_PLACEHOLDER;
    try {
      const demo = await openLocalStore({ dbPath, demoOrigin });
      expect(demo.warm).toBe(false);
      expect(demo.db.pragma('journal_mode', { simple: true })).toBe('wal');
      const size = demo.store.size;
      expect(size).toBeGreaterThan(200);
      expect(demo.store.delete(DEMO_IDS.tools)).toBe(true);
      demo.close();
      const again = await openLocalStore({ dbPath, demoOrigin });
      expect(again.warm).toBe(true);
      expect(again.store.size).toBe(size - 1);
      again.close();
      const data = file('switch.jsonl', [line('a', 1)]);
      const other = await openLocalStore({ dbPath, dataFile: data, demoOrigin });
      expect(other.store.size).toBe(1);
      other.close();
      const back = await openLocalStore({ dbPath, demoOrigin });
      expect(back.warm).toBe(false);
      expect(back.store.size).toBe(size);
      back.close();
    } finally {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
    }
  });

  it('a failed import leaves no dataset marked as imported', async () => {
    const dbPath = join(temp.dir(), 'failed', 'viewer.db');
    const data = file('broken.jsonl', [line('a', 1), 'nope']);
    await expect(
      openLocalStore({ dbPath, dataFile: data, demoOrigin: 'http://o' }),
    ).rejects.toThrow(/broken\.jsonl:2: invalid JSON/);
    const db = openDatabase(dbPath);
    expect(getMeta(db, 'dataset')).toBe('importing');
    db.close();
  });
});

/** A store in memory holding these lines. */
async function storeOf(name: string, lines: unknown[]): Promise<{ db: Db; store: SqliteStore }> {
  const db = openDatabase(':memory:');
  await importJsonl(db, file(name, lines));
  return { db, store: new SqliteStore(db) };
}

/** The list filter and page of a query string, as the API parses them. */
const listArgs = (query: string) => {
  const q = new URLSearchParams(query);
  return [{ model: q.get('model'), metadata: parseMetadataFilter(q) }, parsePageParams(q)] as const;
};

describe('SqliteStore overlay', () => {
  it('filters by replaced metadata, hides deletions, and reset undoes both', async () => {
    const { db, store } = await storeOf('overlay.jsonl', [
      line('a', 1, { metadata: { team: 'a', x: '1' } }),
      line('b', 2, { metadata: { team: 'b' } }),
      line('c', 3, { metadata: {} }),
    ]);
    const ids = (query: string) => store.list(...listArgs(query)).data.map((c) => c.id);
    expect(ids('metadata[team]=a')).toEqual(['a']);
    store.updateMetadata('c', { team: 'a' });
    store.updateMetadata('a', {});
    store.delete('b');
    expect(ids('metadata[team]=a')).toEqual(['c']);
    expect(ids('metadata[x]=1')).toEqual([]);
    expect(ids('')).toEqual(['a', 'c']);
    expect(store.require('a').completion.metadata).toEqual({});
    store.reset();
    expect(ids('metadata[team]=a')).toEqual(['a']);
    expect(ids('metadata[x]=1')).toEqual(['a']);
    expect(store.size).toBe(3);
    db.close();
  });
});

describe('SqliteStore list pages', () => {
  it('read the (created, id) or (model, created, id) index in order: no scan, no sort', async () => {
    const { db, store } = await storeOf(
      'plans.jsonl',
      Array.from({ length: 50 }, (_, i) => line(`p${i}`, i % 7, { model: `m${i % 3}` })),
    );
    db.exec('ANALYZE');
    for (const query of [
      '',
      'order=desc',
      'after=p10',
      'after=p10&order=desc',
      'model=m1',
      'model=m1&after=p10&order=desc',
      'metadata[team]=a&after=p10',
      'model=m2&metadata[team]=a&metadata[x]=y&order=desc',
    ]) {
      const { sql, args } = store.listQuery(...listArgs(query));
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
      const index = query.includes('model=') ? 'completions_by_model' : 'completions_by_created';
      expect(plan, query).toMatch(new RegExp(`^(SCAN|SEARCH) c USING (COVERING )?INDEX ${index}`));
      expect(plan, query).not.toMatch(/TEMP B-TREE|SCAN m\b|SCAN o\b/);
    }
    db.close();
  });
});
