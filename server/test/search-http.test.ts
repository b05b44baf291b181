/** GET /__viewer/search over HTTP: demo and data-file modes, errors, refusals, proxy mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorObject } from '../api/errors.ts';
import type { SearchResult } from '../db/search.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, rawRequest, useTempDir } from './helpers.ts';

/** 2026-12-01T00:00:00Z */
const T0 = Date.UTC(2026, 11, 1) / 1000;
const HOUR = 3600;

const line = (id: string, created: number, model: string, text: string, customer: string) => ({
  id,
  object: 'chat.completion',
  created,
  model,
  metadata: { customer },
  choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'ok' } }],
  messages: [{ id: `${id}-0`, role: 'user', content: text }],
});

describe('search over a data file', () => {
  const temp = useTempDir('viewer-search-http-');
  let server: RunningServer;
  let get: (query: string) => ReturnType<typeof getJson<SearchResult>>;
  beforeAll(async () => {
    const path = temp.file('data.jsonl', [
      line('c1', T0 + 1 * HOUR, 'gpt-4o', 'Where is order A-1042? Le café est fermé.', 'acme'),
      line('c2', T0 + 20 * HOUR, 'gpt-4o-mini', 'Refund for order A-1042 please', 'globex'),
      line('c3', T0 + 30 * HOUR, 'gpt-4o', 'Unrelated chat about 東京', 'acme'),
    ]);
    server = await startServer({ port: 0, quiet: true, dataFile: path });
    get = (query) => getJson<SearchResult>(`${server.url}/__viewer/search?${query}`);
  });
  afterAll(() => server.close());

  it('answers ranked results with snippets, total and no-store JSON', async () => {
    const res = await get('q=a-1042');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({
      object: 'list',
      has_more: false,
      next_cursor: null,
      total: 2,
    });
    expect(res.body.data.map((h) => h.id).sort()).toEqual(['c1', 'c2']);
    const c1 = res.body.data.find((h) => h.id === 'c1')!;
    expect(c1).toMatchObject({
      model: 'gpt-4o',
      created: T0 + HOUR,
      metadata: { customer: 'acme' },
    });
    expect(c1.message).toEqual({
      id: 'c1-0',
      answer: false,
      index: 0,
      role: 'user',
      snippet: [
        { text: 'Where is order ', match: false },
        { text: 'A-1042', match: true },
        { text: '? Le café est fermé.', match: false },
      ],
    });
    expect((await get('q=CAFE')).body.data.map((h) => h.id)).toEqual(['c1']);
    expect((await get(`q=${encodeURIComponent('東京')}`)).body.data.map((h) => h.id)).toEqual([
      'c3',
    ]);
  });

  it('combines q with model, metadata, a date range and order; lists without q', async () => {
    const ids = async (query: string) => (await get(query)).body.data.map((h) => h.id);
    expect(await ids('q=order&model=gpt-4o-mini')).toEqual(['c2']);
    expect(await ids('q=order&metadata[customer]=acme')).toEqual(['c1']);
    expect(await ids('q=order&order=asc')).toEqual(['c1', 'c2']);
    expect(await ids('q=order&order=desc')).toEqual(['c2', 'c1']);
    expect(await ids('q=order&created_after=2026-12-01T10:00:00Z')).toEqual(['c2']);
    expect(await ids('created_after=2026-12-01&created_before=2026-12-01')).toEqual(['c2', 'c1']);
    expect(await ids('created_before=2026-12-01')).toEqual(['c2', 'c1']);
    expect(await ids(`created_after=${T0 + 24 * HOUR}`)).toEqual(['c3']);
    // "+02:00" sent unencoded arrives as " 02:00": still read as an offset.
    expect(await ids('created_before=2026-12-01T03:30:00+02:00')).toEqual(['c1']);
    expect(await ids('metadata[customer]=acme&order=asc')).toEqual(['c1', 'c3']);
    const page = await get('limit=2');
    expect(page.body).toMatchObject({ has_more: true, total: 3, total_exact: true });
    const next = await get(`limit=2&after=${page.body.next_cursor}`);
    expect(next.body.data.map((h) => h.id)).toEqual(['c1']);
    expect(next.body.has_more).toBe(false);
  });

  it("answers 400s in OpenAI's error shape", async () => {
    for (const [query, param] of [
      ['created_after=yesterday', 'created_after'],
      ['created_before=2026-02-30', 'created_before'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['order=best', 'order'],
      ['order=relevance', 'order'],
      ['q=order&after=nope', 'after'],
      [`q=${encodeURIComponent('🎉 !!')}`, 'q'],
    ]) {
      const res = await getJson<{ error: ErrorObject }>(`${server.url}/__viewer/search?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param });
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('never fails on FTS5 syntax typed by accident', async () => {
    for (const q of ['NEAR(', 'a AND', '"', 'x:y', '^a', '(order', 'order*)', 'OR', '-']) {
      const res = await getJson(`${server.url}/__viewer/search?q=${encodeURIComponent(q)}`);
      expect([200, 400], q).toContain(res.status);
    }
  });

  it('refuses other sites, answers HEAD, refuses writes', async () => {
    const evil = await rawRequest(server.url, '/__viewer/search?q=order', {
      headers: { Origin: 'https://evil.example' },
    });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body.toString()).error.code).toBe('cross_site_request');
    const site = await rawRequest(server.url, '/__viewer/search?q=order', {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(site.status).toBe(403);
    const head = await rawRequest(server.url, '/__viewer/search?q=order', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const post = await rawRequest(server.url, '/__viewer/search?q=order', { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('says search: true in /__viewer/info', async () => {
    const info = await getJson<{ search: boolean }>(`${server.url}/__viewer/info`);
    expect(info.body.search).toBe(true);
  });
});

describe('search over the demo', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true, faults: false });
  });
  afterAll(() => server.close());

  it('finds the demo conversations and leaves out deleted ones', async () => {
    const url = `${server.url}/__viewer/search?q=A-1042`;
    const before = await getJson<SearchResult>(url);
    expect(before.status).toBe(200);
    expect(before.body.total).toBeGreaterThan(0);
    const first = before.body.data[0]!;
    expect(first.message!.snippet.some((s) => s.match && /a-1042/i.test(s.text))).toBe(true);
    await fetch(`${server.url}/v1/chat/completions/${first.id}`, { method: 'DELETE' });
    const after = await getJson<SearchResult>(url);
    expect(after.body.data.map((h) => h.id)).not.toContain(first.id);
    expect(after.body.total).toBe(before.body.total - 1);
  });
});

describe('without a local index', () => {
  it('proxy mode: 404 search_unavailable, and info says search: false', async () => {
    const server = await startServer({
      port: 0,
      quiet: true,
      proxy: { apiKey: 'fk-search-proxy-0123456789', baseURL: 'http://127.0.0.1:9/v1' },
    });
    try {
      const res = await getJson<{ error: ErrorObject }>(`${server.url}/__viewer/search?q=x`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'search_unavailable',
      });
      expect(res.body.error.message).toMatch(/needs the local index/);
      const info = await getJson<{ search: boolean }>(`${server.url}/__viewer/info`);
      expect(info.body.search).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('static-only mode: a plain 404', async () => {
    const server = await startServer({ port: 0, quiet: true, api: false });
    try {
      const res = await rawRequest(server.url, '/__viewer/search?q=x');
      expect(res.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
