import { queryOptions } from '@tanstack/react-query';
import { getApiClient } from '@/lib/api/current.ts';

/**
 * The position a message id gives, when it has the API's form `<completion_id>-<index>`
 * (0-based); null for any other id.
 */
export function messageIndexFromId(completionId: string, messageId: string): number | null {
  const prefix = `${completionId}-`;
  if (!messageId.startsWith(prefix)) return null;
  const rest = messageId.slice(prefix.length);
  return /^\d{1,9}$/.test(rest) ? Number(rest) : null;
}

/**
 * How many input messages a conversation has, from one request: its last message
 * (`order=desc&limit=1`), whose id names its index. Null when the ids don't say.
 */
export function conversationLengthQueryOptions(completionId: string) {
  return queryOptions({
    queryKey: ['completions', 'messages', completionId, 'length'] as const,
    queryFn: async ({ signal }) => {
      const page = await getApiClient().listMessages(
        completionId,
        { limit: 1, order: 'desc' },
        signal,
      );
      const last = page.data[0];
      if (!last) return { total: 0 };
      const index =
        last.ok && last.message.id ? messageIndexFromId(completionId, last.message.id) : null;
      return { total: index === null ? null : index + 1 };
    },
    staleTime: 5 * 60_000,
  });
}
