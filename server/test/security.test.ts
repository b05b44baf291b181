/**
 * Hardening of `npm start`'s server: security headers on every kind of answer, refusal of
 * cross-site requests (Origin, Sec-Fetch-Site), of unknown Host headers (DNS rebinding) and of
 * non-JSON POSTs; body, URL and method limits; path traversal on every static route.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import {
  contentSecurityPolicy,
  createHostCheck,
  isJsonContentType,
  parseAllowedHosts,
  parseConnectSrc,
  parseImgSrc,
} from '../security.ts';
import { getJson, rawRequest } from './helpers.ts';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: http: https:; media-src 'self' data: blob:; connect-src 'self' data: https://api.openai.com; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type Headers = Record<string, string | string[] | undefined>;
type ErrorBody = { error: { message: string; type: string; param: unknown; code: unknown } };

function expectSecurityHeaders(headers: Headers, what: string, csp = CSP) {
  expect(headers['content-security-policy'], what).toBe(csp);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
}

function expectOpenAiError(res: { headers: Headers; body: Buffer }, code: string) {
  expect(res.headers['content-type']).toBe('application/json');
  const body = JSON.parse(res.body.toString('utf8')) as ErrorBody;
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

/** Sends raw bytes and resolves with the status line and headers of the answer. */
function rawExchange(base: string, data: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(data));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

