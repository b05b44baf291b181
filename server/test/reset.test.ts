/** POST /__viewer/reset (faults on only): back to the data as loaded, after any mutation. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, postJson, rawRequest, walk } from './helpers.ts';

type Completion = { id: string; created: number; metadata: Record<string, string> | null };

const snapshot = async (api: string) =>
  (await walk<Completion>(api, { limit: '100' })).map((c) => [c.id, c.metadata]);

describe('demo data, faults on', () => {
  let server: RunningServer;
  let api: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true, faults: true });
    api = `${server.url}/v1/chat/completions`;
  });
  afterAll(() => server.close());

  it('undoes metadata updates and deletions, and answers 204', async () => {
    const before = await snapshot(api);
    const original = (await getJson<Completion>(`${api}/${DEMO_IDS.tools}`)).body;
    expect((await postJson(`${api}/${DEMO_IDS.tools}`, { metadata: { x: 'y' } })).status).toBe(200);
    expect((await postJson(`${api}/${DEMO_IDS.rtl}`, { metadata: null })).status).toBe(200);
    for (const id of [DEMO_IDS.markdown, DEMO_IDS.images])
      expect((await getJson(`${api}/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await snapshot(api)).not.toEqual(before);

    const res = await rawRequest(server.url, '/__viewer/reset', { method: 'POST' });
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
    expect(res.headers['cache-control']).toBe('no-store');

    expect(await snapshot(api)).toEqual(before);
    expect((await getJson<Completion>(`${api}/${DEMO_IDS.tools}`)).body).toEqual(original);
    const images = await getJson<{ data: unknown[] }>(`${api}/${DEMO_IDS.images}/messages`);
    expect(images.status).toBe(200);
    expect(images.body.data.length).toBeGreaterThan(0);
    const info = await getJson<{ completions: number }>(`${server.url}/__viewer/info`);
    expect(info.body.completions).toBe(before.length);

    // Mutations work again after a reset, and a second reset undoes them too.
    expect((await getJson(`${api}/${DEMO_IDS.markdown}`, { method: 'DELETE' })).status).toBe(200);
    expect((await rawRequest(server.url, '/__viewer/reset', { method: 'POST' })).status).toBe(204);
    expect(await snapshot(api)).toEqual(before);
  });

  it('is POST only', async () => {
    for (const method of ['GET', 'HEAD', 'DELETE']) {
      const res = await rawRequest(server.url, '/__viewer/reset', { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
  });
});

describe('file data, faults on or off', () => {
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'viewer-reset-'));
    path = join(dir, 'data.jsonl');
    writeFileSync(
      path,
      [
        '{"id":"a","created":1,"model":"m","metadata":{"k":"1"},"messages":[]}',
        '{"id":"b","created":2,"model":"m","messages":[]}',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resets file data too', async () => {
    const server = await startServer({ port: 0, quiet: true, faults: true, dataFile: path });
    const api = `${server.url}/v1/chat/completions`;
    try {
      const before = await snapshot(api);
      await postJson(`${api}/a`, { metadata: { k: '2' } });
      await getJson(`${api}/b`, { method: 'DELETE' });
      expect(await snapshot(api)).toEqual([['a', { k: '2' }]]);
      expect((await rawRequest(server.url, '/__viewer/reset', { method: 'POST' })).status).toBe(
        204,
      );
      expect(await snapshot(api)).toEqual(before);
    } finally {
      await server.close();
    }
  });

  it('is a plain 404 without faults, and in proxy mode', async () => {
    const off = await startServer({ port: 0, quiet: true, faults: false, dataFile: path });
    const proxy = await startServer({
      port: 0,
      quiet: true,
      faults: true,
      proxy: { apiKey: 'sk-x', baseURL: 'http://127.0.0.1:9/v1' },
    });
    try {
      for (const s of [off, proxy]) {
        const res = await rawRequest(s.url, '/__viewer/reset', { method: 'POST' });
        expect(res.status).toBe(404);
        expect(res.body.toString()).toBe('Not found');
      }
      // Nothing was reset: a deletion on the faults-off server stays.
      await getJson(`${off.url}/v1/chat/completions/b`, { method: 'DELETE' });
      await rawRequest(off.url, '/__viewer/reset', { method: 'POST' });
      expect((await getJson(`${off.url}/v1/chat/completions/b`)).status).toBe(404);
    } finally {
      await Promise.all([off.close(), proxy.close()]);
    }
  });
});
