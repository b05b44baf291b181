import { queryOptions } from '@tanstack/react-query';
import { requestViewerJson } from './client.ts';
import type { ApiScope } from './current.ts';
import { ApiError } from './errors.ts';
import { queryKeys } from './keys.ts';

/** What the viewer's own server knows of a conversation (GET /__viewer/conversation). */
export interface ConversationSummary {
  messageCount: number;
  firstMessageId: string | null;
  lastMessageId: string | null;
}

export function parseConversationSummary(body: unknown): ConversationSummary {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const count = record.message_count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw new ApiError('malformed', 'The server’s answer is not a conversation summary.');
  const id = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return {
    messageCount: count,
    firstMessageId: id(record.first_message_id),
    lastMessageId: id(record.last_message_id),
  };
}

/**
 * The length of a conversation and the ids at its ends, from the viewer server's local data
 * (demo, --data): the stored-completions API can't say either in one request.
 */
export function conversationSummaryQueryOptions(scope: ApiScope, completionId: string) {
  return queryOptions({
    queryKey: queryKeys.conversationSummary(scope.id, completionId),
    queryFn: async ({ signal }) =>
      parseConversationSummary(
        await requestViewerJson(`/conversation?id=${encodeURIComponent(completionId)}`, signal),
      ),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/**
 * The position a message id gives, when it has the API's form `<completion_id>-<index>`
 * (0-based); null for any other id.
 */
export function messageIndexFromId(completionId: string, messageId: string): number | null {
  const prefix = `${completionId}-`;
  if (!messageId.startsWith(prefix)) return null;
  const rest = messageId.slice(prefix.length);
  return /^(0|[1-9]\d{0,8})$/.test(rest) ? Number(rest) : null;
}
