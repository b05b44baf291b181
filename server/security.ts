/**
 * What keeps other sites and hostile pages away from the viewer's server (see docs/security.md):
 * the security headers on every answer (CSP and friends), the allowed Host headers (against DNS
 * rebinding), the refusal of cross-site requests to the API and /__viewer/*, the JSON content
 * type required on POST, and the URL length limit. Refusals are OpenAI-shaped JSON errors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api/errors.ts';
import { newRequestId, sendBody } from './http-util.ts';

/** Where the viewer's direct mode may connect by default (VIEWER_CONNECT_SRC replaces it). */
export const DEFAULT_CONNECT_SRC: readonly string[] = ['https://api.openai.com'];

/**
 * Where images may come from besides the viewer itself, `data:` and `blob:` (VIEWER_IMG_SRC
 * replaces it): any http(s) URL, since image parts point at hosts of every kind (a CDN, a signed
 * storage link, a local model server, a dev box). See docs/security.md for what a host learns.
 */
export const DEFAULT_IMG_SRC: readonly string[] = ['http:', 'https:'];

/** Longer request targets get 414 (Node itself answers 431 beyond its 16 KiB header limit). */
export const MAX_URL_LENGTH = 8192;

/**
 * Parses VIEWER_CONNECT_SRC: origins separated by spaces or commas, e.g.
 * "https://api.openai.com https://gateway.example.com:8443". A URL with a path is reduced to
 * its origin; `http://127.0.0.1:*` (any port) is allowed as CSP writes it. Anything that could
 * change the policy's meaning (quotes, semicolons, keywords, bare schemes) is refused.
 * Undefined means the default; an empty value means "same origin only".
 */
export function parseConnectSrc(value: string | undefined): string[] {
  if (value === undefined) return [...DEFAULT_CONNECT_SRC];
  const out: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const origin = cspOrigin(entry, /^(https?|wss?)$/i);
    if (origin === null)
      throw new Error(
        `VIEWER_CONNECT_SRC: "${entry}" is not an origin such as https://api.example.com or http://127.0.0.1:8080.`,
      );
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

/**
 * `scheme://host[:port]` as a CSP source (`*.` host wildcard and `:*` port allowed, a path
 * dropped), or null for anything else.
 */
function cspOrigin(entry: string, schemes: RegExp): string | null {
  const m =
    /^([a-z]+):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\*\.[A-Za-z0-9.-]+)(?::(\d{1,5}|\*))?(\/\S*)?$/i.exec(
      entry,
    );
  if (!m || !schemes.test(m[1]!)) return null;
  return `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}${m[3] ? `:${m[3]}` : ''}`;
}

/**
 * Parses VIEWER_IMG_SRC: `http:`, `https:` and origins as VIEWER_CONNECT_SRC takes them (http
 * and https only), separated by spaces or commas, e.g. "https:" or "https://cdn.example.com
 * http://10.0.0.5:8080". Undefined means the default (any http(s) URL); an empty value means
 * the viewer's own images, `data:` and `blob:` only. Anything else is refused, as for
 * VIEWER_CONNECT_SRC.
 */
export function parseImgSrc(value: string | undefined): string[] {
  if (value === undefined) return [...DEFAULT_IMG_SRC];
  const out: string[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const scheme = /^(https?):$/i.exec(entry)?.[1];
    const source = scheme ? `${scheme.toLowerCase()}:` : cspOrigin(entry, /^https?$/i);
    if (source === null)
      throw new Error(
        `VIEWER_IMG_SRC: "${entry}" is not http:, https: or an origin such as https://cdn.example.com.`,
      );
    if (!out.includes(source)) out.push(source);
  }
  return out;
}

/**
 * The Content-Security-Policy of every answer. `connectOrigins`: the direct-mode API origins.
 * `imgSources`: image sources besides 'self', data: (inline images) and blob: (large data URLs
 * the viewer decodes). `connect-src data:` lets the image decoder fetch data: URLs (in a
 * worker) to turn them into Blobs.
 */
