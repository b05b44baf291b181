/**
 * Static files for the built SPA (and extra folders such as the bench page): correct MIME
 * types, long caching for hashed /assets/*, no-cache for index.html, gzip/brotli for text, ETag,
 * the history-API fallback to index.html, and refusal of anything that could leave the folder.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import {
  compress,
  isCompressibleType,
  pickEncoding,
  sendText,
  type Encoding,
} from '../http-util.ts';
import { indexPageFor, isAppPath, type IndexHints } from '../index-page.ts';
import { prefixMount, refusedUnlessRead, type Mount } from './mount.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export const NOT_BUILT_MESSAGE = 'Viewer not built: run npm run build';

/** Compressed variants of files, keyed by path + size + mtime + encoding (bounded). */
const compressedCache = new Map<string, Buffer>();
let compressedBytes = 0;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
/** Files larger than this are streamed uncompressed instead of read into memory. */
const MAX_COMPRESS_BYTES = 8 * 1024 * 1024;

/** The compressed body cached under `key`, compressing (and caching) it the first time. */
async function compressedOnce(
  key: string,
  encoding: Encoding,
  read: () => Promise<Buffer>,
): Promise<Buffer> {
  const cached = compressedCache.get(key);
  if (cached) return cached;
  const body = await compress(await read(), encoding);
  if (compressedBytes + body.length > MAX_CACHE_BYTES) {
    compressedCache.clear();
    compressedBytes = 0;
  }
  compressedCache.set(key, body);
  compressedBytes += body.length;
  return body;
}

type Resolved = { ok: true; path: string } | { ok: false; status: 400 | 403 };

/**
 * Maps a raw URL path (below the mount prefix) to a file path inside `root`, refusing
 * encoded slashes/backslashes, NUL, bad escapes and any ".." segment (after decoding, so
 * "%2e%2e" is caught too).
 */
export function resolveInside(root: string, rawPath: string): Resolved {
  if (/%(2f|5c|00)/i.test(rawPath)) return { ok: false, status: 403 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400 };
  if (decoded.includes('\\')) return { ok: false, status: 403 };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return { ok: false, status: 403 };
  const full = resolve(root, ...segments);
  if (full !== root && !full.startsWith(root + sep)) return { ok: false, status: 403 };
  return { ok: true, path: full };
}

async function fileInfo(
  path: string,
  root: string,
): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return null;
    // A symlink must not lead outside the folder either.
    const [real, realRoot] = await Promise.all([realpath(path), realpath(root)]);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

/** Sets a file's headers; answers 304 (and says so) when the client already has this version. */
function answeredNotModified(
  req: IncomingMessage,
  res: ServerResponse,
  headers: { type: string; cacheControl: string; etag: string },
): boolean {
  res.setHeader('Content-Type', headers.type);
  res.setHeader('Cache-Control', headers.cacheControl);
  res.setHeader('ETag', headers.etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (req.headers['if-none-match'] !== headers.etag) return false;
  res.statusCode = 304;
  res.end();
  return true;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  info: { size: number; mtimeMs: number },
  cacheControl: string,
): Promise<void> {
  const type = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  if (answeredNotModified(req, res, { type, cacheControl, etag })) return;
  const compressible =
    isCompressibleType(type) && info.size >= 1024 && info.size <= MAX_COMPRESS_BYTES;
  if (compressible) res.setHeader('Vary', 'Accept-Encoding');
  const encoding: Encoding | null = compressible
    ? pickEncoding(req.headers['accept-encoding'], true)
    : null;
  if (encoding) {
    const key = `${path}:${info.size}:${info.mtimeMs}:${encoding}`;
    const body = await compressedOnce(key, encoding, () => readFile(path));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.setHeader('Content-Length', info.size);
  res.statusCode = 200;
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      res.destroy();
      done();
    });
    stream.on('end', done);
    stream.pipe(res);
  });
}

