import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useQueryEdges, useVirtualList } from '@/lib/virtual/use-virtual-list.ts';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { completionQueryOptions } from '@/api/completion.ts';
import { conversationHref } from '@/app/routes.ts';
import { completionsListInfiniteOptions } from '@/api/completions-list.ts';
import { conversationMessagesInfiniteOptions } from '@/api/messages.ts';
import { useApiScope } from '@/api/scope.ts';
import { ErrorState } from '@/components/error-state.tsx';
import type { StoredCompletion } from '@/api/types.ts';
import { listPosition, rememberListHref, rememberListPosition } from '@/lib/navigation-memory.ts';
import { useListFilters } from '../hooks/use-list-filters.ts';
import { hasFilters } from '../utils/list-filters.ts';
import { listEntries } from '../utils/list-entries.ts';
import { useRowHeight } from '../hooks/use-row-height.ts';
import { CompletionRow } from './completion-row.tsx';
import { viewerInfoQueryOptions } from '@/features/connection/index.ts';
import { ClearFiltersButton, FilterBar } from './filter-bar.tsx';
import { SearchBar } from './search-bar.tsx';
import { SearchResults } from './search-results.tsx';
import { OpenCompletionForm } from './open-completion-form.tsx';
import { UnreadableRow } from './unreadable-row.tsx';

const LOAD_AHEAD_ROWS = 20;

export function CompletionsListPage() {
  const { filters, setFilters, search, setSearch, href } = useListFilters();
  // Same query as the list below (one request): the models seen so far, as suggestions.
  const scope = useApiScope();
  const list = useInfiniteQuery(completionsListInfiniteOptions(scope, filters));
  const models = useMemo(() => {
    const seen = new Set<string>();
    for (const page of list.data?.pages ?? []) for (const c of page.data) seen.add(c.model);
    return [...seen].sort();
  }, [list.data]);
  const info = useQuery(viewerInfoQueryOptions());
  const searching =
    search.q !== null || search.createdAfter !== null || search.createdBefore !== null;
  const index =
    scope.id !== 'server' || info.data?.mode === 'static' || info.data?.search === false
      ? 'none'
      : info.data?.search
        ? 'available'
        : 'unknown';
  const indexNote =
    scope.id !== 'server'
      ? 'a direct connection to an API has none.'
      : info.data?.mode === 'proxy'
        ? 'in proxy mode it keeps none yet.'
        : 'this host serves the viewer without one.';
  useEffect(() => {
    rememberListHref(href);
    document.title = 'Stored completions';
  }, [href]);

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="list-page">
      <div className="shrink-0 border-b border-slate-200 bg-white px-4 py-3">
        <div className="mx-auto flex max-w-5xl flex-col gap-3">
          <OpenCompletionForm />
          {index === 'available' && <SearchBar key={href} search={search} onChange={setSearch} />}
          <FilterBar filters={filters} models={models} onChange={setFilters} />
          {index === 'none' && (
            <p className="text-xs text-slate-600" data-testid="search-unavailable">
              {searching ? 'This link asks for a search or a date range, but s' : 'S'}earch and date
              ranges need the local index of the viewer’s own server (npm start, on the demo or a
              --data file); {indexNote}
            </p>
          )}
        </div>
      </div>
      {/* A new filter set is a new list: fresh virtualizer, its own remembered position. */}
      {searching && index === 'available' ? (
        <SearchResults key={href} params={{ ...search, filters }} />
      ) : (
        <CompletionsList key={href} positionKey={href} />
      )}
    </div>
  );
}

