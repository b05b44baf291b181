/**
 * The viewer's HTTP server: /v1 (local API or proxy), /demo-assets (local modes), /__viewer/info
 * (where the data comes from), /__viewer/reset (faults only), extra static mounts, and the
 * built SPA with its history-API fallback. `createViewerHandler` is the same routing as
 * Connect-style middleware (used by the Vite plugin with `next`).
 *
 * Before routing (see security.ts): security headers on every answer, 414 for over-long URLs,
 * 421 for a Host header this server does not answer (DNS rebinding), and 403 for cross-site
 * requests to /v1 (except the key-required look-alike) and /__viewer/*.
 *
 * Static-only mode (`api: false`) behaves like a plain static host: /v1, /demo-assets and
 * /__viewer answer a plain-text 404, so the viewer has to connect to an API directly.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isValidKey } from './api/auth.ts';
import { createApiHandler } from './api/index.ts';
import type { ProxyConfig } from './api/proxy.ts';
import type { Store } from './api/store.ts';
import { createStore } from './db/open-store.ts';
import { FaultCounters } from './api/faults.ts';
import { DEMO_ASSETS_PREFIX, serveDemoAsset } from './demo-assets.ts';
import { sendBody, sendText, splitUrl } from './http-util.ts';
import {
  DEFAULT_CONNECT_SRC,
  DEFAULT_IMG_SRC,
  MAX_URL_LENGTH,
  createHostCheck,
  crossSiteRefusal,
  hostNotAllowed,
  isJsonContentType,
  securityHeaders,
  sendApiError,
  unsupportedMediaType,
  uriTooLong,
  type HostCheck,
} from './security.ts';
import { createStaticHandler } from './static.ts';

export interface ServerOptions {
  host?: string;
  /** 0 = an ephemeral port. Default 4173. */
  port?: number;
  /** The built SPA; default <project root>/dist. */
  staticDir?: string;
  /** A JSONL file replacing the demo dataset (see data/jsonl.ts). */
  dataFile?: string;
  /** The local database (a path or ":memory:"); default: env VIEWER_DB, or .viewer-data/viewer.db. */
  db?: string;
  /** Test-only fault ids (see api/faults.ts); default: env VIEWER_FAULTS=1. */
  faults?: boolean;
  /** Proxy /v1 to the real API instead of serving local data. */
  proxy?: ProxyConfig;
  /**
   * Local modes only: every /v1 request needs `Authorization: Bearer <requireKey>` (OpenAI's
   * 401 otherwise) and /v1 answers CORS like api.openai.com. Not read from the environment
   * here; the CLI maps VIEWER_REQUIRE_KEY to it.
   */
  requireKey?: string;
  /**
   * false: static only, like a plain static host (no /v1, /demo-assets or /__viewer; cannot
   * be combined with dataFile, proxy or requireKey). Default true.
   */
  api?: boolean;
  /** More folders to serve as-is (no SPA fallback), e.g. { prefix: '/__bench/', dir }. */
  extraStatic?: { prefix: string; dir: string }[];
  /** No log output (unexpected errors included). */
  quiet?: boolean;
  /**
   * Origins the viewer's direct mode may connect to (the CSP's connect-src, besides 'self');
   * default DEFAULT_CONNECT_SRC. The CLI maps VIEWER_CONNECT_SRC to it.
   */
  connectSrc?: readonly string[];
  /**
   * Image sources besides 'self', data: and blob: (the CSP's img-src); default DEFAULT_IMG_SRC
   * (any http: or https: URL). The CLI maps VIEWER_IMG_SRC to it.
   */
  imgSrc?: readonly string[];
  /**
   * Host headers answered besides the bound address and localhost/127.0.0.1/[::1] with this
   * port (see security.ts createHostCheck); the CLI maps VIEWER_ALLOWED_HOSTS to it.
   */
  allowedHosts?: readonly string[];
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:4173 (no trailing slash). */
  url: string;
  port: number;
  /** What is being served, for the startup line. */
  mode: ViewerMode;
  close(): Promise<void>;
}

export type ViewerMode =
  | { kind: 'demo'; completions: number; messages: number }
  | { kind: 'file'; file: string; completions: number; messages: number }
  | { kind: 'proxy'; baseURL: string }
  | { kind: 'static' };

export const VIEWER_INFO_PATH = '/__viewer/info';
export const VIEWER_RESET_PATH = '/__viewer/reset';
const VIEWER_PREFIX = '/__viewer/';

/** The body of GET /__viewer/info. Never holds a key. */
export interface ViewerInfo {
  mode: 'demo' | 'file' | 'proxy';
  /** Proxy mode: the upstream base URL (without any user:password part). */
  baseURL?: string;
  /** Demo and file modes: completions currently stored (deletions count). */
  completions?: number;
  /** Whether /v1 needs `Authorization: Bearer <key>` from the browser. */
  keyRequired: boolean;
  /**
   * Origins this server's Content-Security-Policy lets the page connect to besides its own
   * (present when the server sends a CSP): a direct connection elsewhere is blocked.
   */
  connectSrc?: string[];
}

