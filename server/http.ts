/**
 * `startServer`: the viewer (app.ts) on a node:http server: its own port and Host check, a 400
 * or 431 for malformed HTTP, and a close() that does not wait for kept-alive or hung sockets.
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ProxyConfig } from './api/proxy.ts';
import { createViewerHandler } from './app.ts';
import { listen } from './http-util.ts';
import type { ViewerMode } from './data-source.ts';
import {
  DEFAULT_CONNECT_SRC,
  DEFAULT_IMG_SRC,
  createHostCheck,
  securityHeaders,
  type HostCheck,
} from './security.ts';

export type { ViewerMode } from './data-source.ts';

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
  /** Test-only fault ids and reset (see testing/); default: env VIEWER_FAULTS=1. */
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

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist', import.meta.url));

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
  const listening = await listen(server, options.port ?? 4173, host);
  const { port } = listening;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = `http://${urlHost}:${port}`;
  hostCheck = createHostCheck({ host, port, extra: options.allowedHosts });
  return {
    url,
    port,
    mode: viewer.mode,
    // Keep-alive and hung (e.g. slow-fault) sockets would otherwise hold close() open.
    close: async () => {
      await listening.close();
      viewer.close();
    },
  };
}
