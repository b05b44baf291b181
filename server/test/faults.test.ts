/** The test-only fault ids: on with `faults: true` (or VIEWER_FAULTS=1), absent otherwise. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_IDS } from '../api/faults.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, postJson, walk, type Page } from './helpers.ts';
import { expectValid, validators } from './spec.ts';

const v = validators();
type ErrorBody = {
  error: { message: string; type: string; code: string | number | null; param: string | null };
};

describe('faults enabled', () => {
  let server: RunningServer;
  let api: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true, faults: true });
    api = `${server.url}/v1/chat/completions`;
  });
  afterAll(() => server.close());

  it.each([
    ['fault_401', 401, 'invalid_request_error', 'invalid_api_key', /^Incorrect API key provided/],
    ['fault_403', 403, 'invalid_request_error', null, /insufficient permissions/],
    ['fault_429', 429, 'requests', 'rate_limit_exceeded', /Rate limit reached/],
    ['fault_429_noretry', 429, 'insufficient_quota', 'insufficient_quota', /quota/],
    ['fault_500', 500, 'server_error', null, /had an error/],
    ['fault_503', 503, 'server_error', null, /overloaded/],
  ])(
    '%s answers %i in OpenAI shape, for the completion and its messages',
    async (id, status, type, code, message) => {
      for (const url of [`${api}/${id}`, `${api}/${id}/messages`]) {
        const res = await getJson<ErrorBody>(url);
        expect(res.status).toBe(status);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(res.headers.get('x-request-id')).toMatch(/^req_/);
        expectValid(v.error, res.body);
        expect(res.body.error).toMatchObject({ type, code });
        expect(res.body.error.message).toMatch(message);
        expect(res.headers.get('retry-after')).toBe(id === 'fault_429' ? '3' : null);
      }
    },
  );

  it('fault_502 answers like OpenAI’s edge, numeric code included', async () => {
    const res = await getJson<ErrorBody>(`${api}/fault_502`);
    expect(res.status).toBe(502);
    // Not spec-valid on purpose (code is a number, as Cloudflare answers): check by hand.
    expect(res.body.error).toEqual({
      message: 'Bad gateway.',
      type: 'cf_bad_gateway',
      param: null,
      code: 502,
    });
  });

  it('fault_reset drops the connection without an answer', async () => {
    await expect(fetch(`${api}/fault_reset`)).rejects.toThrow();
    await expect(fetch(`${api}/fault_reset/messages`)).rejects.toThrow();
  });

  it('fault_malformed answers 200 with invalid JSON', async () => {
    const res = await fetch(`${api}/fault_malformed`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('fault_empty is a valid completion with no input messages', async () => {
    const c = await getJson(`${api}/fault_empty`);
    expect(c.status).toBe(200);
    expectValid(v.completion, c.body);
    const m = await getJson<Page<unknown>>(`${api}/fault_empty/messages`);
    expectValid(v.messages, m.body);
    expect(m.body).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
  });

  it('fault_broken_message has null, a string and a role-less object among 5 good messages', async () => {
    const c = await getJson(`${api}/fault_broken_message`);
    expectValid(v.completion, c.body);
    const m = await getJson<Page<unknown>>(`${api}/fault_broken_message/messages`);
    expect(m.status).toBe(200);
    const data = m.body.data;
    expect(data).toContain(null);
    expect(data.some((x) => typeof x === 'string')).toBe(true);
    const objects = data.filter(
      (x): x is Record<string, unknown> => typeof x === 'object' && x !== null,
    );
    expect(objects.filter((x) => !('role' in x))).toHaveLength(1);
    const good = objects.filter((x) => 'role' in x);
    expect(good).toHaveLength(5);
    expectValid(v.messages, { ...m.body, data: good });
    expect(m.body.first_id).toBe('fault_broken_message-0');
  });

  it('fault_slow answers a normal completion after about 2 s', async () => {
    const started = Date.now();
    const [c, m] = await Promise.all([
      getJson(`${api}/fault_slow`),
      getJson(`${api}/fault_slow/messages`),
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expectValid(v.completion, c.body);
    expectValid(v.messages, m.body);
  });

  it('fault ids never appear in lists; other methods on them are plain 404s', async () => {
    const all = await walk<{ id: string }>(api, { limit: '100' });
    expect(all.some((c) => c.id.startsWith('fault_'))).toBe(false);
    expect((await getJson(`${api}/fault_401`, { method: 'DELETE' })).status).toBe(404);
  });

  it('POST/DELETE on the other fault ids reach the store: its usual 404', async () => {
    for (const id of FAULT_IDS.filter((x) => x !== 'fault_refuse_update')) {
      const notFound = {
        error: {
          message: `No chat completion found with id '${id}'.`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      };
      const post = await postJson<ErrorBody>(`${api}/${id}`, { metadata: { a: 'b' } });
      expect([id, post.status, post.body]).toEqual([id, 404, notFound]);
      const del = await getJson<ErrorBody>(`${api}/${id}`, { method: 'DELETE' });
      expect([id, del.status, del.body]).toEqual([id, 404, notFound]);
    }
    // GET still answers the fault afterwards.
    expect((await getJson(`${api}/fault_401`)).status).toBe(401);
  });

  describe('fault_refuse_update', () => {
    const url = () => `${api}/fault_refuse_update`;
    type Completion = { id: string; metadata: Record<string, string> };

    it('reads like a normal small completion with metadata', async () => {
      const c = await getJson<Completion>(url());
      expect(c.status).toBe(200);
      expectValid(v.completion, c.body);
      expect(c.body.metadata).toMatchObject({ env: 'test' });
      const m = await getJson<Page<{ id: string }>>(`${url()}/messages`);
      expect(m.status).toBe(200);
      expectValid(v.messages, m.body);
      expect(m.body.data.length).toBeGreaterThanOrEqual(3);
      expect(m.body.first_id).toBe('fault_refuse_update-0');
    });

    it('refuses a valid metadata update with 400 param metadata', async () => {
      const res = await postJson<ErrorBody>(url(), { metadata: { env: 'prod' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      expectValid(v.error, res.body);
      expect(res.body).toEqual({
        error: {
          message: 'Metadata updates are not allowed on this completion (test fault).',
          type: 'invalid_request_error',
          param: 'metadata',
          code: null,
        },
      });
      expect((await getJson<Completion>(url())).body.metadata).toMatchObject({ env: 'test' });
    });

    it('validates the body first: an invalid one gets the normal 400', async () => {
      const parse = await postJson<ErrorBody>(url(), '{"metadata": {');
      expect(parse.status).toBe(400);
      expect(parse.body.error.message).toMatch(/could not parse the JSON body/);
      const unknown = await postJson<ErrorBody>(url(), { metadata: {}, model: 'x' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatchObject({ param: 'model', code: 'unknown_parameter' });
      const long = await postJson<ErrorBody>(url(), { metadata: { note: 'v'.repeat(513) } });
      expect(long.body.error).toMatchObject({ param: 'metadata.note' });
    });

    it('answers DELETE with OpenAI’s 500; the completion stays', async () => {
      const res = await getJson<ErrorBody>(url(), { method: 'DELETE' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        error: {
          message: 'The server had an error while processing your request. Sorry about that!',
          type: 'server_error',
          param: null,
          code: null,
        },
      });
      expect((await getJson(url())).status).toBe(200);
    });
  });
});

describe('faults disabled (default)', () => {
  let server: RunningServer;
  const saved = process.env.VIEWER_FAULTS;
  beforeAll(async () => {
    delete process.env.VIEWER_FAULTS;
    server = await startServer({ port: 0, quiet: true });
  });
  afterAll(async () => {
    await server.close();
    if (saved === undefined) delete process.env.VIEWER_FAULTS;
    else process.env.VIEWER_FAULTS = saved;
  });

  it.each(FAULT_IDS)('%s is an ordinary unknown id (404)', async (id) => {
    const res = await getJson(`${server.url}/v1/chat/completions/${id}`);
    expect(res.status).toBe(404);
    expectValid(v.error, res.body);
  });
});

describe('VIEWER_FAULTS=1', () => {
  it('enables the fault ids', async () => {
    const saved = process.env.VIEWER_FAULTS;
    process.env.VIEWER_FAULTS = '1';
    const server = await startServer({ port: 0, quiet: true });
    try {
      expect((await fetch(`${server.url}/v1/chat/completions/fault_401`)).status).toBe(401);
    } finally {
      await server.close();
      if (saved === undefined) delete process.env.VIEWER_FAULTS;
      else process.env.VIEWER_FAULTS = saved;
    }
  });
});
