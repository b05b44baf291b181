import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, dropEarlyRequests, endEarlyStart, startEarlyRequests } from './client.ts';

// Requests started before the app (src/app/early-requests.ts), against a real loopback server
// that counts what it is asked: the client's first request of the same URL takes the early
// answer instead of asking again.
let server: Server;
let baseURL: string;
const asked: string[] = [];
/** Answers of the `slow` completion wait for this. */
let release: () => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    asked.push(`${req.method} ${req.url}`);
    const send = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id: decodeURIComponent(req.url!.split('/').pop()!), n: asked.length }),
      );
    };
    if (req.url?.endsWith('/slow')) release = send;
    else send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  dropEarlyRequests();
  asked.length = 0;
});

/** Lets the early requests reach the server. */
const reached = (count: number) => expect.poll(() => asked.length).toBe(count);

describe('early requests', () => {
  it('are taken by the first GET of the same URL: one request to the server', async () => {
    startEarlyRequests(baseURL, ['/chat/completions/a%2Fb', '/chat/completions/c']);
    await reached(2);
    const client = createApiClient({ baseURL });
    expect((await client.getCompletion('a/b')).raw).toMatchObject({ id: 'a/b', n: 1 });
    expect((await client.getCompletion('c')).raw).toMatchObject({ id: 'c', n: 2 });
    expect(asked).toEqual(['GET /v1/chat/completions/a%2Fb', 'GET /v1/chat/completions/c']);
    // Once: the next request asks again.
    expect((await client.getCompletion('c')).raw).toMatchObject({ n: 3 });
  });

  it('are taken while still on their way', async () => {
    startEarlyRequests(baseURL, ['/chat/completions/slow']);
    await reached(1);
    const answer = createApiClient({ baseURL }).getCompletion('slow');
    release();
    expect((await answer).raw).toMatchObject({ id: 'slow', n: 1 });
    expect(asked).toHaveLength(1);
  });

  it('are not taken by a connection with a key, another URL or another method', async () => {
    startEarlyRequests(baseURL, ['/chat/completions/c']);
    await reached(1);
    await createApiClient({ baseURL, apiKey: 'test-key' }).getCompletion('c');
    await createApiClient({ baseURL, project: 'proj_1' }).getCompletion('c');
    await createApiClient({ baseURL })
      .deleteCompletion('c')
      .catch(() => {}); // not our answer
    await createApiClient({ baseURL: `${baseURL}/other` }).getCompletion('c');
    expect(asked).toHaveLength(5);
    // Still there for the request it was made for.
    expect((await createApiClient({ baseURL }).getCompletion('c')).raw).toMatchObject({ n: 1 });
  });

  it('a caller that aborts gets an abort, and the early request is gone', async () => {
    startEarlyRequests(baseURL, ['/chat/completions/slow']);
    await reached(1);
    const controller = new AbortController();
    const answer = createApiClient({ baseURL }).getCompletion('slow', controller.signal);
    controller.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    release();
    const again = createApiClient({ baseURL }).getCompletion('slow');
    await reached(2);
    release();
    expect((await again).raw).toMatchObject({ n: 2 });
  });

  it('dropped ones are asked again', async () => {
    startEarlyRequests(baseURL, ['/chat/completions/c']);
    await reached(1);
    dropEarlyRequests();
    expect((await createApiClient({ baseURL }).getCompletion('c')).raw).toMatchObject({ n: 2 });
  });
});

// Last: it can't be undone in this module.
describe('once the app has started', () => {
  it('early requests are not started any more (the app asks for itself)', async () => {
    endEarlyStart();
    startEarlyRequests(baseURL, ['/chat/completions/c']);
    expect((await createApiClient({ baseURL }).getCompletion('c')).raw).toMatchObject({ n: 1 });
    expect(asked).toEqual(['GET /v1/chat/completions/c']);
  });
});
