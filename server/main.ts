/**
 * Entry point: `tsx server/main.ts [--data FILE.jsonl] [--faults] [--require-key KEY]
 * [--static-only]` (what `npm start` runs).
 * Environment: HOST (default 127.0.0.1), PORT (default 4173), OPENAI_API_KEY (proxy mode),
 * OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, VIEWER_FAULTS=1 (same as --faults),
 * VIEWER_REQUIRE_KEY (same as --require-key; the flag wins), VIEWER_STATIC_DIR (the built viewer
 * to serve; default dist/), VIEWER_CONNECT_SRC (origins the page may connect to directly, for
 * the CSP; default https://api.openai.com), VIEWER_IMG_SRC (where images may come from, for the
 * CSP's img-src; default http: https:), VIEWER_ALLOWED_HOSTS (more Host names to answer,
 * e.g. when reached by a LAN name or through a reverse proxy; see docs/security.md).
 * A required key or --data means local data: OPENAI_API_KEY is then ignored (and said so).
 * --static-only serves the built viewer like a plain static host (no API); it cannot be
 * combined with --data, --faults or --require-key, and ignores the API environment.
 * Importing this module only re-exports `startServer`; the CLI runs when executed directly.
 */
import { isEntryPoint } from '../scripts/entry-point.mjs';
import { isValidKey } from './api/auth.ts';
import { proxyConfigFromEnv } from './api/proxy.ts';
import { startServer, type RunningServer, type ViewerMode } from './http.ts';
import { parseAllowedHosts, parseConnectSrc, parseImgSrc } from './security.ts';

export { startServer } from './http.ts';
export { createViewerHandler } from './app.ts';
export type { ViewerHandler, ViewerHandlerOptions } from './app.ts';
export type { RunningServer, ServerOptions, ViewerMode } from './http.ts';
export { loadJsonlFile } from './data/jsonl.ts';

const USAGE =
  'Usage: tsx server/main.ts [--data FILE.jsonl] [--faults] [--require-key KEY] [--static-only]';

interface CliArgs {
  dataFile?: string;
  faults: boolean;
  /** Only set when given. */
  requireKey?: string;
  /** Only set when given. */
  staticOnly?: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { faults: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--faults') args.faults = true;
    else if (arg === '--static-only') args.staticOnly = true;
    else if (arg === '--data') {
      const file = argv[++i];
      if (!file) throw new Error(`--data needs a file. ${USAGE}`);
      args.dataFile = file;
    } else if (arg.startsWith('--data=')) args.dataFile = arg.slice('--data='.length);
    else if (arg === '--require-key' || arg.startsWith('--require-key=')) {
      const key = arg === '--require-key' ? argv[++i] : arg.slice('--require-key='.length);
      if (!key || !isValidKey(key))
        throw new Error(`--require-key needs a key (visible ASCII, no spaces). ${USAGE}`);
      args.requireKey = key;
    } else throw new Error(`Unknown argument "${arg}". ${USAGE}`);
  }
  if (args.staticOnly && (args.dataFile || args.faults || args.requireKey !== undefined))
    throw new Error(
      `--static-only serves no API: it cannot be combined with --data, --faults or --require-key. ${USAGE}`,
    );
  return args;
}

function describe(mode: ViewerMode): string {
  const n = (x: number) => x.toLocaleString('en-US');
  switch (mode.kind) {
    case 'demo':
      return `demo data (${n(mode.completions)} completions, ${n(mode.messages)} messages)`;
    case 'file':
      return `data from ${mode.file} (${n(mode.completions)} completions, ${n(mode.messages)} messages)`;
    case 'proxy':
      return `proxy to ${mode.baseURL} (key from OPENAI_API_KEY)`;
    case 'static':
      return 'static only (no /v1 API: the viewer connects directly)';
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const port = Number(process.env.PORT?.trim() || 4173);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer between 0 and 65535, got "${process.env.PORT}".`);
    process.exit(1);
  }
  const staticOnly = args.staticOnly === true;
  const envKey = process.env.VIEWER_REQUIRE_KEY?.trim() || undefined;
  const requireKey = staticOnly ? undefined : (args.requireKey ?? envKey);
  if (requireKey !== undefined && !isValidKey(requireKey)) {
    console.error('VIEWER_REQUIRE_KEY must be visible ASCII characters, no spaces.');
    process.exit(1);
  }
  // An explicit --data file wins over OPENAI_API_KEY: the user asked for that file. So does a
  // required key: it asks for a local OpenAI look-alike.
  const envProxy = proxyConfigFromEnv();
  const proxy = staticOnly || args.dataFile || requireKey !== undefined ? null : envProxy;
  const faults = !staticOnly && (args.faults || process.env.VIEWER_FAULTS === '1');
  let connectSrc: string[];
  let imgSrc: string[];
  let allowedHosts: string[];
  try {
    connectSrc = parseConnectSrc(process.env.VIEWER_CONNECT_SRC);
    imgSrc = parseImgSrc(process.env.VIEWER_IMG_SRC);
    allowedHosts = parseAllowedHosts(process.env.VIEWER_ALLOWED_HOSTS);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  let server: RunningServer;
  try {
    server = await startServer({
      host,
      port,
      dataFile: args.dataFile,
      faults,
      proxy: proxy ?? undefined,
      requireKey,
      api: !staticOnly,
      connectSrc,
      imgSrc,
      allowedHosts,
      // Tests and benches build into their own folder so parallel runs don't share dist/.
      staticDir: process.env.VIEWER_STATIC_DIR?.trim() || undefined,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      console.error(
        `Port ${port} on ${host} is already in use: stop the other server or set PORT.`,
      );
    else if (code === 'EACCES')
      console.error(`Not allowed to listen on ${host}:${port}: choose another PORT.`);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  // Never the key itself.
  const notes = [
    requireKey !== undefined ? 'API key required' : '',
    faults ? 'fault ids on' : '',
    envProxy && !proxy ? 'OPENAI_API_KEY ignored' : '',
    staticOnly && envKey ? 'VIEWER_REQUIRE_KEY ignored' : '',
  ]
    .filter(Boolean)
    .join(', ');
  console.log(
    `Stored completions viewer: ${server.url}/ — ${describe(server.mode)}${notes ? ` [${notes}]` : ''}`,
  );

  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (isEntryPoint(import.meta.url)) void main();
