/**
 * `localApiPlugin()`: mounts the local API (/v1) and the demo images (/demo-assets) in front of
 * Vite's own middlewares, for `vite` (dev) and `vite preview`. Same environment as the server:
 * OPENAI_API_KEY & co. switch to proxy mode, VIEWER_FAULTS=1 enables the fault ids.
 * Demo image URLs use the origin of each request, so they point at the dev server.
 */
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { proxyConfigFromEnv, type ProxyConfig } from './api/proxy.ts';
import { createViewerHandler, type ViewerHandler } from './http.ts';

export interface LocalApiPluginOptions {
  dataFile?: string;
  faults?: boolean;
  /** Default: from OPENAI_API_KEY/OPENAI_BASE_URL/OPENAI_ORG_ID/OPENAI_PROJECT_ID; null = never. */
  proxy?: ProxyConfig | null;
  quiet?: boolean;
}

export function localApiPlugin(options: LocalApiPluginOptions = {}): Plugin {
  let handler: Promise<ViewerHandler> | undefined;
  const getHandler = () =>
    (handler ??= createViewerHandler({
      dataFile: options.dataFile ?? process.env.VIEWER_DATA_FILE,
      faults: options.faults ?? process.env.VIEWER_FAULTS === '1',
      proxy: options.proxy === undefined ? proxyConfigFromEnv() : options.proxy,
      quiet: options.quiet,
    }));

  const mount = (server: ViteDevServer | PreviewServer) => {
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
