import { useQuery } from '@tanstack/react-query';
import {
  conversationSummaryQueryOptions,
  type ConversationSummary,
} from '@/api/conversation-summary.ts';
import { useApiScope } from '@/api/scope.ts';
import { viewerInfoQueryOptions } from '@/features/connection/index.ts';

/**
 * The conversation's length and end ids where the viewer's own server holds the data (demo,
 * --data); null elsewhere (a direct connection, the proxy, a static host) or until known.
 */
export function useConversationSummary(completionId: string): ConversationSummary | null {
  const scope = useApiScope();
  const info = useQuery(viewerInfoQueryOptions());
  const local = scope.id === 'server' && (info.data?.mode === 'demo' || info.data?.mode === 'file');
  const summary = useQuery({
    ...conversationSummaryQueryOptions(scope, completionId),
    enabled: local,
  });
  return local ? (summary.data ?? null) : null;
}
