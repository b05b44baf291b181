import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/lib/api/parse.ts';
import type { CursorPage, MessageItem } from '@/lib/api/types.ts';
import { conversationMessagesInfiniteOptions } from './messages.ts';

const options = conversationMessagesInfiniteOptions('c');
const next = (page: CursorPage<MessageItem>, previousParam: string | undefined) =>
  options.getNextPageParam(page, [page], previousParam, [previousParam]);

function page(ids: string[], hasMore: boolean, lastId: string | null = ids.at(-1) ?? null) {
  return {
    object: 'list' as const,
    data: ids.map((id, i) => parseMessage({ id, role: 'user', content: 'x' }, i)),
    first_id: ids[0] ?? null,
    last_id: lastId,
    has_more: hasMore,
  };
}

describe('conversationMessagesInfiniteOptions', () => {
  it('uses structured keys, general to specific', () => {
    expect(options.queryKey).toEqual(['completions', 'messages', 'c', { from: 'start' }]);
  });

  it('continues after the last id of the previous page, as the SDK does', () => {
    expect(next(page(['c-0', 'c-1'], true), undefined)).toBe('c-1');
    expect(next(page(['c-0', 'c-1'], true, null), undefined)).toBe('c-1');
  });

  it('stops at the end, on an empty page that claims more, and on a cursor that does not move', () => {
    expect(next(page(['c-0'], false), undefined)).toBeUndefined();
    expect(next(page([], true), 'c-1')).toBeUndefined();
    expect(next(page(['c-2'], true), 'c-2')).toBeUndefined();
  });
});
