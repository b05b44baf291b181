/** Contract tests: list / retrieve / errors of the stored completions, against the spec. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, ODD_METADATA_KEY, ODD_METADATA_VALUE } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, rawRequest, walk, type Page } from './helpers.ts';
import { expectValid, validators } from './spec.ts';

interface Completion {
  id: string;
  created: number;
  model: string;
  metadata: Record<string, string>;
  choices: { message: { content: string | null; refusal: string | null }; finish_reason: string }[];
}

let server: RunningServer;
let api: string;
const v = validators();

beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true, faults: false });
  api = `${server.url}/v1/chat/completions`;
});
afterAll(() => server.close());

function total(): number {
  if (server.mode.kind !== 'demo') throw new Error('expected demo mode');
  return server.mode.completions;
}

function sortedAsc(items: Completion[]): boolean {
  return items.every((c, i) => {
    const prev = items[i - 1];
    return !prev || prev.created < c.created || (prev.created === c.created && prev.id < c.id);
  });
}

describe('GET /v1/chat/completions', () => {
  it('answers a spec-valid first page of 20, ascending, with OpenAI headers', async () => {
    const { status, headers, body } = await getJson<Page<Completion>>(api);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    expectValid(v.list, body);
    expect(body.object).toBe('list');
    expect(body.data).toHaveLength(20);
    expect(body.has_more).toBe(true);
    expect(body.first_id).toBe(body.data[0]!.id);
    expect(body.last_id).toBe(body.data[19]!.id);
    expect(sortedAsc(body.data)).toBe(true);
  });

  it('walks every completion exactly once, asc and desc, has_more false only at the end', async () => {
    const pages: Page<Completion>[] = [];
    const asc = await walk<Completion>(api, { limit: '7' }, (p) => {
      expectValid(v.list, p);
      pages.push(p);
    });
    expect(asc).toHaveLength(total());
    expect(new Set(asc.map((c) => c.id)).size).toBe(total());
    expect(sortedAsc(asc)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.has_more && p.data.length === 7)).toBe(true);
    expect(pages.at(-1)!.has_more).toBe(false);

    const desc = await walk<Completion>(api, { limit: '7', order: 'desc' }, (p) =>
      expectValid(v.list, p),
    );
    expect(desc.map((c) => c.id)).toEqual(asc.map((c) => c.id).reverse());
  });

  it('has ties on `created` and breaks them by id, stably across pages', async () => {
    const all = await walk<Completion>(api, { limit: '100' });
    const counts = new Map<number, number>();
    for (const c of all) counts.set(c.created, (counts.get(c.created) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(3);
    // Page boundaries inside a tie: paging one by one through the tie gives the same order.
    const tied = [...counts].find(([, n]) => n >= 3)![0];
    const start = all.findIndex((c) => c.created === tied);
    let after = all[start - 1]!.id;
    for (let i = start; i < start + counts.get(tied)! + 1; i++) {
      const page = await getJson<Page<Completion>>(`${api}?limit=1&after=${after}`);
      expect(page.body.data[0]!.id).toBe(all[i]!.id);
      after = page.body.last_id!;
    }
  });

  it('accepts limit 1 and 100, defaults to 20', async () => {
    expect((await getJson<Page<Completion>>(`${api}?limit=1`)).body.data).toHaveLength(1);
    expect((await getJson<Page<Completion>>(`${api}?limit=100`)).body.data).toHaveLength(100);
  });

  it.each([
    ['0', 'integer_below_min_value'],
    ['101', 'integer_above_max_value'],
    ['abc', 'invalid_type'],
    ['1.5', 'invalid_type'],
    ['', 'invalid_type'],
  ])('rejects limit=%s with a 400 naming the parameter', async (limit, code) => {
    const { status, body, headers } = await getJson<{ error: { param: string; code: string } }>(
      `${api}?limit=${limit}`,
    );
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/json');
    expectValid(v.error, body);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'limit', code });
  });

  it('rejects a bad order and an unknown after', async () => {
    const order = await getJson<{ error: { param: string; message: string } }>(
      `${api}?order=newest`,
    );
    expect(order.status).toBe(400);
    expectValid(v.error, order.body);
    expect(order.body.error.param).toBe('order');
    expect(order.body.error.message).toContain("'asc' and 'desc'");
    const after = await getJson<{ error: { param: string } }>(`${api}?after=chatcmpl-nope`);
    expect(after.status).toBe(400);
    expectValid(v.error, after.body);
    expect(after.body.error.param).toBe('after');
  });

  it('answers an empty last page with null first_id/last_id', async () => {
    const last = (await getJson<Page<Completion>>(`${api}?order=desc&limit=1`)).body.data[0]!;
    const { status, body } = await getJson<Page<Completion>>(`${api}?after=${last.id}`);
    expect(status).toBe(200);
    expectValid(v.list, body);
    expect(body).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
  });

  it('filters by model', async () => {
    const all = await walk<Completion>(api, { limit: '100' });
    const mini = await walk<Completion>(api, { limit: '9', model: 'gpt-4o-mini' });
    expect(mini.length).toBeGreaterThan(0);
    expect(mini.every((c) => c.model === 'gpt-4o-mini')).toBe(true);
    expect(mini.map((c) => c.id)).toEqual(
      all.filter((c) => c.model === 'gpt-4o-mini').map((c) => c.id),
    );
    expect(new Set(all.map((c) => c.model)).size).toBeGreaterThanOrEqual(6);
    expect((await getJson<Page<Completion>>(`${api}?model=gpt-nope`)).body.data).toEqual([]);
  });

  it('filters by several metadata pairs, all of which must match, across pages', async () => {
    const all = await walk<Completion>(api, { limit: '100' });
    const expected = all.filter((c) => c.metadata.env === 'prod' && c.metadata.customer === 'acme');
    expect(expected.length).toBeGreaterThan(1);
    const got = await walk<Completion>(api, {
      limit: '2',
      'metadata[env]': 'prod',
      'metadata[customer]': 'acme',
    });
    expect(got.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    expect(all.some((c) => Object.keys(c.metadata).length === 0)).toBe(true);
  });

  it('filters by a metadata key with brackets, &, =, spaces and unicode (any encoding)', async () => {
    const form = new URLSearchParams({
      [`metadata[${ODD_METADATA_KEY}]`]: ODD_METADATA_VALUE,
    }).toString();
    const rfc3986 = `${encodeURIComponent(`metadata[${ODD_METADATA_KEY}]`)}=${encodeURIComponent(ODD_METADATA_VALUE)}`;
    expect(form).toContain('+'); // spaces as "+" …
    expect(rfc3986).toContain('%20'); // … and as "%20"
    for (const query of [form, rfc3986]) {
      const { body } = await getJson<Page<Completion>>(`${api}?${query}`);
      expectValid(v.list, body);
      expect(body.data.map((c) => c.id).sort()).toEqual(
        [DEMO_IDS.oddMetadataA, DEMO_IDS.oddMetadataB].sort(),
      );
    }
    const both = await getJson<Page<Completion>>(`${api}?${rfc3986}&metadata%5Bcustomer%5D=acme`);
    expect(both.body.data.map((c) => c.id)).toEqual([DEMO_IDS.oddMetadataA]);
    const wrongValue = await getJson<Page<Completion>>(
      `${api}?${encodeURIComponent(`metadata[${ODD_METADATA_KEY}]`)}=a%26b`,
    );
    expect(wrongValue.body.data).toEqual([]);
  });

  it('keeps paging with an `after` that does not match the filter', async () => {
    const prod = await walk<Completion>(api, { limit: '100', 'metadata[env]': 'prod' });
    const all = await walk<Completion>(api, { limit: '100' });
    const outsider = all.find((c) => c.metadata.env !== 'prod' && all.indexOf(c) > 10)!;
    const { body } = await getJson<Page<Completion>>(
      `${api}?metadata%5Benv%5D=prod&limit=100&after=${outsider.id}`,
    );
    const expected = prod.filter(
      (c) => c.created > outsider.created || (c.created === outsider.created && c.id > outsider.id),
    );
    expect(body.data.map((c) => c.id)).toEqual(expected.map((c) => c.id));
  });
});

describe('GET /v1/chat/completions/{id}', () => {
  it('answers spec-valid completions for every well-known id', async () => {
    for (const id of Object.values(DEMO_IDS)) {
      const { status, headers, body } = await getJson<Completion>(`${api}/${id}`);
      expect(status).toBe(200);
      expect(headers.get('x-request-id')).toMatch(/^req_/);
      expectValid(v.completion, body);
      expect(body.id).toBe(id);
    }
  });

  it('has the refusal in choices with null content, and tool calls as an answer', async () => {
    const refusal = (await getJson<Completion>(`${api}/${DEMO_IDS.refusal}`)).body;
    expect(refusal.choices[0]!.message.content).toBeNull();
    expect(refusal.choices[0]!.message.refusal).toMatch(/can't help/);
    const tools = (await getJson<Completion>(`${api}/${DEMO_IDS.tools}`)).body;
    expect(tools.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('answers 404 in OpenAI shape for an unknown id', async () => {
    const { status, body, headers } = await getJson<{ error: { message: string } }>(
      `${api}/chatcmpl-missing`,
    );
    expect(status).toBe(404);
    expect(headers.get('content-type')).toBe('application/json');
    expectValid(v.error, body);
    expect(body.error).toEqual({
      message: "No chat completion found with id 'chatcmpl-missing'.",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    const messages = await getJson(`${api}/chatcmpl-missing/messages`);
    expect(messages.status).toBe(404);
    expectValid(v.error, messages.body);
  });
});

describe('routing errors', () => {
  it.each([
    '/v1/foo',
    '/v1',
    '/v1/chat/completions/',
    '/v1/chat/completions/x/messages/y',
    '/v1/models',
  ])('404 Invalid URL for %s', async (path) => {
    const { status, body } = await getJson<{ error: { message: string } }>(`${server.url}${path}`);
    expect(status).toBe(404);
    expectValid(v.error, body);
    expect(body.error.message).toBe(`Invalid URL (GET ${path})`);
  });

  it.each([
    ['PUT', '/v1/chat/completions', 'GET'],
    ['POST', '/v1/chat/completions', 'GET'],
    ['PATCH', `/v1/chat/completions/${DEMO_IDS.tools}`, 'GET, POST, DELETE'],
    ['DELETE', `/v1/chat/completions/${DEMO_IDS.tools}/messages`, 'GET'],
  ])('405 with Allow for %s %s', async (method, path, allow) => {
    const { status, headers, body } = await getJson(`${server.url}${path}`, { method });
    expect(status).toBe(405);
    expect(headers.get('allow')).toBe(allow);
    expectValid(v.error, body);
  });

  it('answers 400 (not a crash) to malformed HTTP and keeps serving', async () => {
    const bad = await rawRequest(server.url, '/v1/chat/completions', {
      headers: { 'Content-Length': 'x' },
    }).catch(() => null);
    if (bad) expect(bad.status).toBe(400);
    expect((await getJson(`${api}?limit=1`)).status).toBe(200);
  });
});
