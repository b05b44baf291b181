/**
 * Search over the local index (issue 14 §3): completions whose messages or answer match a
 * query (syntax: search-query.ts), ranked or by date, combined with the list's filters (model,
 * metadata, with the API's overlay) and a date range; or, without a query, the list itself by
 * date with those filters over the (created, id) indexes.
 *
 * Ranking: FTS5's bm25 per message (lower is better); a completion scores its best message's
 * bm25, made up to 10% better per further matching message (at most 2x), so a conversation
 * that keeps talking about it outranks a single mention of the same strength.
 *
 * Date bounds (`created_after`, `created_before`; see parseTimeBound): unix seconds, an ISO 8601
 * date-time (no offset = UTC), or a date (a UTC day). `created_after` is inclusive (created >=
 * the instant, or the day's start); `created_before` is exclusive for an instant (created <
 * it) and takes the whole day for a date (created < the next day's start), so
 * `created_after=2026-12-01&created_before=2026-12-01` is that day.
 */
import { ApiError, invalidParam } from '../api/errors.ts';
import { parseMetadataFilter } from '../api/metadata.ts';
import { DEFAULT_LIMIT, MAX_LIMIT } from '../api/pagination.ts';
import type { Metadata } from '../api/types.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import {
  parseQuery,
  snippet,
  toFtsExpression,
  type ParsedQuery,
  type Segment,
} from './search-query.ts';
import { answerOf, messageTexts } from './search-text.ts';
import { listFilterSql, VISIBLE } from './sqlite-store.ts';

export type SearchOrder = 'relevance' | 'asc' | 'desc';

export interface SearchFilters {
  model?: string;
  /** metadata[key]=value pairs, all must match (the overlay's metadata when replaced). */
  metadata?: [string, string][];
  /** Unix seconds, inclusive. */
  createdAfter?: number;
  /** Unix seconds, exclusive. */
  createdBefore?: number;
}

export interface SearchPage {
  /** 1–100; default 20. */
  limit?: number;
  /** Default: relevance with a query, desc without. */
  order?: SearchOrder;
  /** The `next_cursor` of the previous page. */
  after?: string | null;
}

export interface SearchMessage {
  /** The message's id; null for the answer (or a message without one). */
  id: string | null;
  /** Whether this is the completion's answer (choices[0].message). */
  answer: boolean;
  /** Position among the input messages; null for the answer. */
  index: number | null;
  role: string | null;
  /** Around the first match, matches marked; plain text, never HTML. */
  snippet: Segment[];
}

export interface SearchHit {
  id: string;
  model: string;
  created: number;
  metadata: Metadata;
  /** Messages that match (the answer counts as one); null when listing without a query. */
  hits: number | null;
  /**
   * The best matching message (order=relevance), or the first that matches (by date: no
   * scoring); null when listing without a query.
   */
  message: SearchMessage | null;
}

export interface SearchResult {
  object: 'list';
  data: SearchHit[];
  has_more: boolean;
  /** Pass as `after` for the next page; null on the last one. */
  next_cursor: string | null;
  /** Completions matching in all (not only this page); with `total_exact` false, at least. */
  total: number;
  total_exact: boolean;
}

/** Counting stops here when listing without a query (a count reads every matching row). */
export const TOTAL_CAP = 10_000;

interface Row {
  seq: number;
  id: string;
  created: number;
  model: string;
  metadata: string | null;
  hits?: number;
  best_rowid?: number;
  score?: number;
  total?: number;
}

// ---------------------------------------------------------------------------------------------
// Parameters

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:([Zz])|([+\- ])(\d{2}):?(\d{2}))?$/;

/**
 * A date bound as unix seconds: unix seconds (digits, optionally with a fraction), an ISO 8601
 * date-time (`2026-12-01T14:00`, `…:30Z`, `…:30.5+02:00`; no offset = UTC; a space for the "+"
 * of an offset, as an unencoded "+" in a URL arrives, is accepted), or a date (`2026-12-01`, a
 * UTC day: its start for `after`, the next day's start for `before`, see the module's note).
 * Throws a 400 (OpenAI's error shape) naming `param` otherwise.
 */
export function parseTimeBound(value: string, param: string, bound: 'after' | 'before'): number {
  const v = value.trim();
  const invalid = () =>
    invalidParam(
      param,
      `Invalid '${param}': expected unix seconds, an ISO 8601 date (2026-12-01) or date-time (2026-12-01T14:00:00Z), but got '${value.slice(0, 100)}' instead.`,
    );
  if (/^\d{1,12}(\.\d+)?$/.test(v)) return Number(v);
  const valid = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => {
    const t = Date.UTC(y, mo - 1, d, h, mi, s);
    const date = new Date(t);
    if (
      y < 1970 ||
      date.getUTCFullYear() !== y ||
      date.getUTCMonth() !== mo - 1 ||
      date.getUTCDate() !== d ||
      h > 23 ||
      mi > 59 ||
      s > 59
    ) {
      throw invalid();
    }
    return t / 1000;
  };
  const day = DATE.exec(v);
  if (day) {
    const start = valid(Number(day[1]), Number(day[2]), Number(day[3]));
    return bound === 'after' ? start : start + 86_400;
  }
  const m = DATE_TIME.exec(v);
  if (!m) throw invalid();
  let t = valid(
    Number(m[1]),
    Number(m[2]),
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6] ?? 0),
  );
  if (m[7]) t += Number(m[7]);
  if (m[9]) {
    const [hours, minutes] = [Number(m[10]), Number(m[11])];
    if (hours > 23 || minutes > 59) throw invalid();
    const offset = (hours * 60 + minutes) * 60;
    t += m[9] === '-' ? offset : -offset;
  }
  return t;
}

