import { useEffect, type RefObject } from 'react';
import type { ConversationSummary } from '@/api/conversation-summary.ts';
import { useNavigateTo } from '@/app/route-hooks.ts';

/**
 * End and Home reach the conversation's true ends, not only the loaded pages': where pages
 * remain past the loaded ones, End opens the conversation at its last message (its id from the
 * server's summary) and Home at its start. With everything loaded that way, the keys scroll as
 * usual.
 */
export function useEndKeys({
  scrollRef,
  completionId,
  summary,
  hasNextPage,
  hasPreviousPage,
}: {
  scrollRef: RefObject<HTMLDivElement | null>;
  completionId: string;
  summary: ConversationSummary | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}) {
  const navigateTo = useNavigateTo();
  const lastId = summary?.lastMessageId ?? null;
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.shiftKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === 'End' && hasNextPage && lastId !== null) {
        event.preventDefault();
        navigateTo({
          page: 'conversation',
          completionId,
          messageId: lastId,
          part: null,
          find: null,
        });
      } else if (event.key === 'Home' && hasPreviousPage) {
        event.preventDefault();
        navigateTo({ page: 'conversation', completionId, messageId: null, part: null, find: null });
      }
    };
    element.addEventListener('keydown', onKeyDown);
    return () => element.removeEventListener('keydown', onKeyDown);
  }, [scrollRef, completionId, lastId, hasNextPage, hasPreviousPage, navigateTo]);
}
