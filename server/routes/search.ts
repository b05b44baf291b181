/**
 * GET /__viewer/search (issue 14 §3): full-text search and the date-range list over the local
 * index (db/search.ts has the parameters, the query syntax and the answer's shape). Without a
 * local index (proxy mode, or the in-memory store) it answers 404 `search_unavailable`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/errors.ts';
import type { Db } from '../db/database.ts';
import { parseSearchParams, search } from '../db/search.ts';
import { sendBody, splitUrl } from '../http-util.ts';
import { sendApiError } from '../security.ts';
import { refusedUnlessRead } from './mount.ts';

export const VIEWER_SEARCH_PATH = '/__viewer/search';

export const searchUnavailable = () =>
  new ApiError(
    404,
    'Search needs the local index, which this server does not have (proxy mode has none yet; the demo and --data modes have one).',
    { code: 'search_unavailable' },
  );

export function searchEndpoint(db: Db | null) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (await refusedUnlessRead(req, res)) return;
    let body: Buffer;
    try {
      if (!db) throw searchUnavailable();
      const { query, filters, page } = parseSearchParams(
        new URLSearchParams(splitUrl(req.url).search),
      );
      body = Buffer.from(JSON.stringify(search(db, query, filters, page)), 'utf8');
    } catch (error) {
      if (error instanceof ApiError) return sendApiError(req, res, error);
      throw error;
    }
    await sendBody(
      req,
      res,
      200,
      {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
      body,
    );
  };
}
