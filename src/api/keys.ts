import type { QueryClient } from '@tanstack/react-query';
import type { CompletionsFilters } from './completions-list.ts';
import type { SearchParams } from './search.ts';

/**
 * Every query and mutation key of the API's data, in one place. Each starts from the
 * connection's root (`['api', <connection id>]`, see ApiScope in api/current.ts), so an
 * answer is only ever found under the connection that gave it: switching connection changes
 * every key, and the previous connection's answers can't show under the new one, whatever the
 * timing. What the viewer's own server says about itself (`['viewer', …]`) is the same for
 * every connection.
 */
const API = 'api';

const connectionRoot = (connection: string) => [API, connection] as const;
const completionsRoot = (connection: string) =>
  [...connectionRoot(connection), 'completions'] as const;
const messagesRoot = (connection: string, completionId: string) =>
  [...completionsRoot(connection), 'messages', completionId] as const;

export const queryKeys = {
  /** Everything fetched through one connection. */
  connection: connectionRoot,
  /** Every completion-shaped answer: details, lists, messages. */
  completions: completionsRoot,
  completion: (connection: string, id: string) =>
    [...completionsRoot(connection), 'detail', id] as const,
  /** Every list, whatever its filters. */
  lists: (connection: string) => [...completionsRoot(connection), 'list'] as const,
  list: (connection: string, filters: CompletionsFilters) =>
    [...completionsRoot(connection), 'list', filters] as const,
  /** Every window of one completion's messages. */
  messages: messagesRoot,
  messageWindow: (connection: string, completionId: string, anchor: string | null) =>
    [
      ...messagesRoot(connection, completionId),
      anchor === null ? { from: 'start' } : { anchor },
    ] as const,
  /** Results of the local index's search (the viewer's own server only). */
  search: (connection: string, params: SearchParams) =>
    [...connectionRoot(connection), 'search', params] as const,
  /** A conversation's length and end ids, from the viewer server's local data. */
  conversationSummary: (connection: string, completionId: string) =>
    [...messagesRoot(connection, completionId), 'summary'] as const,
  viewerInfo: () => ['viewer', 'info'] as const,
};

export const mutationKeys = {
  updateMetadata: (connection: string, id: string) =>
    [...completionsRoot(connection), 'update', id] as const,
  deleteCompletion: (connection: string, id: string) =>
    [...completionsRoot(connection), 'delete', id] as const,
};

/**
 * Frees what other connections fetched (their keys can no longer be asked for); a fetch still
 * running for one of them is cancelled.
 */
export function dropOtherConnections(queryClient: QueryClient, connection: string): void {
  queryClient.removeQueries({
    predicate: ({ queryKey }) => queryKey[0] === API && queryKey[1] !== connection,
  });
}
