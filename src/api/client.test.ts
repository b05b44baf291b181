import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, toQueryString } from './client.ts';
import { ApiError } from './errors.ts';

// A real HTTP server on loopback that answers what each test asks for, and records requests.
type Reply = { status: number; body: string; headers?: Record<string, string> };
let reply: Reply | 'reset' = { status: 200, body: '{}' };
let lastRequest: IncomingMessage | null = null;
let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    lastRequest = req;
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const emptyPage = JSON.stringify({
  object: 'list',
  data: [],
  first_id: null,
  last_id: null,
  has_more: false,
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('toQueryString', () => {
  it('encodes filters the way the official SDK does', () => {
    expect(
      toQueryString({
        limit: 100,
        order: 'desc',
        after: 'chatcmpl-a',
        model: 'gpt-4o',
        metadata: { customer: 'acme', 'a [b]=&c': 'x y&z' },
      }),
    ).toBe(
      '?after=chatcmpl-a&limit=100&order=desc&model=gpt-4o&metadata%5Bcustomer%5D=acme&metadata%5Ba+%5Bb%5D%3D%26c%5D=x+y%26z',
    );
    expect(toQueryString({})).toBe('');
  });
});

describe('createApiClient', () => {
  it('lists messages with the cursor and sends no key unless it has one', async () => {
    reply = { status: 200, body: emptyPage };
    const client = createApiClient({ baseURL });
    const page = await client.listMessages('chatcmpl-x', {
      after: 'chatcmpl-x-99',
      limit: 100,
      order: 'asc',
    });
    expect(page).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    expect(lastRequest?.url).toBe(
      '/v1/chat/completions/chatcmpl-x/messages?after=chatcmpl-x-99&limit=100&order=asc',
    );
    expect(lastRequest?.headers.authorization).toBeUndefined();
  });

  it('sends the key, organization and project of a direct connection as headers', async () => {
    reply = { status: 200, body: emptyPage };
    const client = createApiClient({
      baseURL: `${baseURL}/`,
      apiKey: 'test-key',
      organization: 'org-1',
      project: 'proj_1',
    });
    await client.listCompletions({});
    expect(lastRequest?.url).toBe('/v1/chat/completions');
    expect(lastRequest?.headers.authorization).toBe('Bearer test-key');
    expect(lastRequest?.headers['openai-organization']).toBe('org-1');
    expect(lastRequest?.headers['openai-project']).toBe('proj_1');
  });

  it('encodes ids in the path', async () => {
    reply = { status: 200, body: JSON.stringify({ id: 'a/b?c' }) };
    await createApiClient({ baseURL }).getCompletion('a/b?c');
    expect(lastRequest?.url).toBe('/v1/chat/completions/a%2Fb%3Fc');
  });

  it("turns OpenAI's error object into an ApiError with status, type, code and Retry-After", async () => {
    reply = {
      status: 429,
      headers: { 'retry-after': '7', 'x-request-id': 'req_123' },
      body: JSON.stringify({
        error: {
          message: 'Rate limit reached',
          type: 'requests',
          param: null,
          code: 'rate_limit_exceeded',
        },
      }),
    };
    const error = await failure(createApiClient({ baseURL }).getCompletion('x'));
    expect(error).toMatchObject({
      kind: 'http',
      status: 429,
      message: 'Rate limit reached',
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
      retryAfterSeconds: 7,
      requestId: 'req_123',
    });
  });

  it('explains an error status without an error body', async () => {
    reply = { status: 502, body: '<html>Bad gateway</html>' };
    const error = await failure(createApiClient({ baseURL }).getCompletion('x'));
    expect(error).toMatchObject({ kind: 'http', status: 502 });
    expect(error.message).toMatch(/502/);
  });

  it('refuses malformed answers: not JSON, or not the promised shape', async () => {
    reply = { status: 200, body: '{"object": "list", "data": [' };
    expect(await failure(createApiClient({ baseURL }).listMessages('x', {}))).toMatchObject({
      kind: 'malformed',
    });
    reply = { status: 200, body: JSON.stringify({ object: 'list', data: {} }) };
    const error = await failure(createApiClient({ baseURL }).listMessages('x', {}));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/data/);
    reply = { status: 200, body: JSON.stringify({ model: 'no id' }) };
    expect(await failure(createApiClient({ baseURL }).getCompletion('x'))).toMatchObject({
      kind: 'malformed',
    });
  });

  it('reports a reset connection and an unreachable server as network errors', async () => {
    reply = 'reset';
    expect(await failure(createApiClient({ baseURL }).getCompletion('x'))).toMatchObject({
      kind: 'network',
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(
      createApiClient({ baseURL: `http://127.0.0.1:${port}/v1` }).getCompletion('x'),
    );
    expect(error.kind).toBe('network');
  });

  it('lets an abort through as an abort, not as a failure', async () => {
    reply = { status: 200, body: emptyPage };
    const controller = new AbortController();
    controller.abort();
    await expect(
      createApiClient({ baseURL }).listMessages('x', {}, controller.signal),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
