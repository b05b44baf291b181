/**
 * `localApiPlugin()`: mounts the local API (/v1) and the demo images (/demo-assets) in front of
 * Vite's own middlewares, for `vite` (dev) and `vite preview`. Same environment as the server:
 * OPENAI_API_KEY & co. switch to proxy mode, VIEWER_FAULTS=1 enables the fault ids,
 * VIEWER_REQUIRE_KEY makes /v1 require that key (local data then, as with the CLI).
 * Demo image URLs use the origin of each request, so they point at the dev server.
 */
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { proxyConfigFromEnv, type ProxyConfig } from './api/proxy.ts';
import { createViewerHandler, type ViewerHandler } from './app.ts';

export interface LocalApiPluginOptions {
  dataFile?: string;
  faults?: boolean;
  /** Default: from OPENAI_API_KEY/OPENAI_BASE_URL/OPENAI_ORG_ID/OPENAI_PROJECT_ID; null = never. */
  proxy?: ProxyConfig | null;
  /** Default: VIEWER_REQUIRE_KEY. See ServerOptions.requireKey. */
  requireKey?: string | null;
  quiet?: boolean;
}

export function localApiPlugin(options: LocalApiPluginOptions = {}): Plugin {
  let handler: Promise<ViewerHandler> | undefined;
  const getHandler = () => {
    if (handler) return handler;
    const requireKey =
      options.requireKey === undefined
        ? process.env.VIEWER_REQUIRE_KEY?.trim() || null
        : options.requireKey;
    // A required key means local data, so OPENAI_API_KEY from the environment is not used.
    const envProxy = requireKey === null ? proxyConfigFromEnv() : null;
    handler = createViewerHandler({
      dataFile: options.dataFile ?? process.env.VIEWER_DATA_FILE,
      faults: options.faults ?? process.env.VIEWER_FAULTS === '1',
      proxy: options.proxy === undefined ? envProxy : options.proxy,
      requireKey,
      quiet: options.quiet,
    });
    return handler;
  };

  const mount = (server: ViteDevServer | PreviewServer) => {
    // Made now rather than on the first request (the demo data, images missing from the cache);
    // a failure reaches the requests, through `next`.
    getHandler().catch(() => {});
    server.middlewares.use((req, res, next) => {
      getHandler().then(
        (h) => h.handle(req, res, next),
        (error: unknown) => next(error),
      );
    });
  };

  return {
    name: 'stored-completions-local-api',
    // Returning nothing from these hooks installs the middleware before Vite's own.
    configureServer(server) {
      mount(server);
    },
    configurePreviewServer(server) {
      mount(server);
    },
  };
}
