import { describe, expect, it } from 'vitest';
import { chatMessage } from '@/api/chat-message.fixture.ts';
import type { ApiClient, PageParams } from '@/api/client.ts';
import { ApiError } from '@/api/errors.ts';
import type { CursorPage, MessageItem } from '@/api/types.ts';
import { conversationOpeningPaths, previousIdByForm } from './conversation-requests.ts';
import { AnchorNotFoundError, fetchMessageWindow, type MessageWindowPage } from './messages.ts';

// The deep-link window against a small fake of the client's listMessages, which pages a list of
// ids as the API does (`after` excluded, 400 for an id it doesn't have) and records when each
// request starts and ends, so that "at the same time" is a fact of the log, not of timing.

type Event = { at: 'start' | 'end'; call: number };

function fakeApi(
  ids: readonly (string | null)[],
  options: {
    /** Answers a call with this instead of paging (by the call's params). */
    override?: (params: PageParams) => CursorPage<MessageItem> | Error | undefined;
  } = {},
) {
  const calls: PageParams[] = [];
  const log: Event[] = [];
  const api: Pick<ApiClient, 'listMessages'> = {
    async listMessages(_id, params) {
      const call = calls.push(params) - 1;
      log.push({ at: 'start', call });
      // Every answer takes a few turns of the event loop: a caller that waits for one answer
      // before asking the next can't have two in flight.
      await new Promise((resolve) => setTimeout(resolve, 5));
      log.push({ at: 'end', call });
      const override = options.override?.(params);
      if (override instanceof Error) throw override;
      if (override) return override;
      const ordered = params.order === 'desc' ? [...ids].reverse() : [...ids];
      let start = 0;
      if (params.after !== undefined) {
        const at = ordered.indexOf(params.after);
        if (at < 0)
          throw new ApiError('http', `Invalid 'after': no message '${params.after}'.`, {
            status: 400,
            param: 'after',
          });
        start = at + 1;
      }
      const slice = ordered.slice(start, start + (params.limit ?? 20));
      return page(slice, start + slice.length < ordered.length);
    },
  };
  /** The most requests in flight at once. */
  const overlap = () => {
    let open = 0;
    let most = 0;
    for (const event of log) {
      open += event.at === 'start' ? 1 : -1;
      most = Math.max(most, open);
    }
    return most;
  };
  return { api, calls, overlap };
}

function item(id: string | null): MessageItem {
  return id === null
    ? { ok: false, raw: null, reason: 'not a message', position: 0 }
    : { ok: true, message: chatMessage({ id, content: id }) };
}

function page(ids: readonly (string | null)[], hasMore: boolean): CursorPage<MessageItem> {
  return {
    object: 'list',
    data: ids.map(item),
    first_id: ids[0] ?? null,
    last_id: ids[ids.length - 1] ?? null,
    has_more: hasMore,
  };
}

const formed = (count: number, completionId = 'c') =>
  Array.from({ length: count }, (_, i) => `${completionId}-${i}`);
const idsOf = (window: MessageWindowPage) =>
  window.items.map((entry) => (entry.ok ? entry.message.id : null));

function open(api: Pick<ApiClient, 'listMessages'>, anchor: string, completionId = 'c') {
  return fetchMessageWindow(
    api,
    completionId,
    { kind: 'anchor', messageId: anchor },
    new AbortController().signal,
  );
}

describe('previousIdByForm', () => {
  it('reads the message before from `<completion_id>-<index>`', () => {
    expect(previousIdByForm('c', 'c-7000')).toBe('c-6999');
    expect(previousIdByForm('c', 'c-1')).toBe('c-0');
    expect(previousIdByForm('c', 'c-0')).toBeNull();
    expect(previousIdByForm('a-b', 'a-b-10')).toBe('a-b-9');
    expect(previousIdByForm('a/b %2F', 'a/b %2F-3')).toBe('a/b %2F-2');
  });

  it('says nothing about ids of any other form', () => {
    for (const id of ['d-3', 'c-', 'c-x', 'c-07', 'c--1', 'c-1.5', 'c-+2', 'c-1e3', 'c-3 ', 'c3']) {
      expect(previousIdByForm('c', id), id).toBeUndefined();
    }
    expect(previousIdByForm('c', `c-${'9'.repeat(16)}`)).toBeUndefined();
  });
});

describe('conversationOpeningPaths', () => {
  it('are the completion and the first page, or the pages around the linked message', () => {
    expect(conversationOpeningPaths('c', null)).toEqual([
      '/chat/completions/c',
      '/chat/completions/c/messages?limit=100&order=asc',
    ]);
    expect(conversationOpeningPaths('a/b', 'a/b-7')).toEqual([
      '/chat/completions/a%2Fb',
      '/chat/completions/a%2Fb/messages?after=a%2Fb-7&limit=100&order=desc',
      '/chat/completions/a%2Fb/messages?after=a%2Fb-6&limit=100&order=asc',
    ]);
    expect(conversationOpeningPaths('c', 'c-0')[2]).toBe(
      '/chat/completions/c/messages?limit=100&order=asc',
    );
    // The page from a message of another form waits for the page before it.
    expect(conversationOpeningPaths('c', 'msg_x')).toEqual([
      '/chat/completions/c',
      '/chat/completions/c/messages?after=msg_x&limit=100&order=desc',
    ]);
  });
});

