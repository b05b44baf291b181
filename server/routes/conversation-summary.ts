/**
 * GET /__viewer/conversation?id=<completion id>: what the local data knows of one conversation
 * and the stored-completions API can't say in one request: how many input messages it has, and
 * the ids of its first and last. The viewer shows "message 7,000 of 10,000" and jumps to either
 * end with it. Local modes only (demo, --data): 404 `summary_unavailable` otherwise.
 */
import { ApiError, completionNotFound, invalidParam } from '../api/errors.ts';
import type { Store } from '../api/store.ts';
import { jsonReadEndpoint } from './mount.ts';

export const VIEWER_CONVERSATION_PATH = '/__viewer/conversation';

export interface ConversationSummary {
  id: string;
  message_count: number;
  first_message_id: string | null;
  last_message_id: string | null;
}

function messageId(item: unknown): string | null {
  if (item && typeof item === 'object' && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string' && id !== '') return id;
  }
  return null;
}

export function conversationSummary(store: Store, id: string): ConversationSummary {
  const item = store.get(id);
  if (!item) throw completionNotFound(id);
  const { count } = item.messages;
  return {
    id,
    message_count: count,
    first_message_id: count > 0 ? messageId(item.messages.at(0)) : null,
    last_message_id: count > 0 ? messageId(item.messages.at(count - 1)) : null,
  };
}

export function conversationSummaryEndpoint(store: Store | undefined) {
  return jsonReadEndpoint((params) => {
    if (!store)
      throw new ApiError(404, 'This server keeps no local data to summarize conversations.', {
        code: 'summary_unavailable',
      });
    const id = params.get('id');
    if (!id) throw invalidParam('id', "Missing required parameter: 'id'.");
    return conversationSummary(store, id);
  });
}
