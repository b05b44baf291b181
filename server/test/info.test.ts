/** GET /__viewer/info: where the data comes from, for the settings panel. Never a key. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, rawRequest } from './helpers.ts';

const KEY = 'fk-info-test-key-0123456789';

async function info(server: RunningServer) {
  const res = await getJson(`${server.url}/__viewer/info`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  return res.body;
}

describe('demo mode', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true, faults: false });
  });
  afterAll(() => server.close());

  it('answers mode, completion count and keyRequired, live after a deletion', async () => {
    const total = server.mode.kind === 'demo' ? server.mode.completions : -1;
    expect(await info(server)).toEqual({
      mode: 'demo',
      completions: total,
      search: true,
      keyRequired: false,
      connectSrc: ['https://api.openai.com'],
    });
    await fetch(`${server.url}/v1/chat/completions/${DEMO_IDS.markdown}`, { method: 'DELETE' });
    expect(await info(server)).toEqual({
      mode: 'demo',
      completions: total - 1,
      search: true,
      keyRequired: false,
      connectSrc: ['https://api.openai.com'],
    });
  });

  it('answers HEAD without a body, 405 to other methods; needs no key', async () => {
    const head = await rawRequest(server.url, '/__viewer/info', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['cache-control']).toBe('no-store');
    expect(head.body.length).toBe(0);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await rawRequest(server.url, '/__viewer/info', { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
  });

  it('keeps the rest of /__viewer/ a plain 404 (no SPA fallback); reset is off', async () => {
    for (const path of ['/__viewer/', '/__viewer/info/', '/__viewer/nothing', '/__viewer/reset']) {
      const res = await rawRequest(server.url, path, {
        method: path.endsWith('reset') ? 'POST' : 'GET',
      });
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
  });
});

describe('file, key-required and proxy modes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'viewer-info-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('file mode with a required key: keyRequired true, the key nowhere', async () => {
    const path = join(dir, 'two.jsonl');
    writeFileSync(
      path,
      [
        '{"id":"a","created":1,"model":"m","messages":[]}',
        '{"id":"b","created":2,"model":"m","messages":[]}',
      ].join('\n'),
    );
    const server = await startServer({ port: 0, quiet: true, dataFile: path, requireKey: KEY });
    try {
      const res = await fetch(`${server.url}/__viewer/info`);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        mode: 'file',
        completions: 2,
        search: true,
        keyRequired: true,
        connectSrc: ['https://api.openai.com'],
      });
      expect(text + JSON.stringify([...res.headers])).not.toContain(KEY);
    } finally {
      await server.close();
    }
  });

  it('proxy mode: the upstream base URL without credentials, no count, no key', async () => {
    const apiKey = 'fk-proxy-secret-abcdefghijklmnop';
    const server = await startServer({
      port: 0,
      quiet: true,
      proxy: { apiKey, baseURL: 'https://user:pass@upstream.example/v1', organization: 'org-x' },
    });
    try {
      const body = await info(server);
      expect(body).toEqual({
        mode: 'proxy',
        baseURL: 'https://upstream.example/v1',
        search: false,
        keyRequired: false,
        connectSrc: ['https://api.openai.com'],
      });
      expect(JSON.stringify(body)).not.toContain(apiKey);
    } finally {
      await server.close();
    }
    const plain = await startServer({
      port: 0,
      quiet: true,
      proxy: { apiKey, baseURL: 'https://api.openai.com/v1' },
      connectSrc: [],
    });
    try {
      // connectSrc: the origins the CSP allows besides the page's own (none here).
      expect(await info(plain)).toEqual({
        mode: 'proxy',
        baseURL: 'https://api.openai.com/v1',
        search: false,
        keyRequired: false,
        connectSrc: [],
      });
    } finally {
      await plain.close();
    }
  });
});
