/**
 * The local database's schema, as numbered migrations: `PRAGMA user_version` holds the number of
 * the last one applied. Append new migrations, never edit a released one (a database made by
 * an older version of the viewer replays only what it lacks).
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'completions, messages, metadata, mutation overlay',
    sql: `
      -- What the viewer knows about the data it holds (e.g. which dataset was imported).
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

      -- A completion as served by GET /v1/chat/completions/{id} (extra fields kept), plus the
      -- columns the list endpoint filters and orders by.
      -- seq: a compact key for the rows of the tables below (and the full-text index).
      CREATE TABLE completions (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created INTEGER NOT NULL,
        model TEXT NOT NULL,
        message_count INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX completions_by_created ON completions (created, id);
      CREATE INDEX completions_by_model ON completions (model, created, id);

      -- The string pairs of each completion's metadata, for metadata[key]=value filters.
      CREATE TABLE completion_metadata (
        completion_seq INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (completion_seq, key)
      ) WITHOUT ROWID;
      CREATE INDEX completion_metadata_by_pair ON completion_metadata (key, value, completion_seq);

      -- Input messages in order; any JSON (a data file may hold broken items, served as-is).
      -- Message ids are not unique: a data file may repeat one, and the first one wins.
      -- seq is the message's row in the full-text index.
      CREATE TABLE messages (
        seq INTEGER PRIMARY KEY,
        completion_seq INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        id TEXT,
        json TEXT NOT NULL,
        UNIQUE (completion_seq, idx)
      );
      CREATE INDEX messages_by_id ON messages (completion_seq, id);

      -- Changes made through the API (metadata updates, deletions) over the imported data, so
      -- the test-only reset is one DELETE. A row exists only for a changed completion.
      CREATE TABLE completion_overlay (
        completion_id TEXT PRIMARY KEY,
        deleted INTEGER NOT NULL DEFAULT 0,
        metadata TEXT
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'full-text index over messages and answers',
    sql: `
      -- The searchable text of each message (rowid = messages.seq) and of each completion's
      -- answer, choices[0].message (rowid = -completions.seq), as prepared by search-text.ts
      -- (CJK characters spaced apart, so any run of them is a phrase of one-character tokens).
      -- Contentless: the text is in the JSON already (snippets can be cut from it).
      -- Case- and accent-insensitive words ("cafe" finds "café"); punctuation splits words, so
      -- an id like A-1042 or call_abc123 is a phrase query of its parts.
      CREATE VIRTUAL TABLE search_fts USING fts5 (
        text,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
