/**
 * The viewer's wiring: the options checked, the data source opened, then every request through
 * the security layer (security.ts) and the routes, in this order:
 *   /v1            routes/v1.ts: the local API or the proxy (server/api/)
 *   /demo-assets/  routes/demo-assets.ts: the demo images (local modes)
 *   /__viewer/     routes/viewer.ts: info, and the test-only reset when faults are on
 *   extra mounts   routes/static.ts: more folders as-is (the bench page)
 *   anything else  `next` (Vite, in middleware mode), or the built SPA with its history-API
 *                  fallback and conversation pages (routes/static.ts, index-page.ts)
 * The test-only layer (testing/: fault ids, reset) is loaded and mounted only with `faults`.
 *
 * Static-only mode (`api: false`) behaves like a plain static host: /v1, /demo-assets and
 * /__viewer answer a plain-text 404, so the viewer has to connect to an API directly.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidKey } from './api/auth.ts';
import type { ProxyConfig } from './api/proxy.ts';
import { prepareDemoImages } from './data/image-cache.ts';
import { openDataSource, type ViewerMode } from './data-source.ts';
import { sendText, splitUrl } from './http-util.ts';
import { demoAssetRoutes } from './routes/demo-assets.ts';
import type { Mount } from './routes/mount.ts';
import { createStaticHandler, extraStaticRoutes } from './routes/static.ts';
import { v1Routes } from './routes/v1.ts';
import { viewerRoutes } from './routes/viewer.ts';
import { createRequestGuard, type HostCheck } from './security.ts';

export type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

export interface ViewerHandlerOptions {
  dataFile?: string;
  /** See ServerOptions.db. */
  db?: string;
  /** Test-only fault ids and POST /__viewer/reset (see testing/). */
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

function checkOptions(options: ViewerHandlerOptions): void {
  const requireKey = options.requireKey ?? null;
  if (requireKey !== null && !isValidKey(requireKey))
    throw new Error('requireKey must be visible ASCII characters, no spaces');
  if (requireKey !== null && options.proxy)
    throw new Error('requireKey is for the local API only; it cannot be combined with a proxy');
  if (options.api === false && (options.dataFile || options.proxy || requireKey !== null))
    throw new Error(
      'Static-only mode (api: false) serves no API: no dataFile, proxy or requireKey',
    );
}

export async function createViewerHandler(options: ViewerHandlerOptions): Promise<ViewerHandler> {
  checkOptions(options);
  const log = options.quiet ? () => {} : (line: string) => console.error(line);
  const requireKey = options.requireKey ?? null;
  const apiEnabled = options.api ?? true;
  const source = await openDataSource({
    api: apiEnabled,
    proxy: options.proxy,
    dataFile: options.dataFile,
    db: options.db,
    log,
  });
  const { mode, store, originPlaceholder } = source;
  const local = mode.kind === 'demo' || mode.kind === 'file';
  // Built ahead by `npm start` (scripts/prepare.mjs); otherwise made here, before any request.
  if (local) prepareDemoImages();
  const testing =
    apiEnabled && options.faults ? (await import('./testing/index.ts')).mountTesting(store) : null;

  const guard = createRequestGuard({
    headers: options.securityHeaders ?? null,
    hostCheck: options.hostCheck ?? null,
    openAt: options.fallbackOrigin,
  });
  const routes: Mount[] = [
    v1Routes(
      apiEnabled
        ? {
            store,
            proxy: options.proxy ?? null,
            intercept: testing?.intercept,
            originPlaceholder,
            fallbackOrigin: options.fallbackOrigin,
            log,
            requireKey,
          }
        : null,
    ),
    demoAssetRoutes(local),
    viewerRoutes({
      mode,
      store,
      keyRequired: requireKey !== null,
      connectSrc: options.securityHeaders?.connectSrc ?? null,
      endpoints: testing?.viewerEndpoints,
    }),
    ...extraStaticRoutes(options.extraStatic ?? []),
  ];
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
    if (await guard(req, res)) return;
    const { pathname, search } = splitUrl(req.url);
    const mount = routes.find((r) => r.matches(pathname));
    if (mount) return mount.handle(req, res, pathname, search);
    if (next) return next();
    if (spa) return spa(req, res, pathname);
    return sendText(req, res, 404, 'Not found');
  }

  const handle: Middleware = (req, res, next) => {
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
  return { handle, mode, close: source.close };
}