/** A base URL fit to show: credentials in it (https://user:pass@host) are dropped. */
function publicBaseURL(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    if (!url.username && !url.password) return baseURL;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return baseURL.replace(/\/\/[^/@]*@/, '//');
  }
}

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/**
 * Demo image URLs are generated with this placeholder origin and rewritten per response to the
 * origin the browser used (see ApiHandlerOptions.originPlaceholder).
 */
export const DEMO_ORIGIN_PLACEHOLDER = 'http://viewer-demo-origin.invalid';

export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

export interface ViewerHandlerOptions {
  dataFile?: string;
  /** See ServerOptions.db. */
  db?: string;
  faults?: boolean;
  proxy?: ProxyConfig | null;
  /** See ServerOptions.requireKey. */
  requireKey?: string | null;
  /** See ServerOptions.api; default true. */
  api?: boolean;
  /** Serve the SPA from this folder; omit for middleware mode (Vite serves the app). */
  staticDir?: string;
  extraStatic?: { prefix: string; dir: string }[];
  quiet?: boolean;
  /** Origin used in image URLs when a request has no usable Host header. */
  fallbackOrigin?: () => string;
  /**
   * Security headers (CSP with these connect-src origins, nosniff, no referrer, no framing) on
   * every answer. Off in middleware mode: Vite's dev pages need inline scripts.
   */
  securityHeaders?: { connectSrc: readonly string[]; imgSrc?: readonly string[] } | null;
  /** Refuses (421) Host headers it returns false for; null: any Host (Vite checks its own). */
  hostCheck?: HostCheck | null;
}

export interface ViewerHandler {
  handle: Middleware;
  mode: ViewerMode;
  /** Closes the local database, if any. */
  close(): void;
}

