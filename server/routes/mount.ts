/** The shape every route module has: a path test and a handler, tried in order by app.ts. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendText, type RouteHandler } from '../http-util.ts';

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
