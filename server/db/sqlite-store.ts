/**
 * The local API's store over SQLite (see migrations.ts for the schema). Imported data is never
 * changed by the API: metadata updates and deletions go to `completion_overlay`, which is all
 * `reset()` clears. Lists are keyset pages over the (created, id) index (or (model, created,
 * id) with a model filter): a page reads about `limit` rows, whatever its position.
 */
import { completionNotFound, invalidParam } from '../api/errors.ts';
import { toPage, type PageParams } from '../api/pagination.ts';
import type { ListFilter, Store } from '../api/store.ts';
import type {
  CompletionObject,
  ListPage,
  MessageSource,
  Metadata,
  StoredCompletion,
} from '../api/types.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

interface CompletionRow {
  seq: number;
  id: string;
  created: number;
  json: string;
  message_count: number;
  /** From the overlay: replaced metadata (JSON), or null. */
  metadata: string | null;
}

/** Completions not deleted through the API, with their overlay's metadata. */
export const VISIBLE = `
  FROM completions c LEFT JOIN completion_overlay o ON o.completion_id = c.id
  WHERE (o.deleted IS NULL OR o.deleted = 0)`;
const COLUMNS = 'SELECT c.seq, c.id, c.created, c.json, c.message_count, o.metadata';

/**
 * One `metadata[key]=value` condition (2 x 2 parameters: key, value): the overlay's metadata
 * when the API replaced it, the imported pairs otherwise.
 */
const METADATA_MATCH = `
  AND CASE WHEN o.metadata IS NOT NULL
    THEN EXISTS (SELECT 1 FROM json_each(o.metadata) j
                 WHERE j.key = ? AND j.type = 'text' AND j.value = ?)
    ELSE EXISTS (SELECT 1 FROM completion_metadata m
                 WHERE m.completion_seq = c.seq AND m.key = ? AND m.value = ?)
  END`;

/** The conditions of the list's filters (model, metadata), their parameters pushed on `args`. */
export function listFilterSql(filter: ListFilter, args: unknown[]): string {
  let sql = '';
  if (filter.model) {
    sql += ' AND c.model = ?';
    args.push(filter.model);
  }
  for (const [key, value] of filter.metadata ?? []) {
    sql += METADATA_MATCH;
    args.push(key, value, key, value);
  }
  return sql;
}

function toCompletion(row: CompletionRow): CompletionObject {
  const completion = JSON.parse(row.json) as CompletionObject;
  if (row.metadata === null) return completion;
  return { ...completion, metadata: JSON.parse(row.metadata) as Metadata };
}

export class SqliteStore implements Store {
  private readonly statements;
  /** Prepared list queries by shape (order, filters), built on first use. */
  private readonly listQueries = new Map<string, Statement<unknown[]>>();

  constructor(readonly db: Db) {
    this.statements = {
      get: db.prepare(`${COLUMNS} ${VISIBLE} AND c.id = ?`),
      size: db.prepare(`SELECT count(*) AS n, coalesce(sum(c.message_count), 0) AS m ${VISIBLE}`),
      message: db.prepare('SELECT json FROM messages WHERE completion_seq = ? AND idx = ?'),
      messageIndex: db.prepare(
        'SELECT min(idx) AS idx FROM messages WHERE completion_seq = ? AND id = ?',
      ),
      delete: db.prepare(
        `INSERT INTO completion_overlay (completion_id, deleted) VALUES (?, 1)
         ON CONFLICT (completion_id) DO UPDATE SET deleted = 1`,
      ),
      setMetadata: db.prepare(
        `INSERT INTO completion_overlay (completion_id, metadata) VALUES (?, ?)
         ON CONFLICT (completion_id) DO UPDATE SET metadata = excluded.metadata`,
      ),
      reset: db.prepare('DELETE FROM completion_overlay'),
    };
  }

  get size(): number {
    return (this.statements.size.get() as { n: number }).n;
  }

  get messageCount(): number {
    return (this.statements.size.get() as { m: number }).m;
  }

  private row(id: string): CompletionRow | undefined {
    return this.statements.get.get(id) as CompletionRow | undefined;
  }

  get(id: string): StoredCompletion | undefined {
    const row = this.row(id);
    if (!row) return undefined;
    return {
      completion: toCompletion(row),
      messages: this.messageSource(row.seq, row.message_count),
    };
  }

  require(id: string): StoredCompletion {
    const item = this.get(id);
    if (!item) throw completionNotFound(id);
    return item;
  }

  private messageSource(completionSeq: number, count: number): MessageSource {
    const { message, messageIndex } = this.statements;
    return {
      count,
      at(i) {
        const row = message.get(completionSeq, i) as { json: string } | undefined;
        return row ? (JSON.parse(row.json) as unknown) : undefined;
      },
      indexOf(id) {
        const row = messageIndex.get(completionSeq, id) as { idx: number | null };
        return row.idx ?? -1;
      },
    };
  }

  delete(id: string): boolean {
    if (!this.row(id)) return false;
    this.statements.delete.run(id);
    return true;
  }

  updateMetadata(id: string, metadata: Metadata): CompletionObject {
    const row = this.row(id);
    if (!row) throw completionNotFound(id);
    const json = JSON.stringify(metadata);
    this.statements.setMetadata.run(id, json);
    return toCompletion({ ...row, metadata: json });
  }

  reset(): void {
    this.statements.reset.run();
  }

  list(filter: ListFilter, params: PageParams): ListPage<CompletionObject> {
    const { sql, args } = this.listQuery(filter, params);
    let statement = this.listQueries.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[]>(sql);
      this.listQueries.set(sql, statement);
    }
    const rows = statement.all(...args) as CompletionRow[];
    const hasMore = rows.length > params.limit;
    return toPage(rows.slice(0, params.limit).map(toCompletion), hasMore);
  }

  /** The query of one list page (one more row than `limit`, to know `has_more`). */
  listQuery(filter: ListFilter, params: PageParams): { sql: string; args: unknown[] } {
    const args: unknown[] = [];
    let sql = `${COLUMNS} ${VISIBLE}${listFilterSql(filter, args)}`;
    if (params.after !== null) {
      // The cursor is positioned by its sort key, so it works even when the cursor item itself
      // does not match the filters; it must however exist.
      const anchor = this.row(params.after);
      if (!anchor) {
        throw invalidParam(
          'after',
          `Invalid 'after': no chat completion found with id '${params.after}'.`,
        );
      }
      sql +=
        params.order === 'asc'
          ? ' AND (c.created, c.id) > (?, ?)'
          : ' AND (c.created, c.id) < (?, ?)';
      args.push(anchor.created, anchor.id);
    }
    const direction = params.order === 'asc' ? 'ASC' : 'DESC';
    sql += ` ORDER BY c.created ${direction}, c.id ${direction} LIMIT ?`;
    args.push(params.limit + 1);
    return { sql, args };
  }
}
