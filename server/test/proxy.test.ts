/** Proxy mode against a fake upstream on loopback. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyConfigFromEnv } from '../api/proxy.ts';
import { startServer, type RunningServer } from '../http.ts';
import { postJson } from './helpers.ts';

const KEY = 'fk-test-SECRET-abcdefghijklmnop1234567890';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let upstream: Server;
let upstreamUrl: string;
const seen: Seen[] = [];
let proxy: RunningServer;
/** Every response the browser side got, to check the key never leaks. */
const leaks: string[] = [];

async function call(path: string, init?: RequestInit) {
  const res = await fetch(`${proxy.url}${path}`, init);
  const text = await res.text();
  leaks.push(text, JSON.stringify([...res.headers]));
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-request-id': 'req_upstream123',
          ...headers,
        });
        res.end(JSON.stringify(body));
      };
      const path = (req.url ?? '').split('?')[0];
      if (path === '/v1/chat/completions/rate_limited') {
        json(
          429,
          {
            error: {
              message: 'Rate limit reached',
              type: 'requests',
              param: null,
              code: 'rate_limit_exceeded',
            },
          },
          {
            'retry-after': '7',
            'x-ratelimit-remaining-requests': '0',
            'set-cookie': 'tracking=1',
          },
        );
      } else if (path === '/v1/chat/completions/missing') {
        json(404, {
          error: {
            message: "No chat completion found with id 'missing'.",
            type: 'invalid_request_error',
            param: null,
            code: null,
          },
        });
      } else if (path === '/v1/chat/completions/echo') {
        // A misbehaving upstream that echoes the credentials back: the proxy must scrub them.
        json(200, { headers: req.headers }, { 'x-echo-auth': String(req.headers.authorization) });
      } else if (req.method === 'DELETE') {
        json(200, { object: 'chat.completion.deleted', id: path?.split('/').pop(), deleted: true });
      } else if (req.method === 'POST') {
        json(200, { object: 'chat.completion', id: 'x', got: JSON.parse(entry.body) as unknown });
      } else {
        json(
          200,
          {
            object: 'list',
            data: [],
            first_id: null,
            last_id: null,
            has_more: false,
            url: req.url,
          },
          {
            'openai-processing-ms': '12',
            'openai-version': '2020-10-01',
            'x-ratelimit-limit-requests': '5000',
            'x-internal': 'not for browsers',
          },
        );
      }
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  proxy = await startServer({
    port: 0,
    quiet: true,
    staticDir: '/nonexistent',
    proxy: { apiKey: KEY, baseURL: upstreamUrl, organization: 'org-123', project: 'proj_456' },
  });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((r) => upstream.close(r));
  // Nothing the browser saw contains the key.
  for (const text of leaks) expect(text).not.toContain(KEY);
});

describe('proxy mode', () => {
  it('adds the key and org/project headers, drops the browser’s Authorization, keeps the query', async () => {
    seen.length = 0;
    const query = '?limit=5&order=desc&metadata%5Bteam%20%5B%CE%B1%5D%5D=a%26b';
    const res = await call(`/v1/chat/completions${query}`, {
      headers: { Authorization: 'Bearer sk-from-the-browser', Cookie: 'session=1' },
    });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    const got = seen[0]!;
    expect(got.url).toBe(`/v1/chat/completions${query}`);
    expect(got.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(got.headers['openai-organization']).toBe('org-123');
    expect(got.headers['openai-project']).toBe('proj_456');
    expect(got.headers.cookie).toBeUndefined();
    expect(res.json().url).toBe(`/v1/chat/completions${query}`);
  });

  it('passes status, body and useful headers through; drops the rest', async () => {
    const res = await call('/v1/chat/completions');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-request-id')).toBe('req_upstream123');
    expect(res.headers.get('openai-processing-ms')).toBe('12');
    expect(res.headers.get('openai-version')).toBe('2020-10-01');
    expect(res.headers.get('x-ratelimit-limit-requests')).toBe('5000');
    expect(res.headers.get('x-internal')).toBeNull();
  });

  it('passes a 429 with Retry-After and a 404 error body unchanged', async () => {
    const limited = await call('/v1/chat/completions/rate_limited');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(limited.headers.get('set-cookie')).toBeNull();
    expect(limited.json()).toEqual({
      error: {
        message: 'Rate limit reached',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    });
    const missing = await call('/v1/chat/completions/missing');
    expect(missing.status).toBe(404);
    expect((missing.json().error as { message: string }).message).toContain("'missing'");
  });

  it('forwards POST bodies, DELETE and the messages path', async () => {
    seen.length = 0;
    const post = await postJson<{ got: unknown }>(`${proxy.url}/v1/chat/completions/abc`, {
      metadata: { a: 'b' },
    });
    expect(post.body.got).toEqual({ metadata: { a: 'b' } });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    const del = await call('/v1/chat/completions/abc', { method: 'DELETE' });
    expect(del.json()).toEqual({ object: 'chat.completion.deleted', id: 'abc', deleted: true });
    await call('/v1/chat/completions/abc/messages?limit=100');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'POST /v1/chat/completions/abc',
      'DELETE /v1/chat/completions/abc',
      'GET /v1/chat/completions/abc/messages?limit=100',
    ]);
  });

  it('forwards only the stored-completions operations', async () => {
    seen.length = 0;
    for (const [path, method, status] of [
      ['/v1/models', 'GET', 404],
      ['/v1/files', 'GET', 404],
      ['/v1/responses', 'POST', 404],
      ['/v1/chat/completions', 'POST', 405], // creating completions would spend the key
      ['/v1/chat/completions/abc/messages/x', 'GET', 404],
    ] as const) {
      const res = await call(path, { method, body: method === 'POST' ? '{}' : undefined });
      expect(res.status).toBe(status);
      expect(res.json()).toHaveProperty('error.message');
    }
    expect(seen).toEqual([]);
    expect((await call('/demo-assets/images/icon-64.png')).status).toBe(404);
  });

  it('never lets the key out, even if the upstream echoes it', async () => {
    const res = await call('/v1/chat/completions/echo');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(KEY);
    expect(res.headers.get('x-echo-auth')).toBeNull();
  });

  it('answers 502 with an error object when the upstream is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const dead = await startServer({
      port: 0,
      quiet: true,
      proxy: { apiKey: KEY, baseURL: `http://127.0.0.1:${port}/v1` },
    });
    try {
      const res = await fetch(`${dead.url}/v1/chat/completions`);
      const text = await res.text();
      leaks.push(text);
      expect(res.status).toBe(502);
      expect(res.headers.get('content-type')).toBe('application/json');
      const body = JSON.parse(text) as { error: { type: string; message: string } };
      expect(body.error.type).toBe('upstream_error');
      expect(body.error.message).toMatch(/could not be reached/);
    } finally {
      await dead.close();
    }
  });

  it('reads its settings like the SDK does; an empty key means no proxy', () => {
    expect(proxyConfigFromEnv({ OPENAI_API_KEY: '' })).toBeNull();
    expect(proxyConfigFromEnv({})).toBeNull();
    expect(proxyConfigFromEnv({ OPENAI_API_KEY: 'k' })).toEqual({
      apiKey: 'k',
      baseURL: 'https://api.openai.com/v1',
    });
    expect(
      proxyConfigFromEnv({
        OPENAI_API_KEY: 'k',
        OPENAI_BASE_URL: 'http://x/v1',
        OPENAI_ORG_ID: 'org',
        OPENAI_PROJECT_ID: 'proj',
      }),
    ).toEqual({ apiKey: 'k', baseURL: 'http://x/v1', organization: 'org', project: 'proj' });
  });
});
