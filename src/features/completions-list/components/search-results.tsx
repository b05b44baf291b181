import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import { Link } from 'wouter';
import { ApiError } from '@/api/errors.ts';
import { useApiScope } from '@/api/scope.ts';
import { searchInfiniteOptions, type SearchHit, type SearchParams } from '@/api/search.ts';
import { conversationHref } from '@/app/routes.ts';
import { ErrorState } from '@/components/error-state.tsx';
import { formatNumber, formatShortDateTime, isoDateTime } from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { useQueryEdges, useVirtualList } from '@/lib/virtual/use-virtual-list.ts';

const ROW_HEIGHT = 104;
const LOAD_AHEAD_ROWS = 10;

/** Where a hit opens: at its message (or the answer), with the matched word found in the page. */
export function hitHref(hit: SearchHit): string {
  const find = hit.message?.snippet.find((segment) => segment.match)?.text ?? null;
  return conversationHref(hit.id, hit.message?.answer ? null : (hit.message?.id ?? null), {
    find,
  });
}

/** Results from the local index: completions best first (or by date), with where they matched. */
export function SearchResults({ params }: { params: SearchParams }) {
  const scope = useApiScope();
  const results = useInfiniteQuery(searchInfiniteOptions(scope, params));
  const hits = useMemo(
    () => results.data?.pages.flatMap((page) => page.data) ?? [],
    [results.data],
  );
  const first = results.data?.pages[0];
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = hits.length + (results.hasNextPage || results.isFetchNextPageError ? 1 : 0);
  const { isFetchNextPageError, fetchNextPage } = results;
  const { next } = useQueryEdges(results);
  const getItemKey = useCallback((index: number) => hits[index]?.id ?? 'more', [hits]);
  const estimateSize = useCallback(() => ROW_HEIGHT, []);
  const { virtualizer, items } = useVirtualList({
    count,
    scrollRef,
    estimateSize,
    getItemKey,
    loadAhead: LOAD_AHEAD_ROWS,
    next,
    overscan: 6,
  });

  if (results.error instanceof ApiError && results.error.status === 400) {
    // The query or a date bound can't be read: the server says which and why.
    return (
      <p
        className="mx-auto w-full max-w-5xl px-4 py-8 text-center text-slate-700"
        data-testid="search-invalid"
      >
        {results.error.message}
      </p>
    );
  }
  if (results.isError && !results.data) {
    return (
      <div className="mx-auto w-full max-w-5xl p-4">
        <ErrorState error={results.error} subject="Search" onRetry={() => void results.refetch()} />
      </div>
    );
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="search-results">
      <p className="mx-auto w-full max-w-5xl px-4 py-2 text-sm text-slate-600" role="status">
        {results.isPending
          ? 'Searching…'
          : first
            ? `${first.totalExact ? '' : 'At least '}${formatNumber(first.total)} ${first.total === 1 ? 'completion matches' : 'completions match'}${params.q ? ', best first' : ''}`
            : ''}
      </p>
      {first && hits.length === 0 ? (
        <p
          className="mx-auto w-full max-w-5xl px-4 py-8 text-center text-slate-600"
          data-testid="no-search-results"
        >
          Nothing matches. Try fewer words, a prefix (refund*), or a wider date range.
        </p>
      ) : (
        <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="search-scroll">
          <ol
            className="relative mx-auto w-full max-w-5xl"
            style={{ height: virtualizer.getTotalSize() }}
            aria-label="Search results"
          >
            {items.map((item) => {
              const hit = hits[item.index];
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  className="absolute top-0 left-0 w-full"
                  style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  {hit ? (
                    <SearchHitRow hit={hit} />
                  ) : isFetchNextPageError ? (
                    <ErrorState
                      compact
                      error={results.error}
                      subject="More results"
                      onRetry={() => void fetchNextPage()}
                    />
                  ) : (
                    <p className="py-4 text-center text-sm text-slate-500" role="status">
                      Loading more results…
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </div>
  );
}

function SearchHitRow({ hit }: { hit: SearchHit }) {
  useLocaleFormats();
  const where = hit.message
    ? hit.message.answer
      ? 'the answer'
      : `${hit.message.role ?? 'message'}${hit.message.index !== null ? ` #${hit.message.index}` : ''}`
    : null;
  return (
    <Link
      href={hitHref(hit)}
      className="flex h-full flex-col justify-center gap-1 border-b border-slate-200 bg-white px-4 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
      data-testid="search-hit"
      data-completion-id={hit.id}
    >
      <span className="flex min-w-0 flex-wrap items-baseline gap-x-3 text-sm">
        <span className="min-w-0 truncate font-mono text-xs text-slate-700">{hit.id}</span>
        <span className="shrink-0 text-slate-600">{hit.model}</span>
        <time
          className="shrink-0 text-slate-600"
          dateTime={isoDateTime(hit.created)}
          title={isoDateTime(hit.created)}
        >
          {formatShortDateTime(hit.created)}
        </time>
        {hit.hits !== null && (
          <span className="shrink-0 text-xs text-slate-500" data-testid="search-hit-count">
            {formatNumber(hit.hits)} {hit.hits === 1 ? 'message' : 'messages'}
            {where ? ` · best: ${where}` : ''}
          </span>
        )}
      </span>
      {hit.message && (
        <span
          className="line-clamp-2 text-sm text-slate-800"
          dir="auto"
          data-testid="search-snippet"
        >
          {hit.message.snippet.map((segment, i) =>
            segment.match ? (
              <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
                {segment.text}
              </mark>
            ) : (
              <span key={i}>{segment.text}</span>
            ),
          )}
        </span>
      )}
    </Link>
  );
}
