/**
 * /v1: the stored-completions API (server/api/: the local store or the proxy), or a plain 404
 * on a static-only server.
 */
import { createApiHandler, type ApiHandlerOptions } from '../api/index.ts';
import { notFound, type Mount } from './mount.ts';

/** `options` null: static only. */
export function v1Routes(options: ApiHandlerOptions | null): Mount {
  return {
    matches: (pathname) => pathname === '/v1' || pathname.startsWith('/v1/'),
    handle: options ? createApiHandler(options) : notFound,
  };
}
