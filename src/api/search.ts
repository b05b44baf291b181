import { infiniteQueryOptions } from '@tanstack/react-query';
import { requestViewerJson, toQueryString } from './client.ts';
import type { CompletionsFilters } from './completions-list.ts';
import type { ApiScope } from './current.ts';
import { ApiError } from './errors.ts';
import { queryKeys } from './keys.ts';

/** What the list asks the local index for: a search text and/or a date range, with filters. */
export interface SearchParams {
  q: string | null;
  filters: CompletionsFilters;
  /** As in the URL: unix seconds or an ISO 8601 date / date-time (the server reads both). */
  createdAfter: string | null;
  createdBefore: string | null;
}

/** A piece of a snippet: text as it is in the message, and whether it matched. */
export interface SnippetSegment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  id: string;
  model: string;
  created: number;
  metadata: Record<string, string>;
  /** Matching messages (the answer counts as one); null when listing without a text. */
  hits: number | null;
  /** The best matching message; null when listing without a text. */
  message: {
    /** Null for the answer (or a message stored without an id). */
    id: string | null;
    answer: boolean;
    index: number | null;
    role: string | null;
    snippet: SnippetSegment[];
  } | null;
}

export interface SearchPage {
  data: SearchHit[];
  hasMore: boolean;
  nextCursor: string | null;
  /** Completions matching in all; a lower bound when `totalExact` is false. */
  total: number;
  totalExact: boolean;
}

export const SEARCH_PAGE_SIZE = 50;

function searchQueryString(params: SearchParams, after: string | null): string {
  // The list's own parameters as the API takes them (toQueryString); with a text, best first,
  // so no `order`.
  const query = new URLSearchParams(
    toQueryString({
      model: params.filters.model || undefined,
      metadata: params.filters.metadata,
      order: params.q ? undefined : params.filters.order,
      limit: SEARCH_PAGE_SIZE,
      after: after ?? undefined,
    }),
  );
  if (params.q) query.set('q', params.q);
  if (params.createdAfter) query.set('created_after', params.createdAfter);
  if (params.createdBefore) query.set('created_before', params.createdBefore);
  return query.toString();
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseSegments(value: unknown): SnippetSegment[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((segment) =>
    isRecord(segment) && typeof segment.text === 'string'
      ? [{ text: segment.text, match: segment.match === true }]
      : [],
  );
}

function parseHit(value: unknown): SearchHit | null {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') return null;
  const metadata: Record<string, string> = {};
  if (isRecord(value.metadata))
    for (const [key, v] of Object.entries(value.metadata))
      if (typeof v === 'string') metadata[key] = v;
  const message = isRecord(value.message)
    ? {
        id: typeof value.message.id === 'string' ? value.message.id : null,
        answer: value.message.answer === true,
        index: typeof value.message.index === 'number' ? value.message.index : null,
        role: typeof value.message.role === 'string' ? value.message.role : null,
        snippet: parseSegments(value.message.snippet),
      }
    : null;
  return {
    id: value.id,
    model: typeof value.model === 'string' ? value.model : '',
    created: typeof value.created === 'number' ? value.created : 0,
    metadata,
    hits: typeof value.hits === 'number' ? value.hits : null,
    message,
  };
}

/** A page of GET /__viewer/search, read leniently: unreadable results are left out. */
export function parseSearchPage(body: unknown): SearchPage {
  if (!isRecord(body) || !Array.isArray(body.data))
    throw new ApiError('malformed', 'The server’s answer is not a page of search results.');
  const data = body.data.map(parseHit).filter((hit): hit is SearchHit => hit !== null);
  return {
    data,
    hasMore: body.has_more === true,
    nextCursor: typeof body.next_cursor === 'string' ? body.next_cursor : null,
    total: typeof body.total === 'number' ? body.total : data.length,
    totalExact: body.total_exact !== false,
  };
}

/**
 * Search results from the viewer server's local index (GET /__viewer/search), page by page.
 * Only the server's own connection has an index; the key is under it like every other answer.
 */
export function searchInfiniteOptions(scope: ApiScope, params: SearchParams) {
  return infiniteQueryOptions({
    queryKey: queryKeys.search(scope.id, params),
    queryFn: async ({ pageParam, signal }) =>
      parseSearchPage(
        await requestViewerJson(`/search?${searchQueryString(params, pageParam)}`, signal),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last, _pages, _param, allParams) =>
      last.hasMore && last.nextCursor !== null && !allParams.includes(last.nextCursor)
        ? last.nextCursor
        : undefined,
    staleTime: 60_000,
  });
}
