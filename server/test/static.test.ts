/** Serving the built SPA: MIME types, caching, compression, history fallback, traversal refusal. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http.ts';
import { rawRequest } from './helpers.ts';

const SECRET = 'TOP-SECRET-CONTENT';
let base: string;
let dist: string;
let server: RunningServer;
const appJs = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'viewer-static-'));
  dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  mkdirSync(join(base, 'bench'));
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>Viewer</title><div id="root"></div>',
  );
  writeFileSync(join(dist, 'assets', 'index-3fa9c1d2.js'), appJs);
  writeFileSync(join(dist, 'assets', 'index-77aa00ff.css'), 'body{margin:0}');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(base, 'bench', 'page.html'), '<p>bench</p>');
  server = await startServer({
    port: 0,
    quiet: true,
    staticDir: dist,
    extraStatic: [{ prefix: '/__bench/', dir: join(base, 'bench') }],
  });
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves index.html at / with no-cache', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('falls back to index.html for client routes (GET and HEAD)', async () => {
    for (const path of ['/completions/chatcmpl-abc', '/nope/nothing', '/completions/x?y=1']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Viewer</title>');
    }
    const head = await fetch(`${server.url}/deep/link`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('serves hashed assets immutable, with MIME types; 404 for a missing asset', async () => {
    const js = await fetch(`${server.url}/assets/index-3fa9c1d2.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe(appJs);
    const css = await fetch(`${server.url}/assets/index-77aa00ff.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${server.url}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${server.url}/assets/index-00000000.js`)).status).toBe(404);
  });

  it('compresses text with brotli or gzip as accepted, and answers 304 to a matching ETag', async () => {
    const path = '/assets/index-3fa9c1d2.js';
    const br = await rawRequest(server.url, path, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(appJs);
    expect(br.body.length).toBeLessThan(appJs.length / 4);
    const gz = await rawRequest(server.url, path, {
      headers: { 'Accept-Encoding': 'gzip, br;q=0' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(appJs);
    const plain = await rawRequest(server.url, path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(appJs);
    const etag = String(plain.headers.etag);
    const again = await rawRequest(server.url, path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/index.html%00.js',
    '/%00',
    '/%E0%A4%A',
    '/..%252fsecret.txt',
    '/__bench/../secret.txt',
    '/__bench/%2e%2e/secret.txt',
  ])('refuses %s', async (path) => {
    const res = await rawRequest(server.url, path);
    expect(res.body.toString()).not.toContain(SECRET);
    if (res.status === 200) {
      // Only the SPA shell may come back (e.g. "%252f" decodes to a harmless literal name).
      expect(res.body.toString()).toContain('<title>Viewer</title>');
    } else {
      expect([400, 403, 404]).toContain(res.status);
    }
  });

  it('answers 405 to other methods', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await fetch(`${server.url}/completions/x`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  it('keeps /v1 and /demo-assets out of the fallback', async () => {
    const api = await fetch(`${server.url}/v1/nothing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/json');
    expect((await fetch(`${server.url}/demo-assets/nothing.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/chat/completions?limit=1`)).status).toBe(200);
  });

  it('serves extra static folders without fallback', async () => {
    const res = await fetch(`${server.url}/__bench/page.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>bench</p>');
    expect((await fetch(`${server.url}/__bench/missing.html`)).status).toBe(404);
  });
});

describe('viewer not built', () => {
  it('answers 503 with a clear message for SPA paths; the API still works', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'viewer-empty-'));
    const s = await startServer({ port: 0, quiet: true, staticDir: empty });
    try {
      for (const path of ['/', '/completions/x']) {
        const res = await fetch(`${s.url}${path}`);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(await res.text()).toBe('Viewer not built: run npm run build');
      }
      expect((await fetch(`${s.url}/v1/chat/completions?limit=1`)).status).toBe(200);
      const missingDir = await startServer({
        port: 0,
        quiet: true,
        staticDir: join(empty, 'nope'),
      });
      expect((await fetch(missingDir.url)).status).toBe(503);
      await missingDir.close();
    } finally {
      await s.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('static only (api: false)', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer({ port: 0, quiet: true, staticDir: dist, api: false, faults: true });
  });
  afterAll(() => s.close());

  it('reports the static mode and serves the SPA with its history fallback', async () => {
    expect(s.mode).toEqual({ kind: 'static' });
    for (const path of ['/', '/completions/chatcmpl-abc', '/v1x']) {
      const res = await fetch(`${s.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>Viewer</title>');
    }
    const js = await fetch(`${s.url}/assets/index-3fa9c1d2.js`);
    expect(await js.text()).toBe(appJs);
  });

  it('answers /v1, /demo-assets and /__viewer with a plain-text 404, whatever the method', async () => {
    const paths = [
      '/v1',
      '/v1/chat/completions',
      '/v1/chat/completions/fault_500',
      '/demo-assets/images/grid-1024.png',
      '/__viewer/info',
      '/__viewer/reset',
    ];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS']) {
        const res = await rawRequest(s.url, path, { method });
        expect(res.status).toBe(404);
        expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        if (method !== 'HEAD') expect(res.body.toString()).toBe('Not found');
      }
    }
  });

  it('cannot be combined with data, a proxy or a required key', async () => {
    for (const extra of [
      { dataFile: join(base, 'x.jsonl') },
      { requireKey: 'sk-static-123456789' },
      { proxy: { apiKey: 'sk-x', baseURL: 'http://127.0.0.1:9/v1' } },
    ]) {
      await expect(startServer({ port: 0, quiet: true, api: false, ...extra })).rejects.toThrow(
        /Static-only/,
      );
    }
  });
});

describe('app routes with odd ids', () => {
  it('answers /completions/<id with %2F, %5C or ..> with the app, never a file or a refusal', async () => {
    for (const path of [
      '/completions/chatcmpl-a%2Fb',
      '/completions/chatcmpl-a%5Cb/messages/m%2F1',
      '/completions/..%2f..%2fsecret.txt',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).toContain('<title>Viewer</title>');
      expect(body, path).not.toContain(SECRET);
    }
  });
});