export interface StaticOptions {
  /** Folder to serve. */
  dir: string;
  /** Answer index.html for unknown paths (the SPA's history-API fallback). */
  spaFallback: boolean;
  /**
   * The fallback's index.html names a conversation URL's chunks and, with `earlyRequests`,
   * starts its API requests early (index-page.ts). Omitted: index.html as built, everywhere.
   */
  indexHints?: IndexHints;
}

/**
 * Returns a handler for paths below a mount point; `rawPath` is the part after the prefix,
 * starting with "/".
 */
export function createStaticHandler(options: StaticOptions) {
  const root = resolve(options.dir);
  const hints = options.indexHints ?? null;
  return async function serveStatic(
    req: IncomingMessage,
    res: ServerResponse,
    rawPath: string,
  ): Promise<void> {
    if (await refusedUnlessRead(req, res)) return;
    const resolved = resolveInside(root, rawPath);
    // The app's own routes carry API ids, which may hold any character ("/" → %2F included):
    // they can't be files, so they get the app, never a refusal.
    if (!resolved.ok && options.spaFallback && isAppPath(rawPath)) {
      await sendIndex(req, res, root, rawPath, hints);
      return;
    }
    if (!resolved.ok) {
      await sendText(
        req,
        res,
        resolved.status,
        resolved.status === 400 ? 'Bad request' : 'Forbidden',
      );
      return;
    }
    const info = await fileInfo(resolved.path, root);
    if (info) {
      const hashed = rawPath.startsWith('/assets/');
      const isIndex = resolved.path === join(root, 'index.html');
      const cache = hashed && !isIndex ? 'public, max-age=31536000, immutable' : 'no-cache';
      await sendFile(req, res, resolved.path, info, cache);
      return;
    }
    // A missing hashed asset is a stale reference: a 404 beats HTML served as JavaScript.
    if (!options.spaFallback || rawPath.startsWith('/assets/')) {
      await sendText(req, res, 404, 'Not found');
      return;
    }
    await sendIndex(req, res, root, rawPath, hints);
  };
}

/**
 * The SPA's index.html (the history-API fallback), as served for `rawPath` (index-page.ts), or
 * 503 when the viewer isn't built.
 */
async function sendIndex(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  rawPath: string,
  hints: IndexHints | null,
) {
  const indexPath = join(root, 'index.html');
  const index = await fileInfo(indexPath, root);
  if (!index) {
    await sendText(req, res, 503, NOT_BUILT_MESSAGE, { 'Cache-Control': 'no-store' });
    return;
  }
  const page = await indexPageFor(root, rawPath, hints);
  if (page) await sendHtml(req, res, page.body, page.etag);
  else await sendFile(req, res, indexPath, index, 'no-cache');
}

/** A page built in memory, with the headers, validation and compression of sendFile. */
async function sendHtml(req: IncomingMessage, res: ServerResponse, html: Buffer, etag: string) {
  if (answeredNotModified(req, res, { type: MIME['.html']!, cacheControl: 'no-cache', etag })) {
    return;
  }
  res.setHeader('Vary', 'Accept-Encoding');
  const encoding = pickEncoding(req.headers['accept-encoding'], true);
  let body = html;
  if (encoding) {
    body = await compressedOnce(`${etag}:${encoding}`, encoding, async () => html);
    res.setHeader('Content-Encoding', encoding);
  }
  res.setHeader('Content-Length', body.length);
  res.statusCode = 200;
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Folders served as-is under their prefixes (no SPA fallback), e.g. the bench page. */
export function extraStaticRoutes(extras: readonly { prefix: string; dir: string }[]): Mount[] {
  return extras.map((extra) => {
    const prefix = extra.prefix.endsWith('/') ? extra.prefix : `${extra.prefix}/`;
    const serve = createStaticHandler({ dir: extra.dir, spaFallback: false });
    return prefixMount(prefix, (req, res, pathname) =>
      serve(req, res, pathname.slice(prefix.length - 1)),
    );
  });
}
