import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { ErrorState } from '@/components/error-state.tsx';
import { ConversationContext } from '../conversation-context.ts';
import { useConversation } from '../hooks/use-conversation.ts';
import type { ConversationRow } from '../utils/rows.ts';
import { CompletionHeader } from './completion-header.tsx';
import { MessageCard } from './message-card.tsx';

type Row = ConversationRow | { kind: 'header'; key: 'header' };

/** How close to the end (in rows) the next page starts loading. */
const LOAD_AHEAD_ROWS = 15;

export function ConversationPage({ completionId }: { completionId: string }) {
  const {
    completion,
    messages,
    messageCount,
    rows: conversationRows,
    toolCallNames,
  } = useConversation(completionId);
  const scrollRef = useRef<HTMLDivElement>(null);

  const showList = completion.isSuccess && messages.isSuccess;
  const rows = useMemo<Row[]>(
    () => (showList ? [{ kind: 'header', key: 'header' }, ...conversationRows] : []),
    [showList, conversationRows],
  );

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'message' ? 180 : 80),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 4,
    gap: 12,
    paddingStart: 16,
    paddingEnd: 48,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisibleIndex = virtualItems[virtualItems.length - 1]?.index ?? -1;

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = messages;
  useEffect(() => {
    if (!hasNextPage || isFetchingNextPage || isFetchNextPageError) return;
    if (lastVisibleIndex >= rows.length - 1 - LOAD_AHEAD_ROWS) void fetchNextPage();
  }, [
    hasNextPage,
    isFetchingNextPage,
    isFetchNextPageError,
    fetchNextPage,
    lastVisibleIndex,
    rows.length,
  ]);

  useEffect(() => {
    if (completion.data) document.title = `${completion.data.model} · ${completion.data.id}`;
  }, [completion.data]);

  const lookup = useCallback((id: string) => toolCallNames.get(id), [toolCallNames]);

  let content: React.ReactNode;
  if (completion.isError) {
    content = (
      <div className="pt-4">
        <ErrorState
          error={completion.error}
          subject="Completion"
          onRetry={() => void completion.refetch()}
        />
      </div>
    );
  } else if (completion.isPending) {
    content = <Skeleton label="Loading the completion…" />;
  } else if (messages.isError && !messages.data) {
    content = (
      <div className="flex flex-col gap-3 pt-4">
        <CompletionHeader completion={completion.data} />
        <ErrorState
          error={messages.error}
          subject="Messages"
          onRetry={() => void messages.refetch()}
        />
      </div>
    );
  } else if (messages.isPending) {
    content = (
      <div className="flex flex-col gap-3 pt-4">
        <CompletionHeader completion={completion.data} />
        <Skeleton label="Loading messages…" />
      </div>
    );
  } else {
    content = (
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (!row) return null;
          return (
            <div
              key={virtualRow.key}
              data-index={virtualRow.index}
              ref={virtualizer.measureElement}
              className="absolute top-0 left-0 w-full"
              style={{ transform: `translateY(${virtualRow.start}px)` }}
            >
              {renderRow(row)}
            </div>
          );
        })}
      </div>
    );
  }

  function renderRow(row: Row): React.ReactNode {
    switch (row.kind) {
      case 'header':
        return completion.data ? (
          <div className="flex flex-col gap-3">
            <CompletionHeader completion={completion.data} />
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
      case 'message':
        return <MessageCard item={row.item} label={`#${row.index + 1}`} lookup={lookup} />;
      case 'more':
        return isFetchNextPageError ? (
          <ErrorState
            compact
            error={messages.error}
            subject="The next page of messages"
            onRetry={() => void fetchNextPage()}
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
              <p className="mb-1 text-xs text-slate-500">
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
  }

  const contextValue = useMemo(
    () => ({
      completionId,
      model: completion.data?.model ?? null,
      selectedMessageId: null,
      selectMessage: () => {},
    }),
    [completionId, completion.data?.model],
  );

  return (
    <ConversationContext.Provider value={contextValue}>
      <div
        ref={scrollRef}
        className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]"
        data-testid="conversation-scroll"
      >
        <div className="mx-auto w-full max-w-4xl px-4">{content}</div>
      </div>
    </ConversationContext.Provider>
  );
}

function Skeleton({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="flex flex-col gap-3 pt-4"
      data-testid="skeleton"
    >
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-28 animate-pulse rounded-lg bg-slate-200/70" />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}
