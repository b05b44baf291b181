/** The shape every route module has: a path test and a handler, tried in order by app.ts. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api/errors.ts';
import { sendBody, sendText, splitUrl, type RouteHandler } from '../http-util.ts';
import { sendApiError } from '../security.ts';

export type { RouteHandler } from '../http-util.ts';

export interface Mount {
  matches(pathname: string): boolean;
  handle: RouteHandler;
}

export const notFound: RouteHandler = (req, res) => sendText(req, res, 404, 'Not found');

/** Paths below `prefix` (which ends with "/"). */
export function prefixMount(prefix: string, handle: RouteHandler): Mount {
  return { matches: (pathname) => pathname.startsWith(prefix), handle };
}

/**
 * Answers 405 (with Allow) for a method other than GET or HEAD; true when it did. For the
 * read-only routes: static files, demo images, /__viewer/info.
 */
export async function refusedUnlessRead(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (req.method === 'GET' || req.method === 'HEAD') return false;
  await sendText(req, res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
  return true;
}

/**
 * A read-only JSON endpoint: 405 for other methods, `answer(query)` as no-store JSON, and an
 * ApiError it throws as OpenAI's error shape (anything else is a bug, left to the caller).
 */
export function jsonReadEndpoint(answer: (query: URLSearchParams) => unknown) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (await refusedUnlessRead(req, res)) return;
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(answer(new URLSearchParams(splitUrl(req.url).search))));
    } catch (error) {
      if (error instanceof ApiError) return sendApiError(req, res, error);
      throw error;
    }
    const headers = {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    };
    await sendBody(req, res, 200, headers, body);
  };
}
