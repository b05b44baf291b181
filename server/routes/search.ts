/**
 * GET /__viewer/search (issue 14 §3): full-text search and the date-range list over the local
 * index (db/search.ts has the parameters, the query syntax and the answer's shape). Without a
 * local index (proxy mode, or the in-memory store) it answers 404 `search_unavailable`.
 */
import { ApiError } from '../api/errors.ts';
import type { Db } from '../db/database.ts';
import { parseSearchParams, search } from '../db/search.ts';
import { jsonReadEndpoint } from './mount.ts';

export const VIEWER_SEARCH_PATH = '/__viewer/search';

export const searchUnavailable = () =>
  new ApiError(
    404,
    'Search needs the local index, which this server does not have (proxy mode has none yet; the demo and --data modes have one).',
    { code: 'search_unavailable' },
  );

export function searchEndpoint(db: Db | null) {
  return jsonReadEndpoint((params) => {
    if (!db) throw searchUnavailable();
    const { query, filters, page } = parseSearchParams(params);
    return search(db, query, filters, page);
  });
}
