import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { AnchorNotFoundError } from '@/api/messages.ts';
import { useNavigateTo } from '@/app/route-hooks.ts';
import { conversationHref } from '@/app/routes.ts';
import { ErrorState } from '@/components/error-state.tsx';
import { RenderBoundary } from '@/components/render-boundary.tsx';
import type { ChatMessage, ToolCall } from '@/api/types.ts';
import { formatNumber } from '@/lib/format.ts';
import { initialRect, keepReadingPosition, layoutAfterCommit } from '@/lib/virtual-layout.ts';
import { ConversationContext, type ConversationContextValue } from '../conversation-context.ts';
import { FindBar } from '../find/find-bar.tsx';
import { isFindShortcut, messageMoveFor, type MoveKey } from '../find/keyboard.ts';
import {
  ConversationNavigationContext,
  type ConversationNavigation,
  type JumpOutcome,
} from '../find/navigation-context.ts';
import {
  firstVisibleRowIndex,
  focusRow,
  isRowInView,
  revealRow,
  type RevealAlign,
} from '../find/reveal-row.ts';
import { LOADED_ONLY, nextSeekStep } from '../find/seek.ts';
import { isCallFor, scanForResult } from '../find/tool-pairs.ts';
import { useFind } from '../find/use-find.ts';
import { useSeek } from '../find/use-seek.ts';
import { useConversation } from '../hooks/use-conversation.ts';
import { useRenderAhead } from '../hooks/use-render-ahead.ts';
import { useMarkdownSettled } from '../markdown/use-markdown-renderer.ts';
import { estimateMessageHeight, rowMessage, type ListRow } from '../utils/rows.ts';
import { CompletionHeader } from './completion-header.tsx';
import { MessageCard } from './message-card.tsx';
import { RowRenderError } from './row-render-error.tsx';
import type {
  InspectorDirection,
  InspectorPages,
  InspectorSeekOutcome,
} from '../inspector/image-inspector-context.ts';
import { ImageInspectorProvider } from '../inspector/image-inspector-provider.tsx';
import { collectImageParts } from '../inspector/utils/collect-image-parts.ts';

type Row = ListRow;

/** The seek behind "Jump to answer" (its button shows the progress). */
const ANSWER_SEEK = 'answer';
/** The seek the image inspector runs for the next image past the loaded ones. */
const IMAGE_SEEK = 'inspector-image';
const KEYBOARD_SEEK = 'keyboard';

/** How close to either end (in rows) the next page starts loading. */
const LOAD_AHEAD_ROWS = 15;
/** Frames the anchor must hold still before the view counts as settled. */
const SETTLE_FRAMES = 3;
const MAX_SETTLE_FRAMES = 120;
/**
 * How long the first rows wait for the markdown renderer (fetched alongside the data) so they
 * appear in their final form; past this they show as plain text.
 */
