/** Small HTTP helpers shared by the API, the proxy, demo assets and static serving. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type Encoding = 'br' | 'gzip';

/** Below this size compression costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * A handler below a mount point: `pathname` is the raw (percent-encoded) path, `search` the
 * query with its "?" (or "").
 */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  search: string,
) => Promise<void>;

/** OpenAI-style request id: "req_" + 32 hex chars. */
export function newRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

/** Splits a request target into its raw (still percent-encoded) path and query. */
export function splitUrl(rawUrl: string | undefined): { pathname: string; search: string } {
  let url = rawUrl ?? '/';
  // Absolute-form targets ("GET http://host/path"): keep only path and query.
  if (!url.startsWith('/')) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
    url = m && m[1] ? m[1] : '/';
    if (!url.startsWith('/')) url = `/${url}`;
  }
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  const q = url.indexOf('?');
  return q < 0
    ? { pathname: url, search: '' }
    : { pathname: url.slice(0, q), search: url.slice(q) };
}

/**
 * Chooses a content encoding from Accept-Encoding, honouring q=0. Brotli only when allowed:
 * it compresses better but is slower, so it is used for cached static files, gzip for API JSON.
 */
export function pickEncoding(
  acceptEncoding: string | undefined,
  allowBrotli: boolean,
): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q=([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allowBrotli && ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

export async function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(body, {
        params: {
          [zlibConstants.BROTLI_PARAM_QUALITY]: 6,
          [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipAsync(body, { level: 6 });
}

export function isCompressibleType(contentType: string): boolean {
  return /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/.test(
    contentType,
  );
}

/**
 * Sends a complete body with Content-Length, compressing (gzip) when the client accepts it and
 * the type is text-like. HEAD requests get the headers only.
 */
export async function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body: Buffer,
): Promise<void> {
  const contentType = String(headers['Content-Type'] ?? headers['content-type'] ?? '');
  let payload = body;
  if (body.length >= MIN_COMPRESS_BYTES && isCompressibleType(contentType)) {
    res.setHeader('Vary', 'Accept-Encoding');
    const encoding = pickEncoding(req.headers['accept-encoding'], false);
    if (encoding) {
      payload = await compress(body, encoding);
      res.setHeader('Content-Encoding', encoding);
    }
  }
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.setHeader('Content-Length', payload.length);
  res.statusCode = status;
  if (req.method === 'HEAD') res.end();
  else res.end(payload);
}

export function sendText(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): Promise<void> {
  return sendBody(
    req,
    res,
    status,
    {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
    Buffer.from(text, 'utf8'),
  );
}

export class BodyTooLargeError extends Error {}

/** The largest request body the API and the proxy read (metadata updates are tiny). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes. A declared Content-Length over the limit fails at
 * once, without reading; a body that grows past it stops being read (the request is paused):
 * the caller answers 413 with `Connection: close`, so the rest is never taken in.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new BodyTooLargeError(`Request body larger than ${limit} bytes.`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.pause();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        req.off('data', onData);
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}

/** Host header check before it is echoed into URLs: a hostname/IP with an optional port. */
export function safeHost(host: string | undefined): string | null {
  if (!host) return null;
  return /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(host) ? host : null;
}

export interface Listening {
  port: number;
  /** Stops listening; kept-alive and hung sockets are destroyed instead of waited for. */
  close(): Promise<void>;
}

/** Starts `server` on host:port (0: any free port); rejects on a listen error (EADDRINUSE…). */
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