function CompletionsList({ positionKey }: { positionKey: string }) {
  const { filters, setFilters } = useListFilters();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const scope = useApiScope();
  const list = useInfiniteQuery(completionsListInfiniteOptions(scope, filters));
  // The completions, and in place the elements of a page that could not be read.
  const entries = useMemo(() => listEntries(list.data?.pages ?? []), [list.data]);
  const unreadableCount = entries.filter((entry) => entry.kind === 'unreadable').length;
  const saved = listPosition(positionKey);
  const [activeIndex, setActiveIndex] = useState(saved?.activeIndex ?? 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusOnRender = useRef(false);
  // Coming back to a list seen before (from a completion, say): focus goes back to its active
  // row, the one that was opened, unless the reader is already somewhere else (a field).
  const restoreFocus = useRef(saved !== undefined);
  const rowHeight = useRowHeight();

  const rowCount = entries.length + (list.hasNextPage || list.isFetchNextPageError ? 1 : 0);
  // Stable, or the virtualizer recomputes every row's position on each render (each scroll frame).
  const getItemKey = useCallback((index: number) => entries[index]?.key ?? 'more', [entries]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const { hasNextPage, isFetchNextPageError, fetchNextPage } = list;
  const { next } = useQueryEdges(list);
  const { virtualizer, items } = useVirtualList({
    count: rowCount,
    scrollRef,
    estimateSize,
    getItemKey,
    loadAhead: LOAD_AHEAD_ROWS,
    next,
    overscan: 8,
    initialOffset: saved?.offset ?? 0,
  });

  // Remember where the reader is, for when they come back from a completion; and come back there.
  const remember = () =>
    rememberListPosition(positionKey, scrollRef.current?.scrollTop ?? 0, activeIndex);
  useLayoutEffect(() => {
    if (saved && scrollRef.current) scrollRef.current.scrollTop = saved.offset;
    // Only when this list first shows: later changes of `saved` are our own writes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Rows are placed by their height, which changes with the layout (use-row-height.ts): place
  // them again, and keep the first row on screen where it was.
  const placedHeight = useRef(rowHeight);
  useLayoutEffect(() => {
    const previous = placedHeight.current;
    if (previous === rowHeight) return;
    placedHeight.current = rowHeight;
    const firstRow = Math.floor((scrollRef.current?.scrollTop ?? 0) / previous);
    virtualizer.measure();
    if (firstRow > 0) virtualizer.scrollToIndex(firstRow, { align: 'start' });
  }, [rowHeight, virtualizer]);

  // Keyboard moves focus to the new active row once it is rendered; so does coming back.
  useLayoutEffect(() => {
    if (!focusOnRender.current && !(restoreFocus.current && entries.length > 0)) return;
    const link = scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${activeIndex}"] [data-main-link]`,
    );
    const focused = document.activeElement;
    if (restoreFocus.current) {
      // Once, with the first rows: later, the reader may be anywhere.
      restoreFocus.current = false;
      if (!focused || focused === document.body) link?.focus({ preventScroll: true });
    } else if (link) {
      focusOnRender.current = false;
      link.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(entries.length - 1, index));
    focusOnRender.current = true;
    setActiveIndex(next);
    rememberListPosition(positionKey, scrollRef.current?.scrollTop ?? 0, next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent | React.KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || entries.length === 0) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
    const keys: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      j: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      k: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: entries.length - 1,
    };
    const next = keys[event.key];
    if (next !== undefined) {
      event.preventDefault();
      moveTo(next);
    } else if (event.key === 'Enter' && !target.matches('a, button')) {
      const entry = entries[activeIndex];
      if (entry?.kind === 'completion') {
        rememberListPosition(positionKey, scrollRef.current?.scrollTop ?? 0, activeIndex);
        navigate(conversationHref(entry.completion.id));
      }
    }
  };

  // The list is the page: with nothing focused (the page just loaded, or focus fell back to
  // the page), its keys work from the active row, with no Tab through the header and filters.
  const keyHandler = useRef(onKeyDown);
  useLayoutEffect(() => {
    keyHandler.current = onKeyDown;
  });
  // In the commit that shows the rows, not after: a key pressed as soon as they show works.
  useLayoutEffect(() => {
    const onPageKeyDown = (event: KeyboardEvent) => {
      const target = event.target;
      if (event.defaultPrevented) return;
      if (target === document.body || target === document.documentElement) {
        keyHandler.current(event);
      }
    };
    document.addEventListener('keydown', onPageKeyDown);
    return () => document.removeEventListener('keydown', onPageKeyDown);
  }, []);

  const activate = useCallback(
    (index: number) => {
      setActiveIndex(index);
      rememberListPosition(positionKey, scrollRef.current?.scrollTop ?? 0, index);
    },
    [positionKey],
  );
  const prefetch = useCallback(
    (completion: StoredCompletion) => {
      // The list already holds the whole completion: seed its page instead of fetching it.
      const detail = completionQueryOptions(scope, completion.id);
      if (!queryClient.getQueryData(detail.queryKey)) {
        queryClient.setQueryData(detail.queryKey, completion);
      }
      void queryClient.prefetchInfiniteQuery(
        conversationMessagesInfiniteOptions(scope, completion.id),
      );
    },
    [queryClient, scope],
  );
  const filterModel = useCallback(
    (model: string) => setFilters({ ...filters, model }),
    [filters, setFilters],
  );
  const filterMetadata = useCallback(
    (key: string, value: string) =>
      setFilters({ ...filters, metadata: { ...filters.metadata, [key]: value } }),
    [filters, setFilters],
  );

  let body: React.ReactNode;
  if (list.isPending) {
    body = (
      <div role="status" aria-label="Loading stored completions" className="flex flex-col">
        {Array.from({ length: 8 }, (_, i) => (
          <div
            key={i}
            className="animate-pulse border-b border-slate-200 bg-slate-100"
            style={{ height: rowHeight }}
          />
        ))}
      </div>
    );
  } else if (list.isError && !list.data) {
    body = (
      <div className="p-4">
        <ErrorState
          error={list.error}
          subject="The list endpoint"
          notFoundDetail="There is no stored-completions API at this address: the base URL may be wrong, or this is a static build with no server API. Open Connection (top right) to connect directly."
          onRetry={() => void list.refetch()}
        />
      </div>
    );
  } else if (entries.length === 0 && hasFilters(filters)) {
    body = (
      <div className="p-8 text-center text-slate-600" data-testid="no-match">
        <p>No stored completion matches these filters.</p>
        <ClearFiltersButton
          className="mt-2"
          onClick={() => setFilters({ ...filters, model: '', metadata: {} })}
        />
      </div>
    );
  } else if (entries.length === 0) {
    body = (
      <div className="p-8 text-center text-slate-600" data-testid="no-completions">
        <p className="font-medium text-slate-800">No stored completions yet.</p>
        <p className="mt-1 text-sm">
          Chat completions are kept only when created with{' '}
          <code className="font-mono">store: true</code> (for example{' '}
          <code className="font-mono">
            client.chat.completions.create(&#123; …, store: true &#125;)
          </code>
          ), in the project that created them.
        </p>
      </div>
    );
  } else {
    body = (
      <div
        role="list"
        aria-label="Stored completions"
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => {
          const entry = entries[item.index];
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              // Completion rows have a fixed height; only the last "more" row is measured.
              ref={entry ? undefined : virtualizer.measureElement}
              className="absolute top-0 left-0 w-full"
              style={{
                height: entry ? rowHeight : undefined,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {entry?.kind === 'unreadable' ? (
                <UnreadableRow item={entry.item} active={item.index === activeIndex} />
              ) : entry ? (
                <CompletionRow
                  completion={entry.completion}
                  index={item.index}
                  active={item.index === activeIndex}
                  onActivate={activate}
                  onPrefetch={prefetch}
                  onFilterModel={filterModel}
                  onFilterMetadata={filterMetadata}
                />
              ) : isFetchNextPageError ? (
                <div className="p-2">
                  <ErrorState
                    compact
                    error={list.error}
                    subject="The next page"
                    onRetry={() => void fetchNextPage()}
                  />
                </div>
              ) : (
                <p
                  className="flex h-[76px] items-center justify-center text-sm text-slate-500"
                  role="status"
                >
                  {list.fetchStatus === 'paused'
                    ? 'Offline: more will load when the connection is back.'
                    : 'Loading more…'}
                </p>
              )}
            </div>
          );
        })}
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      onScroll={remember}
      className="min-h-0 flex-1 overflow-y-auto"
      data-testid="completions-scroll"
    >
      <div className="mx-auto w-full max-w-5xl">
        {list.data && (
          <p className="sr-only" role="status">
            {entries.length - unreadableCount} stored completions loaded
            {unreadableCount > 0 ? ` (and ${unreadableCount} unreadable items)` : ''}
            {hasNextPage ? ', more available' : ''}.
          </p>
        )}
        {body}
      </div>
    </div>
  );
}