describe('the window around a deep-linked message', () => {
  it('asks for the page before and the page from it at the same time', async () => {
    const { api, calls, overlap } = fakeApi(formed(10_000));
    const window = await open(api, 'c-7000');
    expect(calls).toEqual([
      { after: 'c-7000', limit: 100, order: 'desc' },
      { after: 'c-6999', limit: 100, order: 'asc' },
    ]);
    expect(overlap()).toBe(2);
    expect(idsOf(window)).toEqual(formed(7100).slice(6900));
    expect(window.older).toBe('c-6900');
    expect(window.newer).toBe('c-7099');
  });

  it('at the first message: the page from the start, alongside an empty page before', async () => {
    const { api, calls, overlap } = fakeApi(formed(150));
    const window = await open(api, 'c-0');
    expect(calls).toEqual([
      { after: 'c-0', limit: 100, order: 'desc' },
      { after: undefined, limit: 100, order: 'asc' },
    ]);
    expect(overlap()).toBe(2);
    expect(idsOf(window)).toEqual(formed(100));
    expect(window.older).toBeNull();
  });

  it('falls back to one after the other for ids of another form', async () => {
    const ids = ['m_a', 'm_b', 'm_c', 'm_d'];
    const { api, calls, overlap } = fakeApi(ids);
    const window = await open(api, 'm_c');
    expect(calls).toEqual([
      { after: 'm_c', limit: 100, order: 'desc' },
      { after: 'm_b', limit: 100, order: 'asc' },
    ]);
    expect(overlap()).toBe(1);
    expect(idsOf(window)).toEqual(ids);
  });

  it('falls back when the id has the form but the message before it is another', async () => {
    // "c-6" follows "x #5" here (as in the fuzz data's odd ids): the guessed cursor "c-5" is
    // not in the conversation (400), and the page before names the real one.
    const ids = ['c-0', 'c-1', 'x #5', 'c-6', 'c-7'];
    const { api, calls } = fakeApi(ids);
    const window = await open(api, 'c-6');
    expect(calls).toEqual([
      { after: 'c-6', limit: 100, order: 'desc' },
      { after: 'c-5', limit: 100, order: 'asc' },
      { after: 'x #5', limit: 100, order: 'asc' },
    ]);
    expect(idsOf(window)).toEqual(ids);
  });

  it('falls back when the guessed cursor exists but is not the message before', async () => {
    // Ids of the form, out of order: "c-4" is there, just not right before "c-5".
    const ids = ['c-4', 'c-0', 'c-5', 'c-6'];
    const { api, calls } = fakeApi(ids);
    const window = await open(api, 'c-5');
    expect(calls.map((call) => call.after)).toEqual(['c-5', 'c-4', 'c-0']);
    expect(idsOf(window)).toEqual(ids);
  });

  it('falls back at index 0 when messages come before it', async () => {
    const ids = ['m_first', 'c-0', 'c-1'];
    const { api, calls } = fakeApi(ids);
    const window = await open(api, 'c-0');
    expect(calls.map((call) => [call.after, call.order])).toEqual([
      ['c-0', 'desc'],
      [undefined, 'asc'],
      ['m_first', 'asc'],
    ]);
    expect(idsOf(window)).toEqual(ids);
  });

  it('an unknown anchor is "not found", whichever answer comes back first', async () => {
    const { api } = fakeApi(formed(300));
    // Unknown, of the form: the page before is a 400 (the guessed page would have been fine).
    await expect(open(api, 'c-900')).rejects.toBeInstanceOf(AnchorNotFoundError);
    // Unknown, of another form.
    await expect(open(api, 'nope')).rejects.toBeInstanceOf(AnchorNotFoundError);
  });

  it('the page from the guessed cursor must start with the anchor', async () => {
    // A server that answers the page before, but whose page "from c-5" starts elsewhere.
    const { api } = fakeApi(formed(20), {
      override: (params) => (params.order === 'asc' ? page(['c-9'], false) : undefined),
    });
    await expect(open(api, 'c-6')).rejects.toBeInstanceOf(AnchorNotFoundError);
  });

  it('a failed page from the guessed cursor fails the window (the query retries it)', async () => {
    const failure = new ApiError('http', 'The server had an error.', { status: 500 });
    const { api } = fakeApi(formed(20), {
      override: (params) => (params.order === 'asc' ? failure : undefined),
    });
    await expect(open(api, 'c-6')).rejects.toBe(failure);
  });

  it('a failed page before fails the window (the guessed page is dropped)', async () => {
    const failure = new ApiError('network', 'The server could not be reached.');
    const { api } = fakeApi(formed(20), {
      override: (params) => (params.order === 'desc' ? failure : undefined),
    });
    await expect(open(api, 'c-6')).rejects.toBe(failure);
  });

  it('a page before whose first message has no id is malformed', async () => {
    const { api } = fakeApi(formed(20), {
      override: (params) => (params.order === 'desc' ? page([null, 'c-4'], true) : undefined),
    });
    await expect(open(api, 'c-6')).rejects.toMatchObject({ kind: 'malformed' });
  });
});