let base: string;
let dist: string;
let server: RunningServer;
let api: string;
const SECRET = 'SECRET-OUTSIDE-DIST';

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'viewer-security-'));
  dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Viewer</title>');
  writeFileSync(join(dist, 'assets', 'app-1234abcd.js'), 'console.log(1);\n');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await startServer({ port: 0, quiet: true, staticDir: dist, faults: true });
  api = `${server.url}/v1/chat/completions`;
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('security headers', () => {
  it('are on every kind of answer: files, fallback, API, errors, 404s, refusals', async () => {
    const cases: [string, string, Record<string, string>?, string?][] = [
      ['index.html', '/'],
      ['SPA fallback', '/completions/chatcmpl-x'],
      ['hashed asset', '/assets/app-1234abcd.js'],
      ['missing asset (404)', '/assets/missing-00000000.js'],
      ['favicon', '/favicon.svg'],
      ['static 405', '/completions/x', {}, 'PUT'],
      ['traversal refusal', '/%2e%2e/secret.txt'],
      ['API list', '/v1/chat/completions?limit=1'],
      ['API completion', `/v1/chat/completions/${DEMO_IDS.tools}`],
      ['API 404', '/v1/chat/completions/chatcmpl-nope'],
      ['API invalid URL', '/v1/models'],
      ['API 405', '/v1/chat/completions', {}, 'PUT'],
      ['API 400', '/v1/chat/completions?limit=0'],
      ['fault 500', '/v1/chat/completions/fault_500'],
      ['fault 429', '/v1/chat/completions/fault_429'],
      ['malformed fault', '/v1/chat/completions/fault_malformed'],
      ['viewer info', '/__viewer/info'],
      ['viewer 404', '/__viewer/nothing'],
      ['demo image', '/demo-assets/images/icon-64.png'],
      ['demo image 404', '/demo-assets/images/nope.png'],
      ['cross-site refusal', '/v1/chat/completions', { 'Sec-Fetch-Site': 'cross-site' }],
      ['bad Host refusal', '/', { Host: 'evil.example' }],
      ['415', `/v1/chat/completions/${DEMO_IDS.tools}`, { 'Content-Type': 'text/plain' }, 'POST'],
      ['414', `/v1/chat/completions?after=${'x'.repeat(9000)}`],
      ['HEAD', '/', {}, 'HEAD'],
    ];
    for (const [what, path, headers, method] of cases) {
      const res = await rawRequest(server.url, path, { headers, method });
      expectSecurityHeaders(res.headers, `${what}: ${res.status}`);
    }
  });

  it('are on the proxy’s answers (upstream success and upstream error) and on 502', async () => {
    const upstream = createServer((req, res) => {
      const fail = req.url?.includes('chatcmpl-missing');
      res.writeHead(fail ? 404 : 200, {
        'Content-Type': 'application/json',
        'Content-Security-Policy': 'default-src *', // an upstream's own policy is not passed on
      });
      res.end(JSON.stringify(fail ? { error: { message: 'no' } } : { object: 'list', data: [] }));
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    const proxy = await startServer({
      port: 0,
      quiet: true,
      staticDir: dist,
      proxy: { apiKey: 'fk-proxy-key-0123456789', baseURL: `http://127.0.0.1:${port}/v1` },
    });
    const dead = await startServer({
      port: 0,
      quiet: true,
      staticDir: dist,
      proxy: { apiKey: 'fk-proxy-key-0123456789', baseURL: 'http://127.0.0.1:9/v1' },
    });
    try {
      for (const path of ['/v1/chat/completions', '/v1/chat/completions/chatcmpl-missing']) {
        const res = await rawRequest(proxy.url, path);
        expect([200, 404]).toContain(res.status);
        expectSecurityHeaders(res.headers, `proxy ${path}`);
      }
      const unreachable = await rawRequest(dead.url, '/v1/chat/completions');
      expect(unreachable.status).toBe(502);
      expectSecurityHeaders(unreachable.headers, 'proxy 502');
    } finally {
      await proxy.close();
      await dead.close();
      await new Promise((r) => upstream.close(r));
    }
  });

  it('are on static-only and key-required servers; the key-required API keeps its CORS', async () => {
    const connectSrc = ['https://api.openai.com', 'http://127.0.0.1:*'];
    const csp = contentSecurityPolicy(connectSrc);
    expect(csp).toContain("connect-src 'self' data: https://api.openai.com http://127.0.0.1:*;");
    const staticOnly = await startServer({
      port: 0,
      quiet: true,
      staticDir: dist,
      api: false,
      connectSrc,
    });
    const keyed = await startServer({ port: 0, quiet: true, requireKey: 'fk-keyed-0123456789' });
    try {
      for (const path of ['/', '/v1/chat/completions', '/assets/app-1234abcd.js'])
        expectSecurityHeaders((await rawRequest(staticOnly.url, path)).headers, path, csp);
      const res = await rawRequest(keyed.url, '/v1/chat/completions?limit=1', {
        headers: { Origin: 'http://elsewhere.test', Authorization: 'Bearer fk-keyed-0123456789' },
      });
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expectSecurityHeaders(res.headers, 'keyed API');
      const preflight = await rawRequest(keyed.url, '/v1/chat/completions', {
        method: 'OPTIONS',
        headers: { Origin: 'http://elsewhere.test', 'Access-Control-Request-Method': 'DELETE' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
    } finally {
      await staticOnly.close();
      await keyed.close();
    }
  });

  it('are on Node’s own refusals (431 for oversized headers, 400 for broken HTTP)', async () => {
    const huge = await rawExchange(
      server.url,
      `GET /?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain(`Content-Security-Policy: ${CSP}`);
    const broken = await rawExchange(server.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 /);
    expect(broken).toContain('X-Frame-Options: DENY');
  });

  it('parses VIEWER_CONNECT_SRC strictly (origins only, nothing that could change the policy)', () => {
    expect(parseConnectSrc(undefined)).toEqual(['https://api.openai.com']);
    expect(parseConnectSrc('')).toEqual([]);
    expect(
      parseConnectSrc('https://API.example.com/v1, http://127.0.0.1:*  https://api.example.com'),
    ).toEqual(['https://api.example.com', 'http://127.0.0.1:*']);
    expect(parseConnectSrc('https://*.example.com:8443')).toEqual(['https://*.example.com:8443']);
    for (const bad of [
      "'unsafe-inline'",
      'https:',
      '*',
      'https://a.example; script-src *',
      'javascript:alert(1)',
      'ftp://x.example',
      'https://a.example"',
    ])
      expect(() => parseConnectSrc(bad), bad).toThrow(/VIEWER_CONNECT_SRC/);
  });

  it('allows images from any http: or https: URL by default; VIEWER_IMG_SRC narrows that', async () => {
    // http: too: image parts point at local model servers, dev boxes and internal hosts.
    expect(CSP).toContain("img-src 'self' data: blob: http: https:;");
    expect(parseImgSrc(undefined)).toEqual(['http:', 'https:']);
    expect(parseImgSrc('')).toEqual([]);
    expect(parseImgSrc('HTTPS: https://CDN.example.com/images, http://10.0.0.5:*')).toEqual([
      'https:',
      'https://cdn.example.com',
      'http://10.0.0.5:*',
    ]);
    for (const bad of [
      "'unsafe-inline'",
      '*',
      'data:',
      'blob:',
      'wss://x.example',
      'https://a.example; script-src *',
      'javascript:alert(1)',
      'https://a.example"',
    ])
      expect(() => parseImgSrc(bad), bad).toThrow(/VIEWER_IMG_SRC/);
    // The viewer's own images, data: and blob: stay allowed whatever it says.
    expect(contentSecurityPolicy([], [])).toContain("img-src 'self' data: blob:;");
    const strict = await startServer({ port: 0, quiet: true, staticDir: dist, imgSrc: ['https:'] });
    try {
      const csp = (await rawRequest(strict.url, '/')).headers['content-security-policy'];
      expect(csp).toContain("img-src 'self' data: blob: https:;");
      expect(csp).not.toContain('http:');
    } finally {
      await strict.close();
    }
  });
});

describe('cross-site requests are refused', () => {
  const own = () => server.url;

  it.each([
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (another port)', { 'Sec-Fetch-Site': 'same-site' }],
    ['Origin of another site', { Origin: 'https://evil.example' }],
    ['Origin of another port', { Origin: 'http://127.0.0.1:1' }],
    ['Origin: null (sandboxed frame, file:)', { Origin: 'null' }],
  ])('GET of the API, the info and POST of the reset with %s: 403', async (_what, headers) => {
    for (const [method, path] of [
      ['GET', '/v1/chat/completions'],
      ['GET', `/v1/chat/completions/${DEMO_IDS.tools}/messages`],
      ['GET', '/__viewer/info'],
      ['POST', '/__viewer/reset'],
    ] as const) {
      const res = await rawRequest(own(), path, { method, headers });
      expect([path, res.status]).toEqual([path, 403]);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expectOpenAiError(res, 'cross_site_request');
    }
  });

  it('a text/plain POST and a DELETE from another site change nothing', async () => {
    const id = DEMO_IDS.refusal;
    const before = (await getJson(`${api}/${id}`)).body;
    const post = await rawRequest(own(), `/v1/chat/completions/${id}`, {
      method: 'POST',
      headers: {
        Origin: 'http://localhost:9',
        'Sec-Fetch-Site': 'cross-site',
        'Content-Type': 'text/plain',
      },
      body: JSON.stringify({ metadata: { pwned: 'yes' } }),
    });
    expect(post.status).toBe(403);
    const del = await rawRequest(own(), `/v1/chat/completions/${id}`, {
      method: 'DELETE',
      headers: { Origin: 'http://localhost:9' },
    });
    expect(del.status).toBe(403);
    expect((await getJson(`${api}/${id}`)).body).toEqual(before);
  });

  it('same-origin pages, navigations and non-browser clients are served', async () => {
    const host = new URL(own()).host;
    const cases: Record<string, string>[] = [
      {},
      { 'Sec-Fetch-Site': 'same-origin', Origin: own() },
      { 'Sec-Fetch-Site': 'none' },
      { Origin: `http://${host}` },
      {
        Origin: `http://localhost:${new URL(own()).port}`,
        Host: `localhost:${new URL(own()).port}`,
      },
    ];
    for (const headers of cases) {
      const res = await rawRequest(own(), '/v1/chat/completions?limit=1', { headers });
      expect([JSON.stringify(headers), res.status]).toEqual([JSON.stringify(headers), 200]);
    }
    // Static files are for everyone (links from other sites must open the viewer).
    const page = await rawRequest(own(), '/completions/x', {
      headers: { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    });
    expect(page.status).toBe(200);
  });

  it('the official SDK (no Origin, no Sec-Fetch-Site) still reads and writes', async () => {
    const client = new OpenAI({ apiKey: 'sk-local', baseURL: `${own()}/v1`, maxRetries: 0 });
    const page = await client.chat.completions.list({ limit: 2 });
    expect(page.data).toHaveLength(2);
    const updated = await client.chat.completions.update(DEMO_IDS.rtl, {
      metadata: { checked: 'yes' },
    });
    expect((updated as unknown as { metadata: Record<string, string> }).metadata).toEqual({
      checked: 'yes',
    });
    await rawRequest(own(), '/__viewer/reset', { method: 'POST' });
  });

  it('the proxy refuses them too, without calling the upstream', async () => {
    let calls = 0;
    const upstream = createServer((_req, res) => {
      calls += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"object":"list","data":[],"has_more":false}');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const port = (upstream.address() as AddressInfo).port;
    const proxy = await startServer({
      port: 0,
      quiet: true,
      proxy: { apiKey: 'fk-proxy-key-0123456789', baseURL: `http://127.0.0.1:${port}/v1` },
    });
    try {
      const refused = await rawRequest(proxy.url, '/v1/chat/completions', {
        headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      });
      expect(refused.status).toBe(403);
      const plain = await rawRequest(proxy.url, `/v1/chat/completions/x`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: '{"metadata":{}}',
      });
      expect(plain.status).toBe(415);
      expect(calls).toBe(0);
      expect((await rawRequest(proxy.url, '/v1/chat/completions')).status).toBe(200);
      expect(calls).toBe(1);
    } finally {
      await proxy.close();
      await new Promise((r) => upstream.close(r));
    }
  });
});

describe('POST needs Content-Type: application/json', () => {
  it.each([
    ['text/plain', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON look-alike', 'application/jsonp'],
  ])('%s: 415, nothing changed', async (_what, type) => {
    const id = DEMO_IDS.markdown;
    const before = (await getJson(`${api}/${id}`)).body;
    const res = await rawRequest(server.url, `/v1/chat/completions/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body: '{"metadata":{"a":"b"}}',
    });
    expect(res.status).toBe(415);
    expectOpenAiError(res, 'unsupported_media_type');
    expect((await getJson(`${api}/${id}`)).body).toEqual(before);
  });

  it('no Content-Type at all: 415; JSON with a charset: accepted', async () => {
    const missing = await rawRequest(server.url, `/v1/chat/completions/${DEMO_IDS.markdown}`, {
      method: 'POST',
      body: '{"metadata":{"a":"b"}}',
    });
    expect(missing.status).toBe(415);
    const ok = await rawRequest(server.url, `/v1/chat/completions/${DEMO_IDS.markdown}`, {
      method: 'POST',
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
      body: '{"metadata":{"a":"b"}}',
    });
    expect(ok.status).toBe(200);
    // The test-only reset takes no body or JSON, nothing else.
    const reset = (headers: Record<string, string>) =>
      rawRequest(server.url, '/__viewer/reset', { method: 'POST', headers });
    expect((await reset({ 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await reset({ 'Content-Type': 'application/json' })).status).toBe(204);
    expect((await reset({})).status).toBe(204);
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType(' application/json ;charset=utf-8')).toBe(true);
    expect(isJsonContentType('application/json-patch+json')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('Host header (DNS rebinding)', () => {
  it('answers the bound address and the loopback names with its port, nothing else', async () => {
    const port = new URL(server.url).port;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `LOCALHOST:${port}`,
    ])
      expect([
        host,
        (await rawRequest(server.url, '/', { headers: { Host: host } })).status,
      ]).toEqual([host, 200]);
    for (const host of [
      'evil.example',
      `evil.example:${port}`,
      'localhost',
      `localhost:${Number(port) + 1}`,
      `127.0.0.1.nip.io:${port}`,
      `attacker.localhost.evil:${port}`,
    ]) {
      for (const path of [
        '/',
        '/assets/app-1234abcd.js',
        '/v1/chat/completions',
        '/__viewer/info',
      ]) {
        const res = await rawRequest(server.url, path, { headers: { Host: host } });
        expect([host, path, res.status]).toEqual([host, path, 421]);
        const error = expectOpenAiError(res, 'host_not_allowed');
        expect(error.message).toContain('VIEWER_ALLOWED_HOSTS');
      }
    }
  });

  it('refuses a request without Host', async () => {
    const answer = await rawExchange(server.url, 'GET / HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.[01] 421 /);
  });

  it('takes VIEWER_ALLOWED_HOSTS: names on any port, name:port exactly, * for anything', async () => {
    const s = await startServer({
      port: 0,
      quiet: true,
      staticDir: dist,
      allowedHosts: parseAllowedHosts('viewer.example, lan.example:9999'),
    });
    try {
      const status = async (host: string) =>
        (await rawRequest(s.url, '/', { headers: { Host: host } })).status;
      expect(await status('viewer.example')).toBe(200);
      expect(await status('viewer.example:443')).toBe(200);
      expect(await status('lan.example:9999')).toBe(200);
      expect(await status('lan.example:1')).toBe(421);
      expect(await status('other.example')).toBe(421);
    } finally {
      await s.close();
    }
    const any = createHostCheck({ host: '0.0.0.0', port: 1, extra: ['*'] });
    expect(any('whatever.example:5')).toBe(true);
    const wildcardBind = createHostCheck({ host: '0.0.0.0', port: 80 });
    expect(wildcardBind('localhost')).toBe(true);
    expect(wildcardBind('0.0.0.0')).toBe(false);
    expect(wildcardBind(undefined)).toBe(false);
    expect(() => parseAllowedHosts('evil.example/path')).toThrow(/VIEWER_ALLOWED_HOSTS/);
    expect(() => parseAllowedHosts('a b;c')).toThrow(/VIEWER_ALLOWED_HOSTS/);
  });
});

describe('limits', () => {
  /** Sends headers and part of a big body without ending it; resolves with the answer. */
  function uploadWithoutEnd(
    path: string,
    headers: Record<string, string>,
    bytes: number,
  ): Promise<{ status: number; headers: Headers; body: string; closed: boolean }> {
    const url = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest({
        host: url.hostname,
        port: url.port,
        path,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
      });
      req.on('error', () => {}); // the server closes while we still write: expected
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const closed = req.socket?.destroyed ?? true;
          setTimeout(
            () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
                closed: closed || (req.socket?.destroyed ?? true),
              }),
            200,
          );
        });
        res.on('error', reject);
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < bytes) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        // Never ended: the server must answer without waiting for the rest.
      };
      pump();
    });
  }

  it('a declared Content-Length over 1 MiB: 413 at once, without reading the body', async () => {
    const started = Date.now();
    const res = await uploadWithoutEnd(
      `/v1/chat/completions/${DEMO_IDS.tools}`,
      { 'Content-Length': String(50 * 1024 * 1024) },
      256 * 1024,
    );
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body).error.code).toBe('request_too_large');
    expect(res.closed).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a chunked body that grows past 1 MiB: 413 once it does, the connection closed', async () => {
    const res = await uploadWithoutEnd(
      `/v1/chat/completions/${DEMO_IDS.tools}`,
      { 'Transfer-Encoding': 'chunked' },
      1536 * 1024,
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('request_too_large');
    expect(res.closed).toBe(true);
  });

  it('a body just under the limit is read (and judged on its content: 400, not 413)', async () => {
    const body = JSON.stringify({ metadata: { big: 'x'.repeat(1024 * 1024 - 40) } });
    expect(body.length).toBeLessThanOrEqual(1024 * 1024);
    const res = await rawRequest(server.url, `/v1/chat/completions/${DEMO_IDS.tools}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
  });

  it.each([
    ['POST', '/v1/chat/completions', 'GET'],
    ['PUT', `/v1/chat/completions/${DEMO_IDS.tools}`, 'GET, POST, DELETE'],
    ['PATCH', `/v1/chat/completions/${DEMO_IDS.tools}/messages`, 'GET'],
    ['DELETE', '/__viewer/info', 'GET, HEAD'],
    ['GET', '/__viewer/reset', 'POST'],
    ['POST', '/demo-assets/images/icon-64.png', 'GET, HEAD'],
    ['PUT', '/', 'GET, HEAD'],
    ['DELETE', '/assets/app-1234abcd.js', 'GET, HEAD'],
    ['TRACE', '/completions/x', 'GET, HEAD'],
  ])('%s %s: 405 with Allow: %s', async (method, path, allow) => {
    const res = await rawRequest(server.url, path, {
      method,
      headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {},
    });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
  });

  it('URLs over 8192 characters: 414 with an error object; 8192 is fine', async () => {
    const prefix = '/v1/chat/completions?limit=1&model=';
    const atLimit = `${prefix}${'m'.repeat(8192 - prefix.length)}`;
    expect(atLimit.length).toBe(8192);
    expect((await rawRequest(server.url, atLimit)).status).toBe(200);
    for (const path of [`${atLimit}m`, `/${'a'.repeat(12_000)}`]) {
      const res = await rawRequest(server.url, path);
      expect(res.status).toBe(414);
      expectOpenAiError(res, 'uri_too_long');
    }
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2e%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/..\\..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/index.html%00',
    '/%00../secret.txt',
    '/assets/%c0%ae%c0%ae/secret.txt',
    '/.%2e/secret.txt',
    '/demo-assets/images/..%2f..%2f..%2fsecret.txt',
    '/demo-assets/../secret.txt',
  ])('refuses traversal %s cleanly (never the file)', async (path) => {
    const res = await rawRequest(server.url, path);
    expect(res.body.toString()).not.toContain(SECRET);
    expect([200, 400, 403, 404]).toContain(res.status);
    // A 200 can only be the SPA shell (a harmless literal name falling back to index.html).
    if (res.status === 200) expect(res.body.toString()).toContain('<title>Viewer</title>');
    expectSecurityHeaders(res.headers, path);
  });
});

describe('faults stay off by default', () => {
  let plain: RunningServer;
  beforeAll(async () => {
    plain = await startServer({ port: 0, quiet: true });
  });
  afterAll(() => plain.close());

  it('fault ids are unknown completions and /__viewer/reset does not exist', async () => {
    for (const id of ['fault_500', 'fault_hang', 'fault_503_p3_x2', 'fault_latency_100']) {
      const res = await getJson<ErrorBody>(`${plain.url}/v1/chat/completions/${id}`);
      expect([id, res.status]).toEqual([id, 404]);
    }
    const reset = await rawRequest(plain.url, '/__viewer/reset', { method: 'POST' });
    expect(reset.status).toBe(404);
  });
});
