import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS, createApiClient } from './client.ts';
import { ApiError, CONNECTION_LOST, REQUEST_TIMEOUT, isTransient } from './errors.ts';

// A real loopback server whose answers are stretched out in time as each path asks.
const page = JSON.stringify({
  object: 'list',
  data: [],
  first_id: null,
  last_id: null,
  has_more: false,
});
let server: Server;
let baseURL: string;
const open = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    const id = decodeURIComponent(req.url ?? '').split('/')[4] ?? '';
    if (id.startsWith('hang')) return; // never answers
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (id.startsWith('stall')) {
      res.write(page.slice(0, 10)); // headers and a start, then nothing
      return;
    }
    if (id.startsWith('cut')) {
      res.write(page.slice(0, 10));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    if (id.startsWith('trickle')) {
      // The whole answer takes longer than the timeout, but something arrives every 150 ms.
      let sent = 0;
      const timer = setInterval(() => {
        const next = page.slice(sent, sent + 8);
        sent += 8;
        if (sent >= page.length) {
          clearInterval(timer);
          res.end(next);
        } else res.write(next);
      }, 150);
      return;
    }
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  for (const res of open) res.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('request timeout', () => {
  // Generous next to the server's pace (this may run on a busy machine), short for a test.
  const client = () => createApiClient({ baseURL }, { timeoutMs: 1000 });

  it('is 30 s by default (the e2e build shortens it with VITE_REQUEST_TIMEOUT_MS)', () => {
    expect(REQUEST_TIMEOUT_MS).toBe(30_000);
  });

  it('gives up on a server that never answers, with a clear, not auto-retried error', async () => {
    const started = Date.now();
    const error = await failure(client().listMessages('hang-1', {}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'network', code: REQUEST_TIMEOUT });
    expect((error as ApiError).message).toMatch(/did not answer within 1 s/);
    expect(isTransient(error)).toBe(false);
  });

  it('gives up on an answer that stops arriving', async () => {
    const error = await failure(client().listMessages('stall-1', {}));
    expect(error).toMatchObject({ kind: 'network', code: REQUEST_TIMEOUT, status: 200 });
    expect((error as ApiError).message).toMatch(/stopped arriving/);
  });

  it('waits as long as the answer keeps coming, even past the timeout in total', async () => {
    const started = Date.now();
    const result = await client().listMessages('trickle-1', {});
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(result.data).toEqual([]);
  });

  it('tells a connection lost mid-answer from a timeout (and retries it)', async () => {
    const error = await failure(client().listMessages('cut-1', {}));
    expect(error).toMatchObject({ kind: 'network', code: CONNECTION_LOST, status: 200 });
    expect(isTransient(error)).toBe(true);
  });

  it('an abort from the caller stays an abort, before and during the answer', async () => {
    for (const id of ['hang-2', 'stall-2']) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await failure(
        createApiClient({ baseURL }, { timeoutMs: 5000 }).listMessages(id, {}, controller.signal),
      );
      expect(error).not.toBeInstanceOf(ApiError);
      expect((error as Error).name).toBe('AbortError');
    }
    // And the server saw the request go away.
    await expect.poll(() => open.size, { timeout: 2000 }).toBe(0);
  });
});
