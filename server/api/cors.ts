/**
 * CORS for /v1, only in the "key required" mode: it mimics api.openai.com, which a browser may
 * call directly from any origin with a key. The default same-origin mode sends no CORS headers.
 * `*` is safe here because nothing rides on ambient credentials: the key is an explicit header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORS_ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';
export const CORS_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'openai-organization',
  'openai-project',
] as const;
export const CORS_EXPOSE_HEADERS =
  'x-request-id, retry-after, openai-organization, openai-project, openai-processing-ms';
export const CORS_MAX_AGE = '600';

/** Headers for every actual /v1 response (errors and 401s included). */
export function setCorsHeaders(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
}

/**
 * The allowed request headers for a preflight: the fixed list plus whichever requested headers
 * are `x-stainless-*` (the official SDK sends several, e.g. x-stainless-retry-count). Other
 * requested headers are left out, so the browser refuses the request.
 */
export function allowedHeaders(requested: string | string[] | undefined): string {
  const allowed: string[] = [...CORS_ALLOW_HEADERS];
  const list = Array.isArray(requested) ? requested.join(',') : (requested ?? '');
  for (const part of list.split(',')) {
    const name = part.trim().toLowerCase();
    if (/^x-stainless-[a-z0-9-]+$/.test(name) && !allowed.includes(name)) allowed.push(name);
  }
  return allowed.join(', ');
}

/** Answers an OPTIONS (preflight) request: 204, no key needed (browsers never send it here). */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  setCorsHeaders(res);
  res.setHeader('Access-Control-Allow-Methods', CORS_ALLOW_METHODS);
  res.setHeader(
    'Access-Control-Allow-Headers',
    allowedHeaders(req.headers['access-control-request-headers']),
  );
  res.setHeader('Access-Control-Max-Age', CORS_MAX_AGE);
  res.setHeader('Vary', 'Access-Control-Request-Headers');
  res.statusCode = 204;
  res.end();
}
