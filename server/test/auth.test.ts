/**
 * Key-required mode (`requireKey`): OpenAI's 401s, the masked key, CORS like api.openai.com,
 * public demo images; and that the default mode sends no CORS headers at all.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskKey } from '../api/auth.ts';
import { DEMO_IDS } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, rawRequest } from './helpers.ts';
import { expectValid, validators } from './spec.ts';

const v = validators();
const KEY = 'fk-local-test-KEY-0123456789abcdefWXYZ';
const auth = { Authorization: `Bearer ${KEY}` };

const MISSING = {
  error: {
    message:
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    type: 'invalid_request_error',
    param: null,
    code: null,
  },
};
const incorrect = (masked: string) => ({
  error: {
    message: `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error',
    param: null,
    code: 'invalid_api_key',
  },
});
const EXPOSE =
  'x-request-id, retry-after, openai-organization, openai-project, openai-processing-ms';

describe('maskKey', () => {
  it('keeps the first 3 and last 4 characters, stars in between; short keys all stars', () => {
    expect(maskKey('sk-abcdefghijwxyz')).toBe('sk-**********wxyz');
    expect(maskKey('123456789')).toBe('123**6789');
    expect(maskKey('12345678')).toBe('********');
    expect(maskKey('abc')).toBe('***');
  });
});

describe('requireKey', () => {
  let server: RunningServer;
  let api: string;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true, requireKey: KEY, faults: true });
    api = `${server.url}/v1/chat/completions`;
  });
  afterAll(() => server.close());

  it('answers 401 with OpenAI’s body when no key (or no Bearer key) is sent', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { Authorization: '' },
      { Authorization: 'Bearer' },
      { Authorization: 'Bearer   ' },
      { Authorization: `Basic ${Buffer.from(`:${KEY}`).toString('base64')}` },
      { Authorization: KEY },
    ]) {
      for (const url of [api, `${api}/${DEMO_IDS.tools}`, `${server.url}/v1/nothing`]) {
        const res = await getJson(url, { headers });
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(res.headers.get('x-request-id')).toMatch(/^req_/);
        expect(res.body).toEqual(MISSING);
        expectValid(v.error, res.body);
      }
    }
  });

  it('answers 401 invalid_api_key with the key masked for a wrong key', async () => {
    const wrong = 'fk-wrong-key-abcdefghijklmnop-9876';
    const res = await getJson(api, { headers: { Authorization: `Bearer ${wrong}` } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(incorrect('fk-***************************9876'));
    expect(JSON.stringify(res.body)).not.toContain(wrong);
    const short = await getJson(api, { headers: { Authorization: 'Bearer sk-12345' } });
    expect(short.body).toEqual(incorrect('********'));
    // Same length as the real key, one character off: still refused, and never echoed.
    const near = `${KEY.slice(0, -1)}z`;
    const nearRes = await getJson(api, { headers: { Authorization: `Bearer ${near}` } });
    expect(nearRes.body).toEqual(incorrect(maskKey(near)));
    expect(JSON.stringify(nearRes.body)).not.toContain(KEY);
  });

  it('serves everything with the right key (scheme case-insensitive); POST/DELETE too', async () => {
    const list = await getJson(`${api}?limit=2`, { headers: auth });
    expect(list.status).toBe(200);
    expectValid(v.list, list.body);
    const lower = await getJson(`${api}/${DEMO_IDS.tools}`, {
      headers: { Authorization: `bearer ${KEY}` },
    });
    expect(lower.status).toBe(200);
    expectValid(v.completion, lower.body);
    const update = await getJson(`${api}/${DEMO_IDS.rtl}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { k: 'v' } }),
    });
    expect(update.status).toBe(200);
    const unauthorized = await getJson(`${api}/${DEMO_IDS.rtl}`, { method: 'DELETE' });
    expect(unauthorized.status).toBe(401);
    expect((await getJson(`${api}/${DEMO_IDS.rtl}`, { headers: auth })).status).toBe(200);
    // Faults need the key too.
    expect((await getJson(`${api}/fault_500`)).status).toBe(401);
    expect((await getJson(`${api}/fault_500`, { headers: auth })).status).toBe(500);
  });

  it('works with the official SDK given the key; a wrong key is an AuthenticationError', async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const page = await client.chat.completions.list({ limit: 3 });
    expect(page.data).toHaveLength(3);
    const wrong = new OpenAI({ apiKey: 'sk-nope-123456789', baseURL: `${server.url}/v1` });
    const error = await wrong.chat.completions.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
  });

  it('answers CORS preflights with 204, without the key', async () => {
    const res = await rawRequest(server.url, `/v1/chat/completions/${DEMO_IDS.tools}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers':
          'authorization,content-type,x-stainless-retry-count,X-Stainless-Timeout,x-evil,openai-project',
      },
    });
    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST, DELETE, OPTIONS');
    expect(res.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, openai-organization, openai-project, x-stainless-retry-count, x-stainless-timeout',
    );
    expect(res.headers['access-control-max-age']).toBe('600');
    // Unknown /v1 paths and a preflight with no requested headers too.
    const other = await rawRequest(server.url, '/v1/nothing', {
      method: 'OPTIONS',
      headers: { Origin: 'http://x.test', 'Access-Control-Request-Method': 'GET' },
    });
    expect(other.status).toBe(204);
    expect(other.headers['access-control-allow-headers']).toBe(
      'authorization, content-type, openai-organization, openai-project',
    );
  });

  it('sends CORS headers on actual answers: 200, 401, 404, 405, faults', async () => {
    const cases: [string, RequestInit, number][] = [
      [`${api}?limit=1`, { headers: auth }, 200],
      [`${api}?limit=1`, {}, 401],
      [`${api}/chatcmpl-nope`, { headers: auth }, 404],
      [`${api}`, { method: 'DELETE', headers: auth }, 405],
      [`${api}/fault_429`, { headers: auth }, 429],
    ];
    for (const [url, init, status] of cases) {
      const res = await fetch(url, {
        ...init,
        headers: { ...init.headers, Origin: 'http://x.test' },
      });
      expect(res.status).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe(EXPOSE);
      await res.arrayBuffer();
    }
  });

  it('keeps demo images public', async () => {
    const c = await getJson<{ id: string }>(`${api}/${DEMO_IDS.images}/messages`, {
      headers: auth,
    });
    const url = /http:\/\/[^"]+\/demo-assets\/images\/[^"]+/.exec(JSON.stringify(c.body))?.[0];
    expect(url).toBeTruthy();
    const image = await fetch(url!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\//);
  });

  it('refuses bad settings: an empty or spaced key, or a key with a proxy', async () => {
    await expect(startServer({ port: 0, quiet: true, requireKey: '' })).rejects.toThrow(
      /requireKey/,
    );
    await expect(startServer({ port: 0, quiet: true, requireKey: 'a b' })).rejects.toThrow(
      /requireKey/,
    );
    await expect(
      startServer({
        port: 0,
        quiet: true,
        requireKey: KEY,
        proxy: { apiKey: 'sk-x', baseURL: 'http://127.0.0.1:9/v1' },
      }),
    ).rejects.toThrow(/proxy/);
  });
});

describe('default mode (no key required)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, quiet: true });
  });
  afterAll(() => server.close());

  it('needs no key and sends no CORS headers; other origins are refused (403), OPTIONS too', async () => {
    const own = await fetch(`${server.url}/v1/chat/completions?limit=1`);
    expect(own.status).toBe(200);
    await own.arrayBuffer();
    const res = await fetch(`${server.url}/v1/chat/completions?limit=1`, {
      headers: { Origin: 'http://x.test' },
    });
    expect(res.status).toBe(403);
    await res.arrayBuffer();
    const preflight = await rawRequest(server.url, '/v1/chat/completions', {
      method: 'OPTIONS',
      headers: { Origin: 'http://x.test', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(403);
    const sameOriginPreflight = await rawRequest(server.url, '/v1/chat/completions', {
      method: 'OPTIONS',
    });
    expect(sameOriginPreflight.status).toBe(405);
    for (const r of [Object.fromEntries(res.headers), preflight.headers]) {
      expect(Object.keys(r).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });
});
