/**
 * A real HTTP server for the schema fuzz: the built viewer (server/routes/static.ts, the same static
 * handler `npm start` uses) plus `/v1/chat/completions…` answered from the fuzz generator.
 * Which world answers is chosen per request by the `fuzz` cookie (`<family>.<seed>`), which a
 * test sets on its own browser context: tests running side by side each see their own world.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, sendBody, sendText, splitUrl } from '../../server/http-util.ts';
import { createStaticHandler } from '../../server/routes/static.ts';
import {
  FAMILIES,
  FUZZ_ORIGIN,
  fuzzWorld,
  type FamilyName,
  type FuzzAnswer,
  type FuzzQuery,
  type FuzzWorld,
} from './generator.ts';

export const FUZZ_COOKIE = 'fuzz';

/** A 1×1 transparent PNG, for the generated image URLs that should load. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

export interface FuzzServer {
  url: string;
  close(): Promise<void>;
}

function worldOf(name: string, seed: string): { family: FamilyName; seed: number } | null {
  const family = FAMILIES.find((f) => f.name === name)?.name;
  return family ? { family, seed: Number(seed) } : null;
}

function worldKey(req: IncomingMessage): { family: FamilyName; seed: number } | null {
  const cookie = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${FUZZ_COOKIE}=([a-z-]+)\\.(\\d+)`).exec(cookie);
  return match ? worldOf(match[1]!, match[2]!) : null;
}

function queryOf(search: string): FuzzQuery {
  const params = new URLSearchParams(search);
  const metadata: Record<string, string> = {};
  for (const [key, value] of params) {
    const m = /^metadata\[(.*)\]$/s.exec(key);
    if (m) metadata[m[1]!] = value;
  }
  const order = params.get('order');
  return {
    after: params.get('after') ?? undefined,
    limit: params.has('limit') ? Number(params.get('limit')) : undefined,
    order: order === 'asc' || order === 'desc' ? order : undefined,
    model: params.get('model') ?? undefined,
    metadata,
  };
}

function route(world: FuzzWorld, method: string, pathname: string, search: string): FuzzAnswer {
  const m = /^\/v1\/chat\/completions(?:\/([^/]+)(\/messages)?)?$/.exec(pathname);
  if (!m || method !== 'GET') {
    return { status: 404, body: { error: { message: 'Not a fuzzed read.', type: 'fuzz' } } };
  }
  if (m[1] === undefined) return world.listCompletions(queryOf(search));
  const id = decodeURIComponent(m[1]);
  return m[2] ? world.listMessages(id, queryOf(search)) : world.getCompletion(id);
}

export async function startFuzzServer(options: {
  port: number;
  staticDir: string;
}): Promise<FuzzServer> {
  // Like `npm start`'s: its /v1 is same-origin and keyless, so conversation pages start early.
  const spa = createStaticHandler({
    dir: options.staticDir,
    spaFallback: true,
    indexHints: { earlyRequests: true },
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname, search } = splitUrl(req.url);
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    if (pathname === '/__viewer/info') {
      const info = { mode: 'demo', completions: 0, keyRequired: false };
      return sendBody(
        req,
        res,
        200,
        { 'Content-Type': 'application/json' },
        Buffer.from(JSON.stringify(info)),
      );
    }
    if (pathname.startsWith('/img/')) {
      if (pathname === '/img/missing.png') return sendText(req, res, 404, 'Not found');
      return sendBody(req, res, 200, { 'Content-Type': 'image/png' }, PNG);
    }
    // `/fuzz/<family>.<seed>/v1/…` names the world in the path (for clients without cookies).
    const prefixed = /^\/fuzz\/([a-z-]+)\.(\d+)(\/v1\/.*)$/.exec(pathname);
    if (pathname.startsWith('/v1/') || prefixed) {
      const key = prefixed ? worldOf(prefixed[1]!, prefixed[2]!) : worldKey(req);
      if (!key) return sendText(req, res, 400, `No ${FUZZ_COOKIE} cookie: which world?`);
      const apiPath = prefixed ? prefixed[3]! : pathname;
      const answer = route(fuzzWorld(key.family, key.seed), req.method ?? 'GET', apiPath, search);
      const text = JSON.stringify(answer.body).replaceAll(FUZZ_ORIGIN, origin);
      return sendBody(
        req,
        res,
        answer.status,
        { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
        Buffer.from(text, 'utf8'),
      );
    }
    return spa(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[fuzz-server]', error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('fuzz server error');
      } else res.destroy();
    });
  });
  const listening = await listen(server, options.port, '127.0.0.1');
  return { url: `http://127.0.0.1:${listening.port}`, close: listening.close };
}
