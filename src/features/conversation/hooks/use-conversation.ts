import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { completionQueryOptions } from '@/api/completion.ts';
import { conversationMessagesInfiniteOptions } from '@/api/messages.ts';
import { useApiScope } from '@/api/scope.ts';
import { buildConversationRows } from '../utils/rows.ts';

/**
 * The completion, its messages (from the start, or around a deep-linked `anchor`), and the rows
 * of the conversation list.
 */
export function useConversation(completionId: string, anchor: string | null) {
  const scope = useApiScope();
  const completion = useQuery(completionQueryOptions(scope, completionId));
  const messages = useInfiniteQuery(
    conversationMessagesInfiniteOptions(scope, completionId, anchor),
  );

  const items = useMemo(
    () => messages.data?.pages.flatMap((page) => page.items) ?? [],
    [messages.data],
  );
  const fromStart = messages.data?.pages[0]?.older === null;

  const rows = useMemo(
    () =>
      buildConversationRows(
        completionId,
        items,
        completion.data?.choices,
        messages.hasNextPage || messages.isFetchNextPageError,
        fromStart,
      ),
    [
      completionId,
      items,
      completion.data?.choices,
      messages.hasNextPage,
      messages.isFetchNextPageError,
      fromStart,
    ],
  );

  // Tool results name the call they answer: index every loaded call by id.
  const toolCallNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const item of items) {
      if (!item.ok) continue;
      for (const call of item.message.toolCalls) {
        if (call.legacy) continue; // no id: paired by name instead
        names.set(call.id, call.function?.name ?? call.custom?.name ?? call.type);
      }
    }
    return names;
  }, [items]);

  return { completion, messages, messageCount: items.length, rows, toolCallNames };
}