const MARKDOWN_PATIENCE_MS = 1_500;

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
  // The window of messages is opened around the linked message once; selecting another loaded
  // message only moves the highlight (and the URL), it doesn't reload.
  const [anchor, setAnchor] = useState(messageId);
  const {
    completion,
    messages,
    messageCount,
    rows: conversationRows,
    toolCallNames,
  } = useConversation(completionId, anchor);
  const scrollRef = useRef<HTMLDivElement>(null);
  const navigateTo = useNavigateTo();

  // Pages already loaded stay when a later page fails (the query's status is then 'error').
  // Rows wait for the markdown renderer: one that turned from plain text into markdown on screen
  // would change height under the reader.
  const markdownSettled = useMarkdownSettled(MARKDOWN_PATIENCE_MS);
  const showList = completion.isSuccess && messages.data !== undefined && markdownSettled;
  const {
    hasNextPage,
    hasPreviousPage,
    isFetchingNextPage,
    isFetchingPreviousPage,
    isFetchNextPageError,
    isFetchPreviousPageError,
    fetchNextPage,
    fetchPreviousPage,
  } = messages;
  const showOlderRow = hasPreviousPage || isFetchingPreviousPage || isFetchPreviousPageError;
  const rows = useMemo<Row[]>(() => {
    if (!showList) return [];
    const top: Row[] = [{ kind: 'header', key: 'header' }];
    if (showOlderRow) top.push({ kind: 'older', key: 'older' });
    return [...top, ...conversationRows];
  }, [showList, showOlderRow, conversationRows]);
  // Row keys are unique: one map from key to index serves every lookup (this page renders on
  // every scroll frame; a scan of 10,000 rows per lookup would run there too).
  const [startRect] = useState(initialRect);
  const rowIndexByKey = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  const indexOfKey = useCallback((key: string) => rowIndexByKey.get(key) ?? -1, [rowIndexByKey]);

  // Stable callbacks: a new getItemKey makes the virtualizer rebuild every row's position (10,000
  // rows: every scroll frame); a new one per change of `rows` is what it must see.
  const estimateSize = useCallback(
    (index: number) => {
      const row = rows[index];
      return row?.kind === 'message' ? estimateMessageHeight(row.item) : 80;
    },
    [rows],
  );
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const [leftTop, setLeftTop] = useState(false);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || leftTop) return;
    const onScroll = () => {
      if (element.scrollTop > 0) setLeftTop(true);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [leftTop]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    // Sizes from ResizeObservers: the first render and its layout stay separate tasks.
    ...layoutAfterCommit,
    initialRect: startRect,
    overscan: 4,
    gap: 12,
    paddingStart: 16,
    paddingEnd: 96,
    scrollPaddingStart: 16,
    // When older messages are prepended (or newer appended), the message in view stays put.
    anchorTo: 'end',
    // ...and a reader at the end stays at the end, once they have moved: a view that has never
    // left the top is not "at the end" (a short conversation, wholly in view by estimate, slid
    // down 92 px as its rows were measured). Distances are never negative: -1 switches it off.
    scrollEndThreshold: leftTop ? 1 : -1,
  });
  // A row that changes height above the reader's line (markdown, highlighting, "show all",
  // fonts, a resize) moves the scroll offset with it: what is being read stays put.
  useLayoutEffect(() => keepReadingPosition(virtualizer), [virtualizer]);
  const virtualItems = virtualizer.getVirtualItems();
  const firstVisibleIndex = virtualItems[0]?.index ?? 0;
  const lastVisibleIndex = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useRenderAhead(rows, firstVisibleIndex, lastVisibleIndex);

  // Bring the linked message into view once its page is in, and wait until it holds still:
  // loading older pages before that would pull the view away from it.
  const anchorIndex = anchor === null ? -1 : indexOfKey(anchor);
  const [settledAnchor, setSettledAnchor] = useState<string | null | undefined>(undefined);
  const settled = showList && (anchor === null || settledAnchor === anchor || anchorIndex < 0);
  useEffect(() => {
    if (!showList || anchor === null || settledAnchor === anchor || anchorIndex < 0) return;
    let frame = 0;
    let still = 0;
    let lastTop = Number.NaN;
    let raf = 0;
    virtualizer.scrollToIndex(anchorIndex, { align: 'start' });
    const check = () => {
      frame += 1;
      const element = scrollRef.current?.querySelector(`[data-index="${anchorIndex}"]`);
      const top = element?.getBoundingClientRect().top ?? Number.NaN;
      if (element && Math.abs(top - lastTop) < 0.5) still += 1;
      else {
        still = 0;
        virtualizer.scrollToIndex(anchorIndex, { align: 'start' });
      }
      lastTop = top;
      if (still >= SETTLE_FRAMES || frame >= MAX_SETTLE_FRAMES) setSettledAnchor(anchor);
      else raf = requestAnimationFrame(check);
    };
    raf = requestAnimationFrame(check);
    return () => cancelAnimationFrame(raf);
  }, [showList, anchor, anchorIndex, settledAnchor, virtualizer]);

  // Load more at either end as the reader nears it. Both directions may run at once: neither
  // may cancel the other (TanStack Query cancels a running fetch by default).
  useEffect(() => {
    if (!settled || !hasNextPage || isFetchingNextPage || isFetchNextPageError) return;
    if (lastVisibleIndex >= rows.length - 1 - LOAD_AHEAD_ROWS) {
      void fetchNextPage({ cancelRefetch: false });
    }
  }, [
    settled,
    hasNextPage,
    isFetchingNextPage,
    isFetchNextPageError,
    fetchNextPage,
    lastVisibleIndex,
    rows.length,
  ]);
  useEffect(() => {
    if (!settled || !hasPreviousPage || isFetchingPreviousPage || isFetchPreviousPageError) return;
    if (firstVisibleIndex <= LOAD_AHEAD_ROWS) void fetchPreviousPage({ cancelRefetch: false });
  }, [
    settled,
    hasPreviousPage,
    isFetchingPreviousPage,
    isFetchPreviousPageError,
    fetchPreviousPage,
    firstVisibleIndex,
  ]);

  // The URL can move on its own (back/forward, a link): follow it. A message already loaded is
  // scrolled to; one that isn't opens a new window around it. Selections made here (a click, a
  // key, find, a jump) bring their message into view themselves.
  const selectedIndex = messageId === null ? -1 : indexOfKey(messageId);
  const selectedHere = useRef(new Set<string>());
  useEffect(() => {
    const ours = messageId !== null && selectedHere.current.has(messageId);
    selectedHere.current.clear();
    if (ours) return;
    if (messageId === null) {
      // Back to the conversation itself: from its start, unless that is already loaded.
      if (anchor !== null && (hasPreviousPage || messages.isError)) setAnchor(null);
      return;
    }
    if (!showList) return;
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    else if (messageId !== anchor) setAnchor(messageId);
    // Only when the URL changes; a list that grows must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [messageId]);

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

  const selectMessage = useCallback(
    (id: string) => {
      selectedHere.current.add(id);
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
    [navigateTo, completionId],
  );

  // --- seeking: find, tool-call jumps, keyboard moves and "Jump to answer" ------------------
  const { seek, cancel: cancelSeek, seeking } = useSeek(rows, messages);
  // Indexes shift as older pages arrive: what runs across frames looks rows up by key.
  const rowIndex = useRef<ReadonlyMap<string, number>>(new Map());
  const rowsByKey = useRef(rows);
  useEffect(() => {
    rowsByKey.current = rows;
    rowIndex.current = rowIndexByKey;
  }, [rows, rowIndexByKey]);
  const revealing = useRef<AbortController | null>(null);

  /** Brings a row into view and (as asked) selects its message and moves focus to its card. */
  const goToRow = useCallback(
    async (key: string, options: { align: RevealAlign; select: boolean; focus: boolean }) => {
      revealing.current?.abort();
      const controller = new AbortController();
      revealing.current = controller;
      const container = scrollRef.current;
      const index = rowIndex.current.get(key) ?? -1;
      const row = rowsByKey.current[index];
      if (!container || !row) return null;
      const item = rowMessage(row);
      if (options.select && item?.ok && item.message.id) selectMessage(item.message.id);
      const element = await revealRow({
        container,
        scroller: virtualizer,
        key,
        indexOf: (k) => rowIndex.current.get(k) ?? -1,
        align: options.align,
        signal: controller.signal,
      });
      if (options.focus && !controller.signal.aborted) focusRow(element);
      return element;
    },
    [virtualizer, selectMessage],
  );

  // "Jump to answer": the answer follows the last message, so the pages between load first.
  const jumpingToAnswer = seeking === ANSWER_SEEK;
  const jumpToAnswer = useCallback(async () => {
    const outcome = await seek(ANSWER_SEEK, {
      direction: 'forward',
      fromKey: null,
      match: (row) => row.kind === 'answer-heading',
    });
    if (outcome.status === 'found') {
      await goToRow(outcome.key, { align: 'start', select: false, focus: false });
    }
  }, [seek, goToRow]);

  // The inspector's ← / → past the loaded images: the same seek, for a row with an image part.
  const seekImage = useCallback(
    async (
      direction: InspectorDirection,
      fromMessageId: string | null,
    ): Promise<InspectorSeekOutcome> => {
      // Row keys are message ids (a repeated id gets a suffix, and is found from its first row).
      const fromKey =
        fromMessageId !== null && rowIndex.current.has(fromMessageId) ? fromMessageId : null;
      const outcome = await seek(IMAGE_SEEK, {
        direction: direction === 'newer' ? 'forward' : 'backward',
        fromKey,
        match: (row) => {
          const item = rowMessage(row);
          return !!item?.ok && !!item.message.contentParts?.some((p) => p.type === 'image_url');
        },
      });
      if (outcome.status !== 'found') return outcome;
      const row = rowsByKey.current[rowIndex.current.get(outcome.key) ?? -1];
      const item = row ? rowMessage(row) : null;
      return { status: 'found', messageId: item?.ok ? item.message.id : null };
    },
    [seek],
  );
  const inspectorPages = useMemo<InspectorPages>(
    () => ({ older: hasPreviousPage, newer: hasNextPage, seekImage }),
    [hasPreviousPage, hasNextPage, seekImage],
  );

  const find = useFind({
    rows,
    rowIndex: rowIndexByKey,
    pages: messages,
    ready: settled,
    messageCount,
    scrollRef,
    seek,
    seeking,
    cancelSeek,
    show: useCallback(
      (key: string) => goToRow(key, { align: 'visible', select: true, focus: false }),
      [goToRow],
    ),
    selectedKey: messageId,
    referenceKey: useCallback(() => {
      if (messageId !== null && rowIndex.current.has(messageId)) return messageId;
      const first = scrollRef.current ? firstVisibleRowIndex(scrollRef.current) : -1;
      return rowsByKey.current[first]?.key ?? null;
    }, [messageId]),
  });
  const findButton = useRef<HTMLButtonElement>(null);

  // Tool call ⇄ result: from the row holding the control, in the direction of the target.
  const jumpTo = useCallback(
    async (
      origin: string,
      from: Element,
      direction: 'forward' | 'backward',
      match: (row: Row) => boolean,
      accept: (row: Row) => boolean = () => true,
    ): Promise<JumpOutcome> => {
      const fromKey = from.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey ?? null;
      const outcome = await seek(origin, { direction, fromKey, match });
      if (outcome.status !== 'found') return outcome;
      const row = rowsByKey.current[rowIndex.current.get(outcome.key) ?? -1];
      if (!row || !accept(row)) return { status: 'not-found' };
      await goToRow(outcome.key, { align: 'top-visible', select: true, focus: true });
      return { status: 'found' };
    },
    [seek, goToRow],
  );
  const navigation = useMemo<ConversationNavigation>(
    () => ({
      seeking,
      loaded: messageCount,
      cancel: cancelSeek,
      goToResult: (origin: string, call: ToolCall, from: Element) =>
        jumpTo(
          origin,
          from,
          'forward',
          (row) => scanForResult(call, rowMessage(row)) !== null,
          // A legacy call whose next same-named call comes first has no result of its own.
          (row) => scanForResult(call, rowMessage(row)) === 'result',
        ),
      goToCall: (origin: string, message: ChatMessage, from: Element) =>
        jumpTo(origin, from, 'backward', (row) => isCallFor(message, rowMessage(row))),
    }),
    [seeking, messageCount, cancelSeek, jumpTo],
  );

  // j / k (and ↓ / ↑ on a message card): the next or previous message, loading pages at the
  // ends. A move still on its way counts as where the reader is, so keys can repeat quickly.
  const movingTo = useRef<string | null>(null);
  const moveSelection = useCallback(
    async (move: MoveKey) => {
      const container = scrollRef.current;
      if (!container) return;
      const focused =
        document.activeElement instanceof Element && container.contains(document.activeElement)
          ? document.activeElement.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey
          : undefined;
      let fromKey = movingTo.current ?? focused ?? null;
      if (fromKey === null && messageId !== null && rowIndex.current.has(messageId)) {
        fromKey = messageId;
      }
      // The reader scrolled away from the selection (wheel, End, the scrollbar): go on from what
      // is on screen, not from a message they left behind.
      if (fromKey !== null && fromKey !== movingTo.current && !isRowInView(container, fromKey)) {
        fromKey = null;
      }
      let direction: 'forward' | 'backward' = move === 'next' ? 'forward' : 'backward';
      if (fromKey === null) {
        // Nothing selected: start at the first message in view.
        const first = firstVisibleRowIndex(container);
        fromKey = rowsByKey.current[first - 1]?.key ?? null;
        direction = 'forward';
      }
      const request = { direction, fromKey, match: (row: Row) => rowMessage(row) !== null };
      // Usually the next message is loaded: move at once, so quick repeats all count.
      const loaded = nextSeekStep(rowsByKey.current, request, LOADED_ONLY);
      let key = loaded.kind === 'found' ? loaded.key : null;
      if (key === null) {
        const outcome = await seek(KEYBOARD_SEEK, request);
        if (outcome.status !== 'found') return;
        key = outcome.key;
      }
      movingTo.current = key;
      await goToRow(key, { align: 'top-visible', select: true, focus: true });
      if (movingTo.current === key) movingTo.current = null;
    },
    [messageId, seek, goToRow],
  );

  const { openFind } = find;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // A modal dialog (the image inspector, settings) keeps its keys, and the browser's find.
      if (document.querySelector('dialog[open]')) return;
      if (isFindShortcut(event)) {
        event.preventDefault();
        openFind();
        return;
      }
      const move = messageMoveFor(
        event,
        (target) =>
          target instanceof HTMLElement &&
          target.matches('article[tabindex]') &&
          !!scrollRef.current?.contains(target),
      );
      if (!move) return;
      event.preventDefault();
      void moveSelection(move);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openFind, moveSelection]);
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

  const anchorMissing = messages.error instanceof AnchorNotFoundError;
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
  } else if (anchorMissing) {
    content = (
      <div className="flex flex-col gap-3 pt-4">
        <CompletionHeader completion={completion.data} />
        <div
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950"
        >
          <h2 className="font-semibold">Message not found</h2>
          <p className="mt-1 text-sm">
            This conversation has no message with the id{' '}
            <code className="font-mono break-all">{anchor}</code>. The link may be mistyped, or
            point into another completion.
          </p>
          <Link
            href={conversationHref(completionId)}
            className="mt-3 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
          >
            Read the conversation from the start
          </Link>
        </div>
      </div>
    );
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
  } else if (messages.isPending || !markdownSettled) {
    content = (
      <div className="flex flex-col gap-3 pt-4">
        <CompletionHeader completion={completion.data} />
        <Skeleton label="Loading messages…" />
      </div>
    );
  } else {
    content = (
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
        {virtualItems.map((virtualRow) => {
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
      case 'older':
        return isFetchPreviousPageError ? (
          <ErrorState
            compact
            error={messages.error}
            subject="Earlier messages"
            onRetry={() => void fetchPreviousPage({ cancelRefetch: false })}
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
        return isFetchNextPageError ? (
          <ErrorState
            compact
            error={messages.error}
            subject="The next page of messages"
            onRetry={() => void fetchNextPage({ cancelRefetch: false })}
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
  }

  const hasAnswer = (completion.data?.choices.length ?? 0) > 0;
  // The floating actions show only where they help (this renders on every scroll frame, so from
  // the virtualizer's own figures, no layout reads): Find when the conversation is over one and a
  // half screens long, Top once the start is a screen away, Jump to answer while the answer is below.
  const viewHeight = virtualizer.scrollRect?.height ?? startRect.height;
  const offset = virtualizer.scrollOffset ?? 0;
  const morePages = hasNextPage || hasPreviousPage;
  const showFindButton = morePages || virtualizer.getTotalSize() > viewHeight * 1.5;
  const showTopButton = hasPreviousPage || offset > viewHeight;
  const answerRow = virtualItems.find((item) => item.key === 'answer-heading');
  const answerBelow = !answerRow || answerRow.start > offset + viewHeight - 48;
  const showAnswerButton = hasAnswer && (answerBelow || jumpingToAnswer);
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
          {showList && (showFindButton || showTopButton || showAnswerButton) && (
            // Floating at the bottom right from 640 px up (outside the text column on a desktop);
            // on a phone a bar of its own under the list, so it never covers text.
            <div
              className="flex shrink-0 justify-end gap-2 border-t border-slate-200 bg-white px-3 py-2 sm:pointer-events-none sm:absolute sm:right-6 sm:bottom-4 sm:border-0 sm:bg-transparent sm:p-0"
              data-testid="conversation-actions"
            >
              {showFindButton && (
                <button
                  ref={findButton}
                  type="button"
                  onClick={openFind}
                  aria-keyshortcuts="Control+F Meta+F"
                  title="Find in conversation (Ctrl+F)"
                  className="pointer-events-auto rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-md hover:bg-slate-50"
                >
                  Find
                </button>
              )}
              {showTopButton && (
                <button
                  type="button"
                  onClick={() => virtualizer.scrollToIndex(0, { align: 'start' })}
                  className="pointer-events-auto rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-md hover:bg-slate-50"
                >
                  Top
                </button>
              )}
              {showAnswerButton && (
                <button
                  type="button"
                  disabled={jumpingToAnswer}
                  onClick={() => void jumpToAnswer()}
                  className="pointer-events-auto rounded-full bg-slate-900 px-3 py-1.5 text-sm font-medium text-white shadow-md hover:bg-slate-700 disabled:opacity-80"
                >
                  {jumpingToAnswer
                    ? `Loading to the answer… (${formatNumber(messageCount)} loaded)`
                    : 'Jump to answer'}
                </button>
              )}
            </div>
          )}
        </div>
      </ConversationNavigationContext.Provider>
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
