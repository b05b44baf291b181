import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useQueryEdges, useVirtualList } from '@/lib/virtual/use-virtual-list.ts';
import { keepReadingPosition } from '@/lib/virtual/virtual-layout.ts';
import { useConversation } from '../hooks/use-conversation.ts';
import { useRenderAhead } from '../hooks/use-render-ahead.ts';
import { useMarkdownSettled } from '../markdown/use-markdown-renderer.ts';
import { estimateMessageHeight, type ListRow } from '../utils/rows.ts';
import { useAnchorSettling } from './use-anchor-settling.ts';

/** How close to either end (in rows) the next page starts loading. */
const LOAD_AHEAD_ROWS = 15;
/**
 * How long the first rows wait for the markdown renderer (fetched alongside the data) so they
 * appear in their final form; past this they show as plain text.
 */
const MARKDOWN_PATIENCE_MS = 1_500;

export type ConversationList = ReturnType<typeof useConversationList>;

/**
 * The conversation's data, its rows (the header, the "earlier messages" loader, then the messages and the
 * answer), their virtualizer, loading at both ends, and the deep link: opened at the linked
 * message, which holds still while the rows above are measured and pages load above it.
 */
export function useConversationList(
  completionId: string,
  /** The message in the URL. */
  messageId: string | null,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  // The window of messages is opened around the linked message once; selecting another loaded
  // message only moves the highlight (and the URL), it doesn't reload.
  const [anchor, setAnchor] = useState(messageId);
  const conversation = useConversation(completionId, anchor);
  // Pages already loaded stay when a later page fails (the query's status is then 'error').
  // Rows wait for the markdown renderer: one that turned from plain text into markdown on screen
  // would change height under the reader.
  const markdownSettled = useMarkdownSettled(MARKDOWN_PATIENCE_MS);
  const showList =
    conversation.completion.isSuccess &&
    conversation.messages.data !== undefined &&
    markdownSettled;
  const { messages, rows: conversationRows } = conversation;
  const showOlderRow =
    messages.hasPreviousPage ||
    messages.isFetchingPreviousPage ||
    messages.isFetchPreviousPageError;
  const rows = useMemo<ListRow[]>(() => {
    if (!showList) return [];
    // The header's key changes when the "earlier messages" row goes: the virtualizer keeps the
    // reader's row in place only when the list's first or last key (or its length) changes, and
    // a last page of one message replaces that row with no change of length.
    const top: ListRow[] = [{ kind: 'header', key: showOlderRow ? 'header' : 'header:start' }];
    if (showOlderRow) top.push({ kind: 'older', key: 'older' });
    return [...top, ...conversationRows];
  }, [showList, showOlderRow, conversationRows]);
  // Row keys are unique: one map from key to index serves every lookup (this renders on every
  // scroll frame; a scan of 10,000 rows per lookup would run there too).
  const rowIndexByKey = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);

  const estimateSize = useCallback(
    (index: number) => {
      const row = rows[index];
      return row?.kind === 'message' ? estimateMessageHeight(row.item) : 80;
    },
    [rows],
  );
  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const leftTop = useLeftTop(scrollRef);

  const { next, previous } = useQueryEdges(messages);

  const anchorIndex = anchor === null ? -1 : (rowIndexByKey.get(anchor) ?? -1);
  // The view counts as settled once the linked message holds still (at once without one).
  const [settledAnchor, setSettledAnchor] = useState<string | null | undefined>(undefined);
  const settled = showList && (anchor === null || settledAnchor === anchor || anchorIndex < 0);
  const list = useVirtualList({
    count: rows.length,
    scrollRef,
    estimateSize,
    getItemKey,
    loadAhead: LOAD_AHEAD_ROWS,
    next,
    previous,
    // Loading older pages before the linked message holds still would pull the view away.
    loadEnabled: settled,
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
  const { virtualizer } = list;
  // A row that changes height above the reader's line (markdown, highlighting, "show all",
  // fonts, a resize) moves the scroll offset with it: what is being read stays put.
  useLayoutEffect(() => keepReadingPosition(virtualizer), [virtualizer]);
  useAnchorSettling(
    virtualizer,
    showList && !settled ? anchorIndex : -1,
    useCallback(() => setSettledAnchor(anchor), [anchor]),
  );
  useRenderAhead(rows, Math.max(0, list.firstIndex), list.lastIndex);

  // The URL can move on its own (back/forward, a link): follow it, once per change (a list that
  // grows must not pull the view back). A message already loaded is scrolled to; one that isn't
  // opens a new window around it. Selections made here (a click, a key, find, a jump) bring
  // their message into view themselves. Decided while rendering, as React advises for state that
  // follows a prop; only the scrolling is an effect.
  const [followedUrl, setFollowedUrl] = useState(messageId);
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  // A row to bring into view once, or (id null) the top, for a window opened from the start.
  const [scrollRequest, setScrollRequest] = useState<{ id: string | null } | null>(null);
  if (followedUrl !== messageId) {
    setFollowedUrl(messageId);
    setOwnSelection(null);
    if (messageId === null || messageId !== ownSelection) {
      if (messageId === null) {
        // Back to the conversation itself: from its start, unless that is already loaded.
        if (anchor !== null && (messages.hasPreviousPage || messages.isError)) {
          setAnchor(null);
          setScrollRequest({ id: null });
        }
      } else if (showList) {
        if (rowIndexByKey.has(messageId)) setScrollRequest({ id: messageId });
        else if (messageId !== anchor) setAnchor(messageId);
      }
    }
  }
  // Once per request: rows that arrive later must not scroll the view back to it.
  const scrolledFor = useRef<object | null>(null);
  useEffect(() => {
    if (!scrollRequest || scrolledFor.current === scrollRequest) return;
    scrolledFor.current = scrollRequest;
    if (scrollRequest.id === null) {
      virtualizer.scrollToOffset(0);
      return;
    }
    const index = rowIndexByKey.get(scrollRequest.id) ?? -1;
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [scrollRequest, rowIndexByKey, virtualizer]);

  return {
    conversation,
    anchor,
    showList,
    rows,
    rowIndexByKey,
    ...list,
    settled,
    /** A selection made on this page: its row is brought into view by whoever made it. */
    markOwnSelection: setOwnSelection,
  };
}

/**
 * Whether the reader has scrolled away from the top at least once (the "stay at the end"
 * behaviour waits for it).
 */
function useLeftTop(scrollRef: RefObject<HTMLDivElement | null>): boolean {
  const [leftTop, setLeftTop] = useState(false);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || leftTop) return;
    const onScroll = () => {
      if (element.scrollTop > 0) setLeftTop(true);
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [leftTop, scrollRef]);
  return leftTop;
}
