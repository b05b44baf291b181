import { describe, expect, it } from 'vitest';
import type { PageParams } from '@/api/client.ts';
import { parseCompletion, parseMessage } from '@/api/parse.ts';
import type { CursorPage, MessageItem, StoredCompletion } from '@/api/types.ts';
import { fetchWholeConversation, newConversationDownload } from './fetch-conversation.ts';

const ID = 'chatcmpl-test';
const completion = (() => {
  const parsed = parseCompletion({ id: ID, created: 1, model: 'gpt-4o', choices: [] });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
})();

/** A fake API over `count` messages: pages by `after` like the real one, records every call. */
function fakeClient(count: number, options: { failOnCall?: number } = {}) {
  const messages = Array.from({ length: count }, (_, i) =>
    parseMessage({ id: `${ID}-${i}`, role: 'user', content: `m${i}` }, i),
  );
  const calls: PageParams[] = [];
  const client = {
    async getCompletion(): Promise<StoredCompletion> {
      return completion;
    },
    async listMessages(
      _id: string,
      params: PageParams,
      signal?: AbortSignal,
    ): Promise<CursorPage<MessageItem>> {
      calls.push(params);
      signal?.throwIfAborted();
      if (calls.length === options.failOnCall) throw new Error('503 from the fake');
      await Promise.resolve();
      const start = params.after ? Number(params.after.split('-').at(-1)) + 1 : 0;
      const data = messages.slice(start, start + (params.limit ?? 20));
      const last = data.at(-1);
      return {
        object: 'list',
        data,
        first_id: data[0]?.ok ? data[0].message.id : null,
        last_id: last?.ok ? last.message.id : null,
        has_more: start + data.length < count,
      };
    },
  };
  return { client, calls };
}

describe('fetchWholeConversation', () => {
  it('pages asc with `after` until has_more is false, reporting progress', async () => {
    const { client, calls } = fakeClient(250);
    const progress: number[] = [];
    const download = newConversationDownload();
    const result = await fetchWholeConversation(client, ID, download, {
      onProgress: (p) => progress.push(p.messages),
    });
    expect(result.items).toHaveLength(250);
    expect(result.items.map((m) => (m.ok ? m.message.id : null))).toEqual(
      Array.from({ length: 250 }, (_, i) => `${ID}-${i}`),
    );
    expect(calls).toEqual([
      { order: 'asc', limit: 100, after: undefined },
      { order: 'asc', limit: 100, after: `${ID}-99` },
      { order: 'asc', limit: 100, after: `${ID}-199` },
    ]);
    expect(progress).toEqual([100, 200, 250]);
    expect(download.done).toBe(true);
  });

  it('after an error, a retry goes on from the last page received', async () => {
    const { client, calls } = fakeClient(250, { failOnCall: 2 });
    const download = newConversationDownload();
    await expect(fetchWholeConversation(client, ID, download)).rejects.toThrow('503');
    expect(download.items).toHaveLength(100);
    const result = await fetchWholeConversation(client, ID, download);
    expect(result.items).toHaveLength(250);
    expect(calls.map((c) => c.after)).toEqual([undefined, `${ID}-99`, `${ID}-99`, `${ID}-199`]);
  });

  it('stops at once when aborted, keeping what arrived', async () => {
    const { client, calls } = fakeClient(1_000);
    const controller = new AbortController();
    const download = newConversationDownload();
    const run = fetchWholeConversation(client, ID, download, {
      signal: controller.signal,
      onProgress: ({ pages }) => {
        if (pages === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(3);
    expect(download.items).toHaveLength(300);
    expect(download.done).toBe(false);
  });

  it('refuses to loop when the server gives no cursor for the next page', async () => {
    const client = {
      getCompletion: async () => completion,
      listMessages: async (): Promise<CursorPage<MessageItem>> => ({
        object: 'list',
        data: [{ ok: false, raw: 1, reason: 'broken', position: 0 }],
        first_id: null,
        last_id: null,
        has_more: true,
      }),
    };
    await expect(fetchWholeConversation(client, ID, newConversationDownload())).rejects.toThrow(
      'no cursor',
    );
  });
});
