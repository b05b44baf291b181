/** The test-only fault ids: on with `faults: true` (or VIEWER_FAULTS=1), absent otherwise. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_IDS, parseFaultId } from '../testing/fault-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, postJson, rawRequest, walk, type Page } from './helpers.ts';
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

describe('fault families: hang, reset mid-body, latency; _x<N>, _p<P>, _t<tag>', () => {
  let server: RunningServer;
  let api: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true, faults: true });
    api = `${server.url}/v1/chat/completions`;
  });
  afterAll(() => server.close());

  type Message = { id: string; content: string };
  const messages = (id: string, query: string) =>
    getJson<Page<Message> & ErrorBody>(`${api}/${id}/messages?${query}`);

  it('fault_hang never answers; the server lets go when the client does', async () => {
    for (const url of [`${api}/fault_hang`, `${api}/fault_hang/messages`]) {
      const started = Date.now();
      await expect(fetch(url, { signal: AbortSignal.timeout(800) })).rejects.toThrow(/abort/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(750);
    }
    // The server is still fine (the hung requests were released).
    expect((await fetch(`${api}?limit=1`)).status).toBe(200);
  });

  it('fault_reset_body sends 200, headers and part of the body, then drops the connection', async () => {
    for (const url of [`${api}/fault_reset_body`, `${api}/fault_reset_body/messages`]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const declared = Number(res.headers.get('content-length'));
      expect(declared).toBeGreaterThan(100);
      const reader = res.body!.getReader();
      let received = 0;
      const read = async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.length;
        }
      };
      await expect(read()).rejects.toThrow();
      expect(received).toBeGreaterThan(0);
      expect(received).toBeLessThan(declared);
    }
  });

  it('fault_latency_<ms> answers normally after that long (at most 60 s)', async () => {
    const started = Date.now();
    const [c, m] = await Promise.all([
      getJson(`${api}/fault_latency_400`),
      getJson<Page<unknown>>(`${api}/fault_latency_400/messages`),
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(c.status).toBe(200);
    expectValid(v.completion, c.body);
    expectValid(v.messages, m.body);
    expect((await getJson(`${api}/fault_latency_60001`)).status).toBe(404);
  });

  it('_x<N> fails N times per endpoint, then answers; /__viewer/reset starts over', async () => {
    const id = 'fault_503_x2_tcount';
    const statuses = async (url: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await getJson(url)).status);
      return out;
    };
    expect(await statuses(`${api}/${id}`, 4)).toEqual([503, 503, 200, 200]);
    // Counted apart from the completion.
    expect(await statuses(`${api}/${id}/messages`, 3)).toEqual([503, 503, 200]);
    // Another tag has its own count.
    expect(await statuses(`${api}/fault_503_x2_tother`, 1)).toEqual([503]);
    const reset = await rawRequest(server.url, '/__viewer/reset', { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(await statuses(`${api}/${id}`, 3)).toEqual([503, 503, 200]);
    // Every family takes _x: the answer after the failures is the normal one.
    for (const family of ['429', '429_noretry', '500', '502', 'malformed', 'reset', 'reset_body']) {
      const url = `${api}/fault_${family}_x1_tfamily`;
      await fetch(url)
        .then((r) => r.arrayBuffer())
        .catch(() => null);
      const after = await getJson(url);
      expect([family, after.status]).toEqual([family, 200]);
      expectValid(v.completion, after.body);
    }
  });

  it('_p3: the completion and the first two pages of 100 read fine; the third fails', async () => {
    const id = 'fault_500_p3_tpages';
    const c = await getJson<{ id: string }>(`${api}/${id}`);
    expect(c.status).toBe(200);
    expectValid(v.completion, c.body);
    const first = await messages(id, 'limit=100');
    expect(first.status).toBe(200);
    expectValid(v.messages, first.body);
    expect(first.body.data[0]!.id).toBe(`${id}-0`);
    expect(first.body.data[0]!.content).toBe('Message 0 of 350.');
    const second = await messages(id, `limit=100&after=${first.body.last_id}`);
    expect(second.status).toBe(200);
    expect(second.body.last_id).toBe(`${id}-199`);
    const third = await messages(id, `limit=100&after=${second.body.last_id}`);
    expect(third.status).toBe(500);
    expect(third.body.error.type).toBe('server_error');
    // Pages that reach index 200 from elsewhere fail too; a bad cursor is still a 400.
    expect((await messages(id, `limit=5&after=${id}-196`)).status).toBe(500);
    expect((await messages(id, `limit=5&after=${id}-190`)).status).toBe(200);
    expect((await messages(id, 'order=desc&limit=1')).status).toBe(500);
    expect((await messages(id, `limit=100&after=${id}-999`)).status).toBe(400);
  });

  it('_p3_x1: the third page fails once, then the rest of the conversation pages to the end', async () => {
    const id = 'fault_503_p3_x1_tresume';
    const pages: Page<Message>[] = [];
    let after: string | null = null;
    let failures = 0;
    for (let guard = 0; guard < 10; guard++) {
      const res: Awaited<ReturnType<typeof messages>> = await messages(
        id,
        `limit=100${after ? `&after=${after}` : ''}`,
      );
      if (res.status !== 200) {
        failures += 1;
        continue; // retry the same cursor
      }
      pages.push(res.body);
      if (!res.body.has_more) break;
      after = res.body.last_id;
    }
    expect(failures).toBe(1);
    const ids = pages.flatMap((p) => p.data.map((m) => m.id));
    expect(ids).toHaveLength(350);
    expect(ids).toEqual(Array.from({ length: 350 }, (_, i) => `${id}-${i}`));
  });

  it('_p<P> works with every family: hang and latency too', async () => {
    const hung = `${api}/fault_hang_p2_thang/messages?limit=100&after=fault_hang_p2_thang-99`;
    await expect(fetch(hung, { signal: AbortSignal.timeout(500) })).rejects.toThrow(/abort/i);
    expect((await messages('fault_hang_p2_thang', 'limit=100')).status).toBe(200);
    const slow = 'fault_latency_1500_p2_tslow';
    let started = Date.now();
    await messages(slow, 'limit=100');
    expect(Date.now() - started).toBeLessThan(1000);
    started = Date.now();
    await messages(slow, `limit=100&after=${slow}-99`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1450);
  });

  it('ids that do not follow the grammar are plain unknown completions', async () => {
    for (const id of [
      'fault_503_x0',
      'fault_503_p0',
      'fault_504',
      'fault_503_tbad_tag!',
      'fault_503_x1_x2', // a modifier twice
      'fault_503_x1junk',
      'fault_hang_extra',
    ]) {
      const res = await getJson(`${api}/${encodeURIComponent(id)}`);
      expect([id, res.status]).toEqual([id, 404]);
    }
    expect(parseFaultId('fault_429_noretry_tA-1_p2_x3')).toMatchObject({
      family: '429_noretry',
      failTimes: 3,
      fromPage: 2,
    });
    expect(parseFaultId('fault_latency_250')).toMatchObject({ family: 'latency', latencyMs: 250 });
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
