import type { VirtualItem, Virtualizer } from '@tanstack/react-virtual';
import { ErrorState } from '@/components/error-state.tsx';
import { RenderBoundary } from '@/components/render-boundary.tsx';
import type { StoredCompletion } from '@/api/types.ts';
import { CompletionHeader } from '../components/completion-header.tsx';
import { MessageCard } from '../components/message-card.tsx';
import { RowRenderError } from '../components/row-render-error.tsx';
import type { useConversation } from '../hooks/use-conversation.ts';
import { rowMessage, type ListRow } from '../utils/rows.ts';

type Messages = ReturnType<typeof useConversation>['messages'];

/** The virtualized rows of a conversation: every kind of row is drawn here. */
export function ConversationRows({
  rows,
  items,
  virtualizer,
  completion,
  messages,
  messageCount,
  lookup,
  settled,
}: {
  rows: readonly ListRow[];
  items: readonly VirtualItem[];
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  completion: StoredCompletion | undefined;
  messages: Messages;
  messageCount: number;
  lookup: (toolCallId: string) => string | undefined;
  settled: boolean;
}) {
  const renderRow = (row: ListRow): React.ReactNode => {
    switch (row.kind) {
      case 'header':
        return completion ? (
          <div className="flex flex-col gap-3">
            <CompletionHeader completion={completion} />
            {messageCount === 0 && (
              <p
                className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-slate-600"
                data-testid="empty-conversation"
              >
                This completion has no stored input messages.
              </p>
            )}
          </div>
        ) : null;
      case 'older':
        return messages.isFetchPreviousPageError ? (
          <ErrorState
            compact
            error={messages.error}
            subject="Earlier messages"
            onRetry={() => void messages.fetchPreviousPage({ cancelRefetch: false })}
          />
        ) : (
          <p className="py-4 text-center text-sm text-slate-500" role="status">
            {messages.fetchStatus === 'paused'
              ? 'Offline: earlier messages will load when the connection is back.'
              : 'Loading earlier messages…'}
          </p>
        );
      case 'message':
        return <MessageCard item={row.item} label={row.label} lookup={lookup} />;
      case 'more':
        return messages.isFetchNextPageError ? (
          <ErrorState
            compact
            error={messages.error}
            subject="The next page of messages"
            onRetry={() => void messages.fetchNextPage({ cancelRefetch: false })}
          />
        ) : messages.fetchStatus === 'paused' ? (
          <p className="py-4 text-center text-sm text-amber-800" role="status">
            Offline: the next page of messages will load when the connection is back.
          </p>
        ) : (
          <p className="py-4 text-center text-sm text-slate-500" role="status">
            Loading more messages…
          </p>
        );
      case 'answer-heading':
        return (
          <h2
            className="border-t border-slate-300 pt-4 text-sm font-semibold tracking-wide text-slate-600 uppercase"
            id="answer"
          >
            {row.count > 1 ? `Answer (${row.count} choices)` : 'Answer'}
          </h2>
        );
      case 'choice':
        return (
          <div data-testid="answer-choice">
            {row.choice.finishReason && (
              <p className="mb-1 text-xs text-slate-500" data-find-skip>
                choice {row.choice.index} · finish_reason: {row.choice.finishReason}
              </p>
            )}
            <MessageCard
              item={row.choice.message}
              label={`choice ${row.choice.index}`}
              lookup={lookup}
            />
          </div>
        );
    }
  };

  return (
    <div
      className="relative w-full"
      style={{
        height: virtualizer.getTotalSize(),
        // Until the linked message holds still, rows above it are still being measured (the
        // first frame places them by estimate): the reader sees the view only once it is final.
        // (Transparent rather than hidden: a `?part=N` image still takes focus meanwhile.)
        opacity: settled ? undefined : 0,
      }}
    >
      {items.map((virtualRow) => {
        const row = rows[virtualRow.index];
        if (!row) return null;
        return (
          <div
            key={virtualRow.key}
            data-index={virtualRow.index}
            data-row-key={row.key}
            ref={virtualizer.measureElement}
            className="absolute top-0 left-0 w-full"
            style={{ transform: `translateY(${virtualRow.start}px)` }}
          >
            <RenderBoundary
              fallback={(error) => (
                <RowRenderError
                  item={rowMessage(row)}
                  label={
                    row.kind === 'message'
                      ? row.label
                      : row.kind === 'choice'
                        ? `choice ${row.choice.index}`
                        : ''
                  }
                  error={error}
                />
              )}
            >
              {renderRow(row)}
            </RenderBoundary>
          </div>
        );
      })}
    </div>
  );
}
