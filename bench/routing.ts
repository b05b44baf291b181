// The routing decision's measurement (README, "Architecture"): the viewer's own dispatch
// (node:http, security.ts's guard, routes/mount.ts) against Hono with @hono/node-server doing
// the same (headers on every answer, one JSON route), and the real server's /v1 for scale.
// Hono is not a dependency; install it elsewhere and point HONO_DIR at that folder:
//   (mkdir -p /tmp/hono && cd /tmp/hono && npm i hono @hono/node-server)
//   HONO_DIR=/tmp/hono npx tsx bench/routing.ts
// The servers run in a child process, the load (fetch, keep-alive, 8 at a time) in this one;
// rounds alternate so a busy machine slows every server alike.
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_IDS } from '../server/data/demo-ids.ts';
import { sendBody, splitUrl } from '../server/http-util.ts';
import { startServer } from '../server/main.ts';
import { prefixMount, type Mount } from '../server/routes/mount.ts';
import { DEFAULT_CONNECT_SRC, createRequestGuard, securityHeaders } from '../server/security.ts';

const BODY = { id: 'chatcmpl-x', object: 'chat.completion', model: 'gpt-4o-mini', choices: [] };
const CONCURRENCY = 8;
const SECONDS = Number(process.env.ROUTING_SECONDS ?? 3);
const ROUNDS = Number(process.env.ROUTING_ROUNDS ?? 3);

interface HonoContext {
  req: { param(name: string): string };
  header(name: string, value: string): void;
  json(body: unknown): Response;
}
interface HonoApp {
  use(path: string, handler: (c: HonoContext, next: () => Promise<void>) => Promise<void>): void;
  get(path: string, handler: (c: HonoContext) => Response): void;
  fetch: unknown;
}

async function importFrom<T>(dir: string, name: string): Promise<T> {
  const path = createRequire(join(dir, 'package.json')).resolve(name);
  return (await import(pathToFileURL(path).href)) as T;
}

/** The servers, in the child: prints { name: url } once they listen. */
async function serve(honoDir: string): Promise<void> {
  const urls: Record<string, string> = {};
  const listen = (handler: Parameters<typeof createServer>[1]) =>
    new Promise<string>((resolve) => {
      const server = createServer(handler);
      server.listen(0, '127.0.0.1', () =>
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
      );
    });

  // Ours: the guard, then the first mount that matches (as app.ts does).
  const guard = createRequestGuard({
    headers: { connectSrc: DEFAULT_CONNECT_SRC },
    hostCheck: null,
  });
  const routes: Mount[] = [
    prefixMount('/v1/chat/completions/', (req, res) =>
      sendBody(
        req,
        res,
        200,
        { 'Content-Type': 'application/json' },
        Buffer.from(JSON.stringify(BODY)),
      ),
    ),
  ];
  urls.node = await listen(async (req, res) => {
    if (await guard(req, res)) return;
    const { pathname, search } = splitUrl(req.url);
    await routes.find((r) => r.matches(pathname))?.handle(req, res, pathname, search);
  });

  const t0 = performance.now();
  const { Hono } = await importFrom<{ Hono: new () => HonoApp }>(honoDir, 'hono');
  const { serve: honoServe } = await importFrom<{
    serve(
      options: { fetch: unknown; port: number; hostname: string },
      ready: (info: AddressInfo) => void,
    ): void;
  }>(honoDir, '@hono/node-server');
  const importMs = performance.now() - t0;
  const app = new Hono();
  const headers = Object.entries(securityHeaders(DEFAULT_CONNECT_SRC));
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of headers) c.header(name, value);
  });
  app.get('/v1/chat/completions/:id', (c) => c.json({ ...BODY, id: c.req.param('id') }));
  urls.hono = await new Promise<string>((resolve) =>
    honoServe({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve(`http://127.0.0.1:${info.port}`),
    ),
  );

  const viewer = await startServer({ port: 0, quiet: true, staticDir: '/nonexistent' });
  urls.viewer = viewer.url;
  process.on('message', () => process.send?.(process.cpuUsage()));
  process.send?.({ urls, honoImportMs: importMs });
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  /** The servers' process CPU time per request (user + system), µs. */
  cpuUs: number;
}

let child: ChildProcess;
const serverCpu = () =>
  new Promise<number>((resolve) => {
    child.once('message', (m) => {
      const usage = m as NodeJS.CpuUsage;
      resolve(usage.user + usage.system);
    });
    child.send('cpu');
  });

async function load(url: string): Promise<Result> {
  const cpuBefore = await serverCpu();
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const cpuUs = Math.round(((await serverCpu()) - cpuBefore) / latencies.length);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => +latencies[Math.floor(q * (latencies.length - 1))]!.toFixed(2);
  return { rps: Math.round(latencies.length / SECONDS), p50: at(0.5), p99: at(0.99), cpuUs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const honoDir = process.env.HONO_DIR;
  if (!honoDir)
    throw new Error('Set HONO_DIR to a folder with hono and @hono/node-server installed.');
  if (process.argv.includes('--serve')) return serve(honoDir);
  child = fork(process.argv[1]!, ['--serve'], {
    execArgv: ['--import', 'tsx'],
  });
  const { urls, honoImportMs } = await new Promise<{
    urls: Record<string, string>;
    honoImportMs: number;
  }>((resolve) => child.once('message', (m) => resolve(m as never)));
  const paths: Record<string, string> = {
    node: '/v1/chat/completions/x',
    hono: '/v1/chat/completions/x',
    viewer: `/v1/chat/completions/${DEMO_IDS.refusal}`,
  };
  const results: Record<string, Result[]> = {};
  for (const name of Object.keys(urls)) await load(`${urls[name]}${paths[name]}`); // warm up
  for (let round = 0; round < ROUNDS; round++)
    for (const name of Object.keys(urls))
      (results[name] ??= []).push(await load(`${urls[name]}${paths[name]}`));
  child.kill();
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      {
        rps: median(runs.map((r) => r.rps)),
        p50Ms: median(runs.map((r) => r.p50)),
        p99Ms: median(runs.map((r) => r.p99)),
        serverCpuUsPerRequest: median(runs.map((r) => r.cpuUs)),
      },
    ]),
  );
  console.log(
    JSON.stringify(
      {
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        rounds: ROUNDS,
        honoImportMs: Math.round(honoImportMs),
        ...summary,
      },
      null,
      2,
    ),
  );
}

await main();
