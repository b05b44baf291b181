/** Contract tests: POST (metadata update) and DELETE, each on its own fresh server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, postJson, walk, type Page } from './helpers.ts';
import { expectValid, validators } from './spec.ts';

const v = validators();
type ErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};
type Completion = { id: string; metadata: Record<string, string> };

describe('POST /v1/chat/completions/{id} (metadata)', () => {
  let server: RunningServer;
  let url: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true });
    url = `${server.url}/v1/chat/completions/${DEMO_IDS.rtl}`;
  });
  afterAll(() => server.close());

  it('replaces the metadata (no merge) and returns the updated completion', async () => {
    const before = (await getJson<Completion>(url)).body;
    expect(Object.keys(before.metadata)).toContain('locale');
    const { status, body, headers } = await postJson<Completion>(url, {
      metadata: { reviewed: 'yes', 'key with spaces': 'ü' },
    });
    expect(status).toBe(200);
    expect(headers.get('x-request-id')).toMatch(/^req_/);
    expectValid(v.update, body);
    expect(body.metadata).toEqual({ reviewed: 'yes', 'key with spaces': 'ü' });
    expect((await getJson<Completion>(url)).body.metadata).toEqual(body.metadata);
    const listed = await walk<Completion>(`${server.url}/v1/chat/completions`, {
      'metadata[reviewed]': 'yes',
    });
    expect(listed.map((c) => c.id)).toEqual([DEMO_IDS.rtl]);
  });

  it('accepts exactly the limits: 16 pairs, 64-char keys, 512-char values; null clears', async () => {
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, `v${i}`]));
    expect((await postJson(url, { metadata: sixteen })).status).toBe(200);
    const edge = { ['k'.repeat(64)]: 'v'.repeat(512) };
    const ok = await postJson<Completion>(url, { metadata: edge });
    expect(ok.status).toBe(200);
    expect(ok.body.metadata).toEqual(edge);
    const cleared = await postJson<Completion>(url, { metadata: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.metadata).toEqual({});
    const proto = await postJson<Completion>(url, '{"metadata":{"__proto__":"x"}}');
    expect(proto.status).toBe(200);
    expect(Object.keys(proto.body.metadata)).toEqual(['__proto__']);
  });

  it.each([
    [
      '17 pairs',
      { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) },
      'metadata',
    ],
    ['a 65-char key', { metadata: { ['k'.repeat(65)]: 'v' } }, 'metadata'],
    ['a 513-char value', { metadata: { note: 'v'.repeat(513) } }, 'metadata.note'],
    ['a number value', { metadata: { count: 3 } }, 'metadata.count'],
    ['an array', { metadata: ['a'] }, 'metadata'],
    ['a string', { metadata: 'a=b' }, 'metadata'],
    ['no metadata', {}, 'metadata'],
    ['an unknown field', { metadata: {}, model: 'gpt-4o' }, 'model'],
    ['a non-object body', [1, 2], 'metadata'],
  ])('rejects %s with 400 and param', async (_label, body, param) => {
    const before = (await getJson<Completion>(url)).body.metadata;
    const res = await postJson<ErrorBody>(url, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expectValid(v.error, res.body);
    expect(res.body.error.type).toBe('invalid_request_error');
    expect(res.body.error.param).toBe(param);
    // Nothing changed.
    expect((await getJson<Completion>(url)).body.metadata).toEqual(before);
  });

  it('rejects invalid JSON with OpenAI’s 400', async () => {
    const res = await postJson<ErrorBody>(url, '{"metadata": {');
    expect(res.status).toBe(400);
    expectValid(v.error, res.body);
    expect(res.body.error.message).toMatch(/could not parse the JSON body/);
    expect((await postJson<ErrorBody>(url, '')).status).toBe(400);
  });

  it('answers 404 for an unknown id, even with a bad body', async () => {
    const res = await postJson<ErrorBody>(
      `${server.url}/v1/chat/completions/chatcmpl-nope`,
      'not json',
    );
    expect(res.status).toBe(404);
    expectValid(v.error, res.body);
  });
});

describe('DELETE /v1/chat/completions/{id}', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true });
  });
  afterAll(() => server.close());

  it('deletes, then the id is 404 everywhere and gone from lists', async () => {
    const api = `${server.url}/v1/chat/completions`;
    const id = DEMO_IDS.markdown;
    const before = await walk<Completion>(api, { limit: '100' });
    const res = await getJson(`${api}/${id}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    expectValid(v.deleted, res.body);
    expect(res.body).toEqual({ object: 'chat.completion.deleted', id, deleted: true });

    for (const [path, method] of [
      [`${api}/${id}`, 'GET'],
      [`${api}/${id}/messages`, 'GET'],
      [`${api}/${id}`, 'DELETE'],
    ] as const) {
      const r = await getJson<ErrorBody>(path, { method });
      expect(r.status).toBe(404);
      expectValid(v.error, r.body);
      expect(r.body.error.message).toContain(id);
    }
    expect((await postJson(`${api}/${id}`, { metadata: {} })).status).toBe(404);
    const after = await walk<Completion>(api, { limit: '100' });
    expect(after.map((c) => c.id)).toEqual(before.map((c) => c.id).filter((x) => x !== id));
    const cursor = await getJson<Page<Completion>>(`${api}?after=${id}`);
    expect(cursor.status).toBe(400);
  });
});