export function contentSecurityPolicy(
  connectOrigins: readonly string[],
  imgSources: readonly string[] = DEFAULT_IMG_SRC,
): string {
  const extra = connectOrigins.length > 0 ? ` ${connectOrigins.join(' ')}` : '';
  const images = imgSources.length > 0 ? ` ${imgSources.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob:${images}`,
    "media-src 'self' data: blob:",
    `connect-src 'self' data:${extra}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(
  connectSrc: readonly string[],
  imgSrc: readonly string[] = DEFAULT_IMG_SRC,
): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc, imgSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * Parses VIEWER_ALLOWED_HOSTS: host names separated by spaces or commas, each with an optional
 * port (`viewer.example.com`, `192.168.1.20:4173`, `[fd00::1]:4173`); `*` allows any Host.
 */
export function parseAllowedHosts(value: string | undefined): string[] {
  const out: string[] = [];
  for (const entry of (value ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (
      entry !== '*' &&
      !/^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(entry)
    )
      throw new Error(
        `VIEWER_ALLOWED_HOSTS: "${entry}" is not a host name, optionally with a port (e.g. viewer.example.com or 192.168.1.20:4173).`,
      );
    out.push(entry.toLowerCase());
  }
  return out;
}

export type HostCheck = (host: string | undefined) => boolean;

/**
 * The Host headers this server answers: its bound address and the loopback names, with its
 * port (also without it on port 80), plus `extra` (a name without a port matches any port).
 * Everything else is refused, so a DNS-rebinding page (evil.example resolving to 127.0.0.1)
 * gets nothing. A wildcard bind (0.0.0.0, ::) adds only the loopback names: other names by
 * which the machine is reached have to be listed in `extra`.
 */
export function createHostCheck(options: {
  host: string;
  port: number;
  extra?: readonly string[];
}): HostCheck {
  const { port } = options;
  const extra = options.extra ?? [];
  if (extra.includes('*')) return () => true;
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const bound = options.host.toLowerCase();
  if (bound !== '0.0.0.0' && bound !== '::' && bound !== '')
    names.add(bound.includes(':') && !bound.startsWith('[') ? `[${bound}]` : bound);
  const exact = new Set<string>();
  for (const name of names) {
    exact.add(`${name}:${port}`);
    if (port === 80) exact.add(name);
  }
  const anyPort = new Set<string>();
  for (const entry of extra) {
    if (/:\d+$/.test(entry)) exact.add(entry);
    else anyPort.add(entry);
  }
  return (host) => {
    if (!host) return false;
    const value = host.toLowerCase();
    if (exact.has(value)) return true;
    const name = value.replace(/:\d{1,5}$/, '');
    return anyPort.has(name);
  };
}

export const hostNotAllowed = (host: string | undefined, openAt: string | null) =>
  new ApiError(
    421,
    `This server does not answer for the host '${(host ?? '').slice(0, 255)}' (a protection against DNS rebinding).${openAt ? ` Open the viewer at ${openAt},` : ''} or add the host name to VIEWER_ALLOWED_HOSTS.`,
    { type: 'invalid_request_error', code: 'host_not_allowed' },
  );

export const uriTooLong = () =>
  new ApiError(414, `The request URL is longer than ${MAX_URL_LENGTH} characters.`, {
    code: 'uri_too_long',
  });

export const unsupportedMediaType = (contentType: string | undefined) =>
  new ApiError(
    415,
    `Unsupported Content-Type${contentType ? ` '${contentType.slice(0, 100)}'` : ' (none sent)'}: send the body as JSON with Content-Type: application/json.`,
    { code: 'unsupported_media_type' },
  );

/** `application/json`, with or without parameters such as charset. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  return value.split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * A request another site's page made (null when it is fine): `Sec-Fetch-Site` other than
 * same-origin/none, or an `Origin` that is not this server's own (compared with the Host header,
 * which the host check has vetted; the scheme is ignored so a TLS-terminating proxy in front
 * still works). Requests without either header (curl, the official SDK, server-side code) pass.
 */
export function crossSiteRefusal(req: IncomingMessage): ApiError | null {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return new ApiError(
      403,
      `Cross-site requests are refused (Sec-Fetch-Site: ${String(site).slice(0, 40)}): this API answers only the viewer's own pages and non-browser clients.`,
      { type: 'invalid_request_error', code: 'cross_site_request' },
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req.headers.host)) {
    return new ApiError(
      403,
      `Cross-origin requests are refused (Origin: ${origin.slice(0, 200)}): this API answers only the viewer's own pages and non-browser clients.`,
      { type: 'invalid_request_error', code: 'cross_site_request' },
    );
  }
  return null;
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.pathname !== '/' || url.search || url.username) return false;
  const defaultPort = url.protocol === 'https:' ? ':443' : ':80';
  const hostValue = host.toLowerCase();
  const normalized = hostValue.endsWith(defaultPort)
    ? hostValue.slice(0, -defaultPort.length)
    : hostValue;
  return url.host === normalized;
}

export interface RequestGuardOptions {
  /** The security headers' sources (see securityHeaders); null: no security headers. */
  headers: { connectSrc: readonly string[]; imgSrc?: readonly string[] } | null;
  /** Refuses (421) Host headers it returns false for; null: any Host. */
  hostCheck: HostCheck | null;
  /** Where the viewer can be opened instead, for the 421's message. */
  openAt?: () => string;
}

/**
 * What runs before any route: the security headers on every answer, then 414 for an over-long
 * URL and 421 for a Host header this server does not answer. Resolves true when it answered.
 */
export function createRequestGuard(
  options: RequestGuardOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const headers = options.headers
    ? Object.entries(securityHeaders(options.headers.connectSrc, options.headers.imgSrc))
    : [];
  const { hostCheck } = options;
  return async (req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    let refusal: ApiError | null = null;
    if ((req.url ?? '').length > MAX_URL_LENGTH) refusal = uriTooLong();
    else if (hostCheck && !hostCheck(req.headers.host))
      refusal = hostNotAllowed(req.headers.host, options.openAt?.() ?? null);
    if (refusal) await sendApiError(req, res, refusal);
    return refusal !== null;
  };
}

/** Answers an ApiError as OpenAI does (JSON error object, x-request-id, its extra headers). */
export function sendApiError(
  req: IncomingMessage,
  res: ServerResponse,
  error: ApiError,
): Promise<void> {
  return sendBody(
    req,
    res,
    error.status,
    {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'x-request-id': newRequestId(),
      ...error.headers,
    },
    Buffer.from(JSON.stringify(error.toJSON()), 'utf8'),
  );
}
