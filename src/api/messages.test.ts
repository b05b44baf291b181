import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, LONG_MESSAGE_COUNT } from '../../server/data/demo-ids.ts';
import { startServer } from '../../server/main.ts';
import { currentScope, setConnection } from '@/api/current.ts';
import type { MessageItem } from '@/api/types.ts';
import { AnchorNotFoundError, conversationMessagesInfiniteOptions } from './messages.ts';

// Against the real local API over HTTP: the window logic is all about what the server answers.
let server: Awaited<ReturnType<typeof startServer>>;
const requests: string[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true });
  setConnection({ baseURL: `${server.url}/v1` });
  // Count what goes out, without changing it.
  globalThis.fetch = (input, init) => {
    requests.push(String(input));
    return realFetch(input, init);
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server.close();
});

const ids = (items: MessageItem[]) => items.map((item) => (item.ok ? item.message.id : null));
const id = (index: number) => `${DEMO_IDS.long}-${index}`;
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => id(from + i));

describe('conversationMessagesInfiniteOptions', () => {
  it('uses structured keys, general to specific', () => {
    const connection = currentScope().id;
    expect(conversationMessagesInfiniteOptions(currentScope(), 'c').queryKey).toEqual([
      'api',
      connection,
      'completions',
      'messages',
      'c',
      { from: 'start' },
    ]);
    expect(conversationMessagesInfiniteOptions(currentScope(), 'c', 'c-7').queryKey).toEqual([
      'api',
      connection,
      'completions',
      'messages',
      'c',
      { anchor: 'c-7' },
    ]);
  });

  it('opens around a deep-linked message with two requests, then extends both ways', async () => {
    const client = new QueryClient();
    const options = conversationMessagesInfiniteOptions(currentScope(), DEMO_IDS.long, id(7000));
    requests.length = 0;
    await client.fetchInfiniteQuery(options);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toContain(`after=${id(7000)}`);
    expect(requests[0]).toContain('order=desc');
    expect(requests[1]).toContain(`after=${id(6999)}`);
    expect(requests[1]).toContain('order=asc');
    let data = client.getQueryData(options.queryKey);
    expect(ids(data?.pages[0]?.items ?? [])).toEqual(range(6900, 7100));

    const observer = new InfiniteQueryObserver(client, options);
    await observer.fetchPreviousPage();
    await observer.fetchNextPage();
    data = client.getQueryData(options.queryKey);
    expect(data?.pages.flatMap((page) => ids(page.items))).toEqual(range(6800, 7200));
  });

  it('reaches both ends of the conversation and stops there', async () => {
    const client = new QueryClient();
    const first = conversationMessagesInfiniteOptions(currentScope(), DEMO_IDS.long, id(50));
    await client.fetchInfiniteQuery(first);
    const page = client.getQueryData(first.queryKey)?.pages[0];
    expect(ids(page?.items ?? [])).toEqual(range(0, 150));
    expect(page?.older).toBeNull();
    expect(page?.newer).toBe(id(149));

    const last = conversationMessagesInfiniteOptions(
      currentScope(),
      DEMO_IDS.long,
      id(LONG_MESSAGE_COUNT - 1),
    );
    await client.fetchInfiniteQuery(last);
    const end = client.getQueryData(last.queryKey)?.pages[0];
    expect(end?.newer).toBeNull();
    expect(end?.items).toHaveLength(101);
  });

  it('says when the linked message is not in the conversation', async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    await expect(
      client.fetchInfiniteQuery(
        conversationMessagesInfiniteOptions(currentScope(), DEMO_IDS.long, 'nope-1'),
      ),
    ).rejects.toBeInstanceOf(AnchorNotFoundError);
  });

  it('reads from the start, 100 a page', async () => {
    const client = new QueryClient();
    const options = conversationMessagesInfiniteOptions(currentScope(), DEMO_IDS.tools);
    await client.fetchInfiniteQuery(options);
    const page = client.getQueryData(options.queryKey)?.pages[0];
    expect(page?.older).toBeNull();
    expect(page?.newer).toBeNull();
    expect(page?.items.length).toBeGreaterThan(3);
  });
});
