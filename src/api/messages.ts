import { infiniteQueryOptions } from '@tanstack/react-query';
import { getApiClient } from '@/lib/api/current.ts';

export const MESSAGES_PAGE_SIZE = 100;

export const messageKeys = {
  all: (completionId: string) => ['completions', 'messages', completionId] as const,
  fromStart: (completionId: string) =>
    ['completions', 'messages', completionId, { from: 'start' }] as const,
};

/**
 * The input messages of a stored completion, read forward from the first one, 100 a page.
 * The next cursor is the last id of the previous page, as the official SDK does; a page that
 * claims more but is empty ends the walk, so a faulty server cannot make us loop.
 */
export function conversationMessagesInfiniteOptions(completionId: string) {
  return infiniteQueryOptions({
    queryKey: messageKeys.fromStart(completionId),
    queryFn: ({ pageParam, signal }) =>
      getApiClient().listMessages(
        completionId,
        { after: pageParam, limit: MESSAGES_PAGE_SIZE, order: 'asc' },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage, _pages, lastPageParam) => {
      if (!lastPage.has_more || lastPage.data.length === 0) return undefined;
      const lastItem = lastPage.data[lastPage.data.length - 1];
      const next =
        lastPage.last_id ?? (lastItem?.ok ? (lastItem.message.id ?? undefined) : undefined);
      // A cursor that does not move would fetch the same page forever.
      if (next === undefined || next === lastPageParam) return undefined;
      return next;
    },
    staleTime: 5 * 60_000,
  });
}
