import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultConnection } from '@/api/client.ts';
import { currentScope, setConnection } from '@/api/current.ts';
import type { StoredCompletion } from '@/api/types.ts';
import { completionQueryOptions } from './completion.ts';
import { dropOtherConnections, queryKeys } from './keys.ts';

// Switching connection while a page is loading: the answer of the previous connection arrives
// after the switch and must never show under the new one. A real QueryClient, a fetch that
// answers when the test says so, and an observer that does what a page does as it re-renders
// after the switch (new options, from the new connection).

const A = { baseURL: 'https://a.example/v1', apiKey: 'sk-secret-key-of-a' };
const B = { baseURL: 'https://b.example/v1', apiKey: 'sk-secret-key-of-b' };

interface Pending {
  url: string;
  signal: AbortSignal | null;
  answer: (model: string) => void;
}
let pending: Pending[] = [];

function completionJson(model: string) {
  return JSON.stringify({
    id: 'c1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model,
    choices: [],
    metadata: {},
  });
}

beforeEach(() => {
  pending = [];
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    return new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      );
      pending.push({
        url,
        signal: init?.signal ?? null,
        answer: (model) =>
          resolve(
            new Response(completionJson(model), {
              status: 200,
              headers: { 'content-type': 'application/json' },
            }),
          ),
      });
    });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setConnection(defaultConnection);
});

/** The request to a connection's origin, once it was sent. */
async function requestTo(origin: string): Promise<Pending> {
  await expect.poll(() => pending.some((p) => p.url.startsWith(origin))).toBe(true);
  return pending.find((p) => p.url.startsWith(origin))!;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function openCompletion(queryClient: QueryClient) {
  const observer = new QueryObserver(queryClient, completionQueryOptions(currentScope(), 'c1'));
  const shown: (string | undefined)[] = [];
  const unsubscribe = observer.subscribe((result) =>
    shown.push((result.data as StoredCompletion | undefined)?.model),
  );
  return { observer, shown, unsubscribe };
}

describe('query keys include the connection', () => {
  it('tells connections apart, never holding the key itself', () => {
    setConnection(defaultConnection);
    expect(currentScope().id).toBe('server');
    setConnection(A);
    const a = currentScope().id;
    expect(a).toMatch(/^direct:https:\/\/a\.example\/v1#\w+$/);
    const key = JSON.stringify(completionQueryOptions(currentScope(), 'c1').queryKey);
    expect(key).not.toContain(A.apiKey);
    expect(key).not.toContain('secret');
    // Same base URL, another key (another account or project): another connection.
    setConnection({ ...A, apiKey: 'sk-another' });
    expect(currentScope().id).not.toBe(a);
    setConnection({ ...A });
    expect(currentScope().id).toBe(a);
  });

  it.each(['before', 'after'])(
    "a switch mid-load: the old connection's answer, arriving %s the new one's, is not shown",
    async (when) => {
      const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      setConnection(A);
      const { observer, shown, unsubscribe } = openCompletion(queryClient);
      // Another part of the page still on the old options (not re-rendered yet): it keeps the
      // old request alive, so its answer does arrive.
      const stale = new QueryObserver(queryClient, completionQueryOptions(currentScope(), 'c1'));
      const unsubscribeStale = stale.subscribe(() => {});
      const fromA = await requestTo('https://a.example/');

      setConnection(B);
      // What the page does as it re-renders: the same completion, from the new connection.
      observer.setOptions(completionQueryOptions(currentScope(), 'c1'));
      const fromB = await requestTo('https://b.example/');

      if (when === 'before') {
        fromA.answer('model-of-a');
        await expect.poll(() => stale.getCurrentResult().data?.model).toBe('model-of-a');
        await settle();
        expect(observer.getCurrentResult().data).toBeUndefined();
        fromB.answer('model-of-b');
      } else {
        fromB.answer('model-of-b');
        await expect.poll(() => observer.getCurrentResult().data?.model).toBe('model-of-b');
        fromA.answer('model-of-a');
        await expect.poll(() => stale.getCurrentResult().data?.model).toBe('model-of-a');
      }
      await expect.poll(() => observer.getCurrentResult().data?.model).toBe('model-of-b');
      expect(shown).not.toContain('model-of-a');
      // Each answer is stored under its own connection only.
      const data = (connection: { baseURL: string; apiKey: string }) => {
        setConnection(connection);
        return queryClient.getQueryData(queryKeys.completion(currentScope().id, 'c1'));
      };
      expect(data(A)).toMatchObject({ model: 'model-of-a' });
      expect(data(B)).toMatchObject({ model: 'model-of-b' });
      unsubscribe();
      unsubscribeStale();
    },
  );

  it("dropping the other connections' queries cancels the old request and frees its data", async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    setConnection(A);
    const { observer, shown, unsubscribe } = openCompletion(queryClient);
    const fromA = await requestTo('https://a.example/');

    setConnection(B);
    dropOtherConnections(queryClient, currentScope().id);
    observer.setOptions(completionQueryOptions(currentScope(), 'c1'));
    expect(fromA.signal?.aborted).toBe(true);
    (await requestTo('https://b.example/')).answer('model-of-b');
    await expect.poll(() => observer.getCurrentResult().data?.model).toBe('model-of-b');
    expect(shown).not.toContain('model-of-a');
    expect(queryClient.getQueryCache().findAll({ queryKey: ['api'] })).toHaveLength(1);
    // What the viewer's own server says is the same for every connection: kept.
    queryClient.setQueryData(queryKeys.viewerInfo(), { mode: 'demo' });
    dropOtherConnections(queryClient, 'another');
    expect(queryClient.getQueryData(queryKeys.viewerInfo())).toEqual({ mode: 'demo' });
    unsubscribe();
  });
});