interface Cursor {
  order: SearchOrder;
  key: number;
  id: string;
}

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify([c.order, c.key, c.id]), 'utf8').toString('base64url');

function decodeCursor(value: string, order: SearchOrder): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === order &&
      typeof parsed[1] === 'number' &&
      typeof parsed[2] === 'string'
    ) {
      return { order, key: parsed[1], id: parsed[2] };
    }
  } catch {
    // below
  }
  throw invalidParam(
    'after',
    `Invalid 'after': not a cursor of this search (use the previous page's next_cursor with the same order).`,
  );
}

// ---------------------------------------------------------------------------------------------
// Queries

function filterSql(filters: SearchFilters, args: unknown[]): string {
  let sql = listFilterSql(filters, args);
  if (filters.createdAfter !== undefined) {
    sql += ' AND c.created >= ?';
    args.push(filters.createdAfter);
  }
  if (filters.createdBefore !== undefined) {
    sql += ' AND c.created < ?';
    args.push(filters.createdBefore);
  }
  return sql;
}

/**
 * The matching messages, grouped per completion, filtered; columns of Row. Ranked: bm25 of
 * every match, the best message is the best scored. By date: no scoring (most of the cost of
 * a common word), the message shown is the first that matches (the answer when only it does).
 */
function matchingSql(
  expression: string,
  ranked: boolean,
  filters: SearchFilters,
  args: unknown[],
): string {
  args.push(expression);
  const best = ranked
    ? // SQLite takes the bare column (rowid) from the row with the min().
      'min(score) AS best, rowid AS best_rowid'
    : 'NULL AS best, coalesce(min(CASE WHEN rowid > 0 THEN rowid END), min(rowid)) AS best_rowid';
  const sql = `
    WITH matches AS MATERIALIZED (
      -- bm25() only works in the plain full-text query.
      SELECT rowid, ${ranked ? 'bm25(search_fts)' : 'NULL'} AS score
      FROM search_fts WHERE search_fts MATCH ?
    ),
    hits AS (
      SELECT r.rowid, r.score, CASE WHEN r.rowid < 0 THEN -r.rowid ELSE m.completion_seq END AS cseq
      FROM matches r LEFT JOIN messages m ON m.seq = r.rowid
    ),
    best AS MATERIALIZED (
      SELECT cseq, ${best}, count(*) AS hits FROM hits GROUP BY cseq
    )
    SELECT c.seq, c.id, c.created, c.model, o.metadata, b.hits, b.best_rowid,
      b.best * (1.0 + 0.1 * min(b.hits - 1, 10)) AS score, count(*) OVER () AS total
    -- CROSS JOIN: the matches drive the join (the planner may otherwise start from a date
    -- range index and look the matches up per completion).
    FROM best b CROSS JOIN completions c ON c.seq = b.cseq
      LEFT JOIN completion_overlay o ON o.completion_id = c.id
    WHERE (o.deleted IS NULL OR o.deleted = 0)`;
  return sql + filterSql(filters, args);
}

const statementCache = new WeakMap<Db, Map<string, Statement<unknown[]>>>();

