import {
  useVirtualizer,
  type VirtualItem,
  type Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/react-virtual';
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { initialRect, layoutAfterCommit } from './virtual-layout.ts';

/** One end of a paged list (a TanStack infinite query's state for that direction). */
export interface ListEdge {
  hasMore: boolean;
  isFetching: boolean;
  isError: boolean;
  /** Loads the next page that way; must not cancel a fetch at the other end. */
  fetch: () => void;
}

/** What an infinite query (TanStack Query's names) says of its next or previous page. */
export interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: (options?: { cancelRefetch?: boolean }) => Promise<unknown>;
  hasPreviousPage: boolean;
  isFetchingPreviousPage: boolean;
  isFetchPreviousPageError: boolean;
  fetchPreviousPage: (options?: { cancelRefetch?: boolean }) => Promise<unknown>;
}

/** One end as a ListEdge, the same object until one of its four parts changes. */
function useEdge(
  hasMore: boolean,
  isFetching: boolean,
  isError: boolean,
  load: PagedQuery['fetchNextPage'],
): ListEdge {
  return useMemo(
    () => ({ hasMore, isFetching, isError, fetch: () => void load({ cancelRefetch: false }) }),
    [hasMore, isFetching, isError, load],
  );
}

/**
 * The ends of an infinite query as the list's edges (each changes only when its own state does).
 * Loads never cancel one already running at the other end.
 */
export function useQueryEdges(query: PagedQuery): { next: ListEdge; previous: ListEdge } {
  const {
    hasNextPage,
    isFetchingNextPage,
    isFetchNextPageError,
    fetchNextPage,
    hasPreviousPage,
    isFetchingPreviousPage,
    isFetchPreviousPageError,
    fetchPreviousPage,
  } = query;
  const next = useEdge(hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage);
  const previous = useEdge(
    hasPreviousPage,
    isFetchingPreviousPage,
    isFetchPreviousPageError,
    fetchPreviousPage,
  );
  return { next, previous };
}

type PassedOptions = Omit<
  Partial<VirtualizerOptions<HTMLDivElement, Element>>,
  'count' | 'getScrollElement' | 'estimateSize' | 'getItemKey'
>;

export interface VirtualListOptions extends PassedOptions {
  count: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** Both must be stable (useCallback): a new one makes the virtualizer re-place every row. */
  estimateSize: (index: number) => number;
  getItemKey: (index: number) => string | number;
  /** How close to an end (in rows) its next page starts loading. */
  loadAhead: number;
  /** Rows at index `count - 1 - loadAhead` or later load the next page. */
  next?: ListEdge;
  /** Rows at index `loadAhead` or earlier load the previous page. */
  previous?: ListEdge;
  /** Pages load only while this holds (e.g. not before a deep link has settled). */
  loadEnabled?: boolean;
}

export interface VirtualList {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  items: VirtualItem[];
  /** Index of the first and last rendered row (overscan included); -1 when none. */
  firstIndex: number;
  lastIndex: number;
}

/**
 * The virtualizer set-up both long lists share (sizes from ResizeObservers, never a layout read
 * in React's commit; the window's size until the first report) and loading at both ends as the
 * reader nears them.
 */
export function useVirtualList({
  count,
  scrollRef,
  estimateSize,
  getItemKey,
  loadAhead,
  next,
  previous,
  loadEnabled = true,
  ...options
}: VirtualListOptions): VirtualList {
  const [startRect] = useState(initialRect);
  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    ...layoutAfterCommit,
    initialRect: startRect,
    ...options,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? -1;
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEdgeLoading(next, loadEnabled && lastIndex >= 0 && lastIndex >= count - 1 - loadAhead);
  useEdgeLoading(previous, loadEnabled && firstIndex >= 0 && firstIndex <= loadAhead);
  return { virtualizer, items, firstIndex, lastIndex };
}

function useEdgeLoading(edge: ListEdge | undefined, near: boolean): void {
  const wanted = !!edge && near && edge.hasMore && !edge.isFetching && !edge.isError;
  const fetch = edge?.fetch;
  useEffect(() => {
    if (wanted) fetch?.();
  }, [wanted, fetch]);
}
