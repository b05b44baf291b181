import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AnchorNotFoundError } from '@/api/messages.ts';
import { useNavigateTo } from '@/app/route-hooks.ts';
import { conversationHref } from '@/app/routes.ts';
import { ErrorState } from '@/components/error-state.tsx';
import { initialRect } from '@/lib/virtual/virtual-layout.ts';
import { ConversationContext, type ConversationContextValue } from '../conversation-context.ts';
import { FindBar } from '../find/find-bar.tsx';
import { ImageInspectorProvider } from '../inspector/image-inspector-provider.tsx';
import { collectImageParts } from '../inspector/utils/collect-image-parts.ts';
import { ConversationActions } from '../list/conversation-actions.tsx';
import { ConversationRows } from '../list/conversation-rows.tsx';
import { readingPosition } from '../list/reading-position.ts';
import { useConversationList } from '../list/use-conversation-list.ts';
import { ConversationNavigationContext } from '../navigation/navigation-context.ts';
import { useEndKeys } from '../navigation/use-end-keys.ts';
import { useNavigation } from '../navigation/use-navigation.ts';
import { useConversationSummary } from '../hooks/use-conversation-summary.ts';
import { AnchorMissing, CompletionFailed, Skeleton, WithHeader } from './conversation-states.tsx';

/** One conversation: its data states, its providers and its layout. */
export function ConversationPage({
  completionId,
  messageId = null,
  part = null,
}: {
  completionId: string;
  /** The message in the URL: a deep link, or the reader's selection. */
  messageId?: string | null;
  part?: number | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const list = useConversationList(completionId, messageId, scrollRef);
  const { conversation, anchor, showList, virtualizer, settled, markOwnSelection } = list;
  const {
    completion,
    messages,
    messageCount,
    rows: conversationRows,
    toolCallNames,
  } = conversation;
  const navigateTo = useNavigateTo();
  const [startRect] = useState(initialRect);

  const selectMessage = useCallback(
    (id: string) => {
      markOwnSelection(id);
      // The search term stays: the selection follows find's hits.
      navigateTo(
        (current) => ({
          page: 'conversation',
          completionId,
          messageId: id,
          part: null,
          find: current?.page === 'conversation' ? current.find : null,
        }),
        { replace: true },
      );
    },
    [navigateTo, completionId, markOwnSelection],
  );
  const { find, navigation, inspectorPages, jumpToAnswer, jumpingToAnswer } = useNavigation({
    list,
    scrollRef,
    messageId,
    selectMessage,
  });
  const findButton = useRef<HTMLButtonElement>(null);
  const summary = useConversationSummary(completionId);
  useEndKeys({
    scrollRef,
    completionId,
    summary,
    hasNextPage: messages.hasNextPage,
    hasPreviousPage: messages.hasPreviousPage,
  });

  useEffect(() => {
    if (completion.data) document.title = `${completion.data.model} · ${completion.data.id}`;
  }, [completion.data]);

  // Opened (from the list, a link, Back): the keys work at once — PageDown, Space, j / k — with
  // focus in the conversation, unless something already took it (a `?part=N` image, a field).
  useEffect(() => {
    if (!settled) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    scrollRef.current?.focus({ preventScroll: true });
  }, [settled]);

  const lookup = useCallback((id: string) => toolCallNames.get(id), [toolCallNames]);
  // Every image part loaded so far, in reading order, for the inspector's ← and →; past the
  // first or last one, the inspector loads pages that way until it finds the next image.
  const imageParts = useMemo(() => collectImageParts(conversationRows), [conversationRows]);
  const contextValue = useMemo<ConversationContextValue>(
    () => ({
      completionId,
      model: completion.data?.model ?? null,
      selectedMessageId: messageId,
      focusedPart: part,
      selectMessage,
    }),
    [completionId, completion.data?.model, messageId, part, selectMessage],
  );

  let content: React.ReactNode;
  if (completion.isError) {
    content = (
      <CompletionFailed error={completion.error} onRetry={() => void completion.refetch()} />
    );
  } else if (completion.isPending) {
    content = <Skeleton label="Loading the completion…" />;
  } else if (messages.error instanceof AnchorNotFoundError) {
    content = (
      <WithHeader completion={completion.data}>
        <AnchorMissing messageId={anchor ?? ''} startHref={conversationHref(completionId)} />
      </WithHeader>
    );
  } else if (messages.isError && !messages.data) {
    content = (
      <WithHeader completion={completion.data}>
        <ErrorState
          error={messages.error}
          subject="Messages"
          onRetry={() => void messages.refetch()}
        />
      </WithHeader>
    );
  } else if (!showList) {
    content = (
      <WithHeader completion={completion.data}>
        <Skeleton label="Loading messages…" />
      </WithHeader>
    );
  } else {
    content = (
      <ConversationRows
        rows={list.rows}
        items={list.items}
        virtualizer={virtualizer}
        completion={completion.data}
        messages={messages}
        messageCount={messageCount}
        lookup={lookup}
        settled={settled}
      />
    );
  }

  return (
    <ConversationContext.Provider value={contextValue}>
      <ConversationNavigationContext.Provider value={navigation}>
        <div className="relative flex min-h-0 flex-1 flex-col">
          {find.open && <FindBar find={find} onClosed={() => findButton.current} />}
          <div
            ref={scrollRef}
            tabIndex={-1}
            role="region"
            aria-label="Conversation"
            className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none] focus:outline-none"
            data-testid="conversation-scroll"
          >
            <div className="mx-auto w-full max-w-4xl px-4">
              <ImageInspectorProvider
                items={imageParts}
                model={completion.data?.model ?? null}
                pages={inspectorPages}
              >
                {content}
              </ImageInspectorProvider>
            </div>
          </div>
          {showList && !settled && (
            <div className="absolute inset-0 mx-auto w-full max-w-4xl px-4">
              <Skeleton label="Opening the conversation at the linked message…" />
            </div>
          )}
          {showList && (
            <ConversationActions
              virtualizer={virtualizer}
              viewHeightBefore={startRect.height}
              morePages={messages.hasNextPage || messages.hasPreviousPage}
              hasPreviousPage={messages.hasPreviousPage}
              hasAnswer={(completion.data?.choices.length ?? 0) > 0}
              jumpingToAnswer={jumpingToAnswer}
              messageCount={messageCount}
              position={readingPosition(list.rows, virtualizer, completionId, summary)}
              onFind={find.openFind}
              onJumpToAnswer={() => void jumpToAnswer()}
              findButton={findButton}
            />
          )}
        </div>
      </ConversationNavigationContext.Provider>
    </ConversationContext.Provider>
  );
}
