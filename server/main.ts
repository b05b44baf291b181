/**
 * Entry point: `tsx server/main.ts [--data FILE.jsonl] [--faults]` (what `npm start` runs).
 * Environment: HOST (default 127.0.0.1), PORT (default 4173), OPENAI_API_KEY (proxy mode),
 * OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, VIEWER_FAULTS=1 (same as --faults).
 * Importing this module only re-exports `startServer`; the CLI runs when executed directly.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { proxyConfigFromEnv } from './api/proxy.ts';
import { startServer, type RunningServer, type ViewerMode } from './http.ts';

export { startServer, createViewerHandler } from './http.ts';
export type { RunningServer, ServerOptions, ViewerMode } from './http.ts';
export { loadJsonlFile } from './data/jsonl.ts';

const USAGE = 'Usage: tsx server/main.ts [--data FILE.jsonl] [--faults]';

interface CliArgs {
  dataFile?: string;
  faults: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { faults: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--faults') args.faults = true;
    else if (arg === '--data') {
      const file = argv[++i];
      if (!file) throw new Error(`--data needs a file. ${USAGE}`);
      args.dataFile = file;
    } else if (arg.startsWith('--data=')) args.dataFile = arg.slice('--data='.length);
    else throw new Error(`Unknown argument "${arg}". ${USAGE}`);
  }
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
  // An explicit --data file wins over OPENAI_API_KEY: the user asked for that file.
  const proxy = args.dataFile ? null : proxyConfigFromEnv();
  const faults = args.faults || process.env.VIEWER_FAULTS === '1';

  let server: RunningServer;
  try {
    server = await startServer({
      host,
      port,
      dataFile: args.dataFile,
      faults,
      proxy: proxy ?? undefined,
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
  const notes = [
    faults ? 'fault ids on' : '',
    args.dataFile && proxyConfigFromEnv() ? 'OPENAI_API_KEY ignored' : '',
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

function isRunDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isRunDirectly()) void main();