function prepared(db: Db, sql: string) {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare<unknown[]>(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** The overlay's metadata, or the completion's own. */
function metadataOf(row: Row, completion: StoredJson): Metadata {
  if (row.metadata !== null) return JSON.parse(row.metadata) as Metadata;
  return completion.metadata ?? {};
}

/** Read for a page's rows only: sorting every match with its JSON would cost much more. */
interface StoredJson {
  metadata?: Metadata | null;
  choices?: unknown;
}

function bestMessage(db: Db, row: Row, completion: StoredJson, query: ParsedQuery): SearchMessage {
  const rowid = row.best_rowid!;
  let message: unknown;
  let index: number | null = null;
  let id: string | null = null;
  if (rowid < 0) {
    message = answerOf(completion);
  } else {
    const m = prepared(db, 'SELECT idx, id, json FROM messages WHERE seq = ?').get(rowid) as {
      idx: number;
      id: string | null;
      json: string;
    };
    message = JSON.parse(m.json) as unknown;
    index = m.idx;
    id = m.id;
  }
  const role =
    message &&
    typeof message === 'object' &&
    typeof (message as { role?: unknown }).role === 'string'
      ? (message as { role: string }).role
      : null;
  return {
    id,
    answer: rowid < 0,
    index,
    role,
    snippet: snippet(messageTexts(message).join('\n'), query),
  };
}

/**
 * One page of search results (or, with an empty `query`, of the list by date). Throws a 400
 * ApiError for a query with nothing to look for, a bad limit, order or cursor.
 */
export function search(
  db: Db,
  query: string,
  filters: SearchFilters = {},
  page: SearchPage = {},
): SearchResult {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalidParam('limit', `Invalid 'limit': expected an integer from 1 to ${MAX_LIMIT}.`);
  }
  const text = query.trim();
  const parsed = parseQuery(text);
  const expression = text === '' ? null : toFtsExpression(parsed);
  if (text !== '' && expression === null) {
    throw new ApiError(
      400,
      `Invalid 'q': nothing to search for. Type at least one word (punctuation, symbols and emoji are not indexed, and an exclusion like -word needs a word to search for).`,
      { param: 'q', code: 'invalid_value' },
    );
  }
  const order = page.order ?? (expression ? 'relevance' : 'desc');
  if (order === 'relevance' && !expression) {
    throw invalidParam('order', `Invalid 'order': 'relevance' needs a query ('q').`);
  }
  const cursor = page.after ? decodeCursor(page.after, order) : null;

  const args: unknown[] = [];
  let sql: string;
  let countSql: string | null = null;
  const countArgs: unknown[] = [];
  if (expression) {
    sql = `SELECT * FROM (${matchingSql(expression, order === 'relevance', filters, args)})`;
  } else {
    sql = `SELECT c.seq, c.id, c.created, c.model, o.metadata ${VISIBLE}`;
    sql += filterSql(filters, args);
    const where = `${VISIBLE}${filterSql(filters, countArgs)}`;
    countSql = `SELECT count(*) FROM (SELECT 1 ${where} LIMIT ${TOTAL_CAP + 1})`;
  }
  const key = order === 'relevance' ? 'score' : 'created';
  const outer = expression ? '' : 'c.';
  if (cursor) {
    sql += `${expression ? ' WHERE' : ' AND'} (${outer}${key}, ${outer}id) ${order === 'desc' ? '<' : '>'} (?, ?)`;
    args.push(cursor.key, cursor.id);
  }
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  sql += ` ORDER BY ${outer}${key} ${direction}, ${outer}id ${direction} LIMIT ?`;
  args.push(limit + 1);

  const rows = prepared(db, sql).all(...args) as Row[];
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const json = prepared(db, 'SELECT json FROM completions WHERE seq = ?').pluck();
  const data = pageRows.map((row): SearchHit => {
    const completion = JSON.parse(json.get(row.seq) as string) as StoredJson;
    return {
      id: row.id,
      model: row.model,
      created: row.created,
      metadata: metadataOf(row, completion),
      hits: row.hits ?? null,
      message: expression ? bestMessage(db, row, completion, parsed) : null,
    };
  });
  const last = pageRows[pageRows.length - 1];
  let total: number;
  let exact = true;
  if (countSql) {
    total = prepared(db, countSql)
      .pluck()
      .get(...countArgs) as number;
    if (total > TOTAL_CAP) [total, exact] = [TOTAL_CAP, false];
  } else {
    // The window count is over every match, before the cursor: the same on every page. An
    // empty page past a cursor has no row to read it from (the data changed meanwhile).
    total = rows[0]?.total ?? 0;
    if (!rows[0] && cursor) exact = false;
  }
  return {
    object: 'list',
    data,
    has_more: hasMore,
    next_cursor:
      hasMore && last
        ? encodeCursor({
            order,
            key: order === 'relevance' ? (last.score ?? 0) : last.created,
            id: last.id,
          })
        : null,
    total,
    total_exact: exact,
  };
}

/** Parses the endpoint's query string (q, model, metadata[k]=v, dates, order, limit, after). */
export function parseSearchParams(params: URLSearchParams): {
  query: string;
  filters: SearchFilters;
  page: SearchPage;
} {
  const filters: SearchFilters = {};
  const model = params.get('model');
  if (model !== null && model !== '') filters.model = model;
  const metadata = parseMetadataFilter(params);
  if (metadata.length > 0) filters.metadata = metadata;
  const after = params.get('created_after');
  if (after !== null && after !== '') {
    filters.createdAfter = parseTimeBound(after, 'created_after', 'after');
  }
  const before = params.get('created_before');
  if (before !== null && before !== '') {
    filters.createdBefore = parseTimeBound(before, 'created_before', 'before');
  }
  const page: SearchPage = {};
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d{1,4}$/.test(limit.trim())) {
      throw invalidParam(
        'limit',
        `Invalid 'limit': expected an integer from 1 to ${MAX_LIMIT}, but got '${limit.slice(0, 40)}' instead.`,
      );
    }
    page.limit = Number(limit);
  }
  const order = params.get('order');
  if (order !== null && order !== '') {
    if (order !== 'relevance' && order !== 'asc' && order !== 'desc') {
      throw invalidParam(
        'order',
        `Invalid value: '${order.slice(0, 40)}'. Supported values are: 'relevance', 'asc' and 'desc'.`,
      );
    }
    page.order = order;
  }
  const cursor = params.get('after');
  if (cursor !== null && cursor !== '') page.after = cursor;
  return { query: params.get('q') ?? '', filters, page };
}
