import { useMemo } from 'react';

/** What a two-way infinite query of messages says of its ends (TanStack Query's names). */
export interface TwoWayPages {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  isFetchingNextPage: boolean;
  isFetchingPreviousPage: boolean;
  isFetchNextPageError?: boolean;
  isFetchPreviousPageError?: boolean;
  fetchNextPage: (options: { cancelRefetch: boolean }) => Promise<{ error: unknown }>;
  fetchPreviousPage: (options: { cancelRefetch: boolean }) => Promise<{ error: unknown }>;
}

export type End = 'newer' | 'older';

/** Both ends of the loaded pages, in the conversation's own words. */
export interface PageEndsState {
  more: Record<End, boolean>;
  fetching: Record<End, boolean>;
  /** The last load at that end failed. */
  failed: Record<End, boolean>;
  /** Loads the next page at that end; never cancels a load already running. */
  load: (end: End) => Promise<{ error: unknown }>;
}

/**
 * The ends of `pages` as one object that changes only when one of them does (the query's result
 * is a new object on every render), for effects that step through pages.
 */
export function usePageEnds(pages: TwoWayPages): PageEndsState {
  const {
    hasNextPage,
    hasPreviousPage,
    isFetchingNextPage,
    isFetchingPreviousPage,
    isFetchNextPageError = false,
    isFetchPreviousPageError = false,
    fetchNextPage,
    fetchPreviousPage,
  } = pages;
  return useMemo(
    () => ({
      more: { newer: hasNextPage, older: hasPreviousPage },
      fetching: { newer: isFetchingNextPage, older: isFetchingPreviousPage },
      failed: { newer: isFetchNextPageError, older: isFetchPreviousPageError },
      load: (end: End) =>
        (end === 'newer' ? fetchNextPage : fetchPreviousPage)({ cancelRefetch: false }),
    }),
    [
      hasNextPage,
      hasPreviousPage,
      isFetchingNextPage,
      isFetchingPreviousPage,
      isFetchNextPageError,
      isFetchPreviousPageError,
      fetchNextPage,
      fetchPreviousPage,
    ],
  );
}
