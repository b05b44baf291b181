import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFuzzServer, type FuzzServer } from '../../e2e/fuzz/fuzz-server.ts';
import { createFuzzWorld, type FamilyName } from '../../e2e/fuzz/generator.ts';
import { currentScope, setConnection } from '@/api/current.ts';
import { completionsListInfiniteOptions } from './completions-list.ts';
import { conversationMessagesInfiniteOptions } from './messages.ts';

// Against the fuzz server over HTTP (e2e/fuzz): servers whose cursors don't move on, or move in
// a circle, must not be paged forever, whatever the reader does.
let server: FuzzServer;
const requests: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startFuzzServer({ port: 0, staticDir: 'dist' });
  globalThis.fetch = (input, init) => {
    requests.push(String(input));
    return realFetch(input, init);
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

function useWorld(family: FamilyName, seed: number) {
  setConnection({ baseURL: `${server.url}/fuzz/${family}.${seed}/v1` });
  requests.length = 0;
  return createFuzzWorld(family, seed);
}

interface Pager {
  getCurrentResult(): { hasNextPage: boolean };
  fetchNextPage(): Promise<unknown>;
}

/** Asks for the next page as long as the query says there is one (at most 20 times). */
async function walkToEnd(observer: Pager) {
  for (let i = 0; i < 20 && observer.getCurrentResult().hasNextPage; i++) {
    await observer.fetchNextPage();
  }
  return observer.getCurrentResult();
}

const filters = { model: '', metadata: {}, order: 'desc' as const };

describe('paging stops on cursors that would loop', () => {
  it('list: last_id repeating the cursor just used', async () => {
    useWorld('cursor-repeat', 1);
    const observer = new InfiniteQueryObserver(
      new QueryClient(),
      completionsListInfiniteOptions(currentScope(), filters),
    );
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().isSuccess, { timeout: 10_000 }).toBe(true);
    const result = await walkToEnd(observer);
    unsubscribe();
    expect(result.hasNextPage).toBe(false);
    expect(requests).toHaveLength(2);
  });

  it('list: two cursors taking turns (A, F, A, …)', async () => {
    useWorld('cursor-repeat', 2);
    const observer = new InfiniteQueryObserver(
      new QueryClient(),
      completionsListInfiniteOptions(currentScope(), filters),
    );
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().isSuccess, { timeout: 10_000 }).toBe(true);
    const result = await walkToEnd(observer);
    unsubscribe();
    expect(result.hasNextPage).toBe(false);
    // The first page, the page after A, the page after F; F's answer points back to A.
    expect(requests).toHaveLength(3);
  });

  it('messages: two cursors taking turns', async () => {
    const world = useWorld('cursor-repeat', 2);
    const observer = new InfiniteQueryObserver(
      new QueryClient(),
      conversationMessagesInfiniteOptions(currentScope(), world.openId),
    );
    const unsubscribe = observer.subscribe(() => {});
    await expect.poll(() => observer.getCurrentResult().isSuccess, { timeout: 10_000 }).toBe(true);
    const result = await walkToEnd(observer);
    unsubscribe();
    expect(result.hasNextPage).toBe(false);
    expect(requests).toHaveLength(3);
  });

  it('messages and list: has_more true, then an empty page', async () => {
    const world = useWorld('has-more-empty', 1);
    const client = new QueryClient();
    const messages = new InfiniteQueryObserver(
      client,
      conversationMessagesInfiniteOptions(currentScope(), world.openId),
    );
    const unsubscribe = messages.subscribe(() => {});
    await expect.poll(() => messages.getCurrentResult().isSuccess, { timeout: 10_000 }).toBe(true);
    const result = await walkToEnd(messages);
    unsubscribe();
    expect(result.hasNextPage).toBe(false);
    // Every page with messages, then the empty one.
    expect(requests).toHaveLength(Math.ceil(world.openMessageCount / 5) + 1);
  });
});