export async function createViewerHandler(options: ViewerHandlerOptions): Promise<ViewerHandler> {
  const log = options.quiet ? () => {} : (line: string) => console.error(line);
  const requireKey = options.requireKey ?? null;
  const apiEnabled = options.api ?? true;
  if (requireKey !== null && !isValidKey(requireKey))
    throw new Error('requireKey must be visible ASCII characters, no spaces');
  if (requireKey !== null && options.proxy)
    throw new Error('requireKey is for the local API only; it cannot be combined with a proxy');
  if (!apiEnabled && (options.dataFile || options.proxy || requireKey !== null))
    throw new Error(
      'Static-only mode (api: false) serves no API: no dataFile, proxy or requireKey',
    );
  let mode: ViewerMode;
  let store: Store | undefined;
  let closeStore = () => {};
  let originPlaceholder: string | undefined;
  if (!apiEnabled) {
    mode = { kind: 'static' };
  } else if (options.proxy) {
    mode = { kind: 'proxy', baseURL: options.proxy.baseURL };
  } else {
    const local = await createStore({
      dataFile: options.dataFile,
      dbPath: options.db,
      demoOrigin: DEMO_ORIGIN_PLACEHOLDER,
      log,
    });
    store = local.store;
    closeStore = () => local.close();
    const counts = { completions: store.size, messages: store.messageCount };
    if (options.dataFile) mode = { kind: 'file', file: options.dataFile, ...counts };
    else {
      originPlaceholder = DEMO_ORIGIN_PLACEHOLDER;
      mode = { kind: 'demo', ...counts };
    }
  }
  const faults = apiEnabled && (options.faults ?? false);
  const faultCounters = new FaultCounters();
  const headers = options.securityHeaders
    ? Object.entries(
        securityHeaders(options.securityHeaders.connectSrc, options.securityHeaders.imgSrc),
      )
    : [];
  const connectSrc = options.securityHeaders ? [...options.securityHeaders.connectSrc] : null;
  const hostCheck = options.hostCheck ?? null;
  const api = apiEnabled
    ? createApiHandler({
        store,
        proxy: options.proxy ?? null,
        faults,
        faultCounters,
        originPlaceholder,
        fallbackOrigin: options.fallbackOrigin,
        log,
        requireKey,
      })
    : null;

  const info = (): ViewerInfo => {
    const csp = connectSrc ? { connectSrc } : {};
    switch (mode.kind) {
      case 'proxy':
        return { mode: 'proxy', baseURL: publicBaseURL(mode.baseURL), keyRequired: false, ...csp };
      case 'demo':
      case 'file':
        return {
          mode: mode.kind,
          completions: store?.size ?? 0,
          keyRequired: requireKey !== null,
          ...csp,
        };
      case 'static':
        throw new Error('no info in static-only mode');
    }
  };

  /** /__viewer/*: JSON info, the test-only reset, plain 404 for anything else. */
  async function viewerEndpoint(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const method = req.method ?? 'GET';
    // Other sites' pages get nothing here, not even the info.
    const refused = crossSiteRefusal(req);
    if (refused) return sendApiError(req, res, refused);
    if (pathname === VIEWER_INFO_PATH) {
      if (method !== 'GET' && method !== 'HEAD')
        return sendText(req, res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      return sendBody(
        req,
        res,
        200,
        {
          'Content-Type': 'application/json',
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
        Buffer.from(JSON.stringify(info()), 'utf8'),
      );
    }
    // Test-only (faults on): back to the data as loaded, for e2e tests that mutate it.
    if (pathname === VIEWER_RESET_PATH && faults && store) {
      if (method !== 'POST')
        return sendText(req, res, 405, 'Method not allowed', { Allow: 'POST' });
      // No body, or JSON: a text/plain or form POST (no preflight) is refused.
      const type = req.headers['content-type'];
      if (type !== undefined && !isJsonContentType(type))
        return sendApiError(req, res, unsupportedMediaType(type));
      store.reset();
      faultCounters.reset();
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    return sendText(req, res, 404, 'Not found');
  }
  const extras = (options.extraStatic ?? []).map((e) => ({
    prefix: e.prefix.endsWith('/') ? e.prefix : `${e.prefix}/`,
    serve: createStaticHandler({ dir: e.dir, spaFallback: false }),
  }));
  // A conversation URL's page names its chunks, and starts its API requests early where the
  // viewer reads this server's /v1 without a key (demo, data file, proxy; not a key-required
  // look-alike, whose browser sends a key of its own). Static-only is a plain static host.
  const spa = options.staticDir
    ? createStaticHandler({
        dir: options.staticDir,
        spaFallback: true,
        ...(apiEnabled ? { indexHints: { earlyRequests: requireKey === null } } : {}),
      })
    : null;

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    next?: (error?: unknown) => void,
  ) {
    if ((req.url ?? '').length > MAX_URL_LENGTH) return sendApiError(req, res, uriTooLong());
    if (hostCheck && !hostCheck(req.headers.host))
      return sendApiError(
        req,
        res,
        hostNotAllowed(req.headers.host, options.fallbackOrigin?.() ?? null),
      );
    const { pathname, search } = splitUrl(req.url);
    if (pathname === '/v1' || pathname.startsWith('/v1/')) {
      if (api) return api(req, res, pathname, search);
      return sendText(req, res, 404, 'Not found');
    }
    if (pathname.startsWith(DEMO_ASSETS_PREFIX)) {
      // Demo images exist in the local modes only; through the proxy they would be misleading.
      // Public even when a key is required: OpenAI's image URLs need no key either.
      if (mode.kind === 'demo' || mode.kind === 'file') return serveDemoAsset(req, res, pathname);
      return sendText(req, res, 404, 'Not found');
    }
    if (pathname.startsWith(VIEWER_PREFIX)) {
      if (api) return viewerEndpoint(req, res, pathname);
      return sendText(req, res, 404, 'Not found');
    }
    for (const extra of extras) {
      if (pathname.startsWith(extra.prefix))
        return extra.serve(req, res, pathname.slice(extra.prefix.length - 1));
    }
    if (next) return next();
    if (spa) return spa(req, res, pathname);
    return sendText(req, res, 404, 'Not found');
  }

  const handle: Middleware = (req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    route(req, res, next).catch((error: unknown) => {
      // Last resort: handlers answer their own errors; this only catches bugs.
      log(
        `[viewer] unexpected error for ${req.method} ${splitUrl(req.url).pathname}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Internal server error');
      } else res.destroy();
    });
  };
  return { handle, mode, close: closeStore };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let url = '';
  // Set once the port is known (port 0 = ephemeral); nothing is answered before that.
  let hostCheck: HostCheck = () => false;
  const connectSrc = options.connectSrc ?? DEFAULT_CONNECT_SRC;
  const imgSrc = options.imgSrc ?? DEFAULT_IMG_SRC;
  const viewer = await createViewerHandler({
    dataFile: options.dataFile,
    db: options.db,
    faults: options.faults ?? process.env.VIEWER_FAULTS === '1',
    proxy: options.proxy ?? null,
    requireKey: options.requireKey ?? null,
    api: options.api ?? true,
    staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
    extraStatic: options.extraStatic,
    quiet: options.quiet,
    fallbackOrigin: () => url,
    securityHeaders: { connectSrc, imgSrc },
    hostCheck: (value) => hostCheck(value),
  });
  const server = createServer((req, res) => viewer.handle(req, res));
  const rawHeaders = Object.entries(securityHeaders(connectSrc, imgSrc))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  // Malformed HTTP: answer 400 (431 for oversized headers, the URL included) instead of letting
  // the socket error surface.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\n${rawHeaders}Content-Length: 0\r\nConnection: close\r\n\r\n`);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4173, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = `http://${urlHost}:${port}`;
  hostCheck = createHostCheck({ host, port, extra: options.allowedHosts });
  return {
    url,
    port,
    mode: viewer.mode,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          viewer.close();
          done();
        });
        // Keep-alive and hung (e.g. slow-fault) sockets would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
      }),
  };
}
