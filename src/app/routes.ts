import type { CompletionsFilters } from '@/api/completions-list.ts';

/**
 * The app's URLs, built and read in this one module: every path and search parameter, typed.
 * Nothing else formats a path or reads the location to route (the hooks over it are in
 * route-hooks.ts; this file imports neither React nor the router, so the early-requests entry
 * stays small).
 *
 * Paths:
 * - `/` the list; search: `model`, `metadata[key]=value` (any number), `order=asc`, and, for the
 *   index, `q` (a search text), `created_after` / `created_before` (unix seconds like the API's
 *   `created`, or an ISO 8601 date or date-time).
 * - `/completions/:id` a conversation; `/completions/:id/messages/:messageId` with a message
 *   selected; search: `part=N` (a content part of that message), `find=term` (find in page).
 * - `/threads/:threadId` a thread (coming).
 * - `/compare/:a/:b` two completions side by side (coming). A path rather than `?compare=`: both
 *   ids are the page's identity (not a view option of one of them), each one a segment encoded
 *   like any other id, and the order of the two is part of the link.
 *
 * Ids are non-empty and go in a path segment with encodeURIComponent, so one holding "/", "%",
 * "?" or "#" stays one segment. They are read back from the raw, still percent-encoded pathname,
 * never from the router's params: those went through decodeURI, which turns "%25" into "%" but
 * leaves "%2F" encoded, so decoding them again fails or changes an id holding a "%" ("100% sure",
 * or a literal "%2F"). An id of "." or ".." alone cannot be a path segment (the URL parser
 * resolves it, encoded or not); API ids never are.
 */

export type Order = CompletionsFilters['order'];

/** The list: the API's own filters, and the ones the index will add. */
export interface ListRoute {
  page: 'list';
  filters: CompletionsFilters;
  /** A search text; null when none. */
  q: string | null;
  /** Unix seconds; null when unbounded. */
  /** As in the URL: unix seconds, or an ISO 8601 date or date-time (the server reads both). */
  createdAfter: string | null;
  createdBefore: string | null;
}

export interface ConversationRoute {
  page: 'conversation';
  completionId: string;
  /** The selected message (a deep link, or the reader's selection). */
  messageId: string | null;
  /** The content part of the selected message the link points at (`?part=N`). */
  part: number | null;
  /** The find-in-page term (`?find=`). */
  find: string | null;
}

export interface ThreadRoute {
  page: 'thread';
  threadId: string;
}

export interface CompareRoute {
  page: 'compare';
  a: string;
  b: string;
}

export type Route = ListRoute | ConversationRoute | ThreadRoute | CompareRoute;

/** The list shows the newest first unless the URL says `order=asc`. */
export const DEFAULT_ORDER: Order = 'desc';

export const emptyFilters: CompletionsFilters = { model: '', metadata: {}, order: DEFAULT_ORDER };

// --- building -------------------------------------------------------------------------------

/** A path segment holding an id. */
function segment(id: string): string {
  return encodeURIComponent(id);
}

/** Percent-encodes a query component, keeping the characters a URL shows plainly. */
function encodeQuery(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/** `?a&b`, or '' for no parameters. */
function searchOf(parts: readonly string[]): string {
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * The list's filters as a query string (with `?`, or '' when there are none), in the API's own
 * form and readable in the address bar: `?model=gpt-4o&metadata[customer]=acme&order=asc`.
 * Only the brackets around a metadata key stay unencoded; everything inside them is encoded.
 */
export function serializeListFilters(filters: CompletionsFilters): string {
  return searchOf(filterParts(filters));
}

function filterParts(filters: CompletionsFilters): string[] {
  const parts: string[] = [];
  if (filters.model) parts.push(`model=${encodeQuery(filters.model)}`);
  for (const [key, value] of Object.entries(filters.metadata)) {
    parts.push(`metadata[${encodeQuery(key)}]=${encodeQuery(value)}`);
  }
  if (filters.order !== DEFAULT_ORDER) parts.push(`order=${filters.order}`);
  return parts;
}

export function listHref(list: Partial<Omit<ListRoute, 'page'>> = {}): string {
  const parts = filterParts(list.filters ?? emptyFilters);
  if (list.q) parts.push(`q=${encodeQuery(list.q)}`);
  if (list.createdAfter) parts.push(`created_after=${encodeQuery(list.createdAfter)}`);
  if (list.createdBefore) parts.push(`created_before=${encodeQuery(list.createdBefore)}`);
  return `/${searchOf(parts)}`;
}

/** A conversation, optionally at a message (and one of its parts), optionally with a find term. */
export function conversationHref(
  completionId: string,
  messageId: string | null = null,
  search: { part?: number | null; find?: string | null } = {},
): string {
  let path = `/completions/${segment(completionId)}`;
  if (messageId !== null) path += `/messages/${segment(messageId)}`;
  const parts: string[] = [];
  if (search.part != null) parts.push(`part=${search.part}`);
  if (search.find) parts.push(`find=${encodeURIComponent(search.find)}`);
  return path + searchOf(parts);
}

export function threadHref(threadId: string): string {
  return `/threads/${segment(threadId)}`;
}

export function compareHref(a: string, b: string): string {
  return `/compare/${segment(a)}/${segment(b)}`;
}

/** The href of a route (path and search). */
export function routeHref(route: Route): string {
  switch (route.page) {
    case 'list':
      return listHref(route);
    case 'conversation':
      return conversationHref(route.completionId, route.messageId, route);
    case 'thread':
      return threadHref(route.threadId);
    case 'compare':
      return compareHref(route.a, route.b);
  }
}

// --- reading --------------------------------------------------------------------------------

/** One path segment, fully decoded (left as it is if it isn't valid percent-encoding). */
function decodeSegment(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const METADATA_PREFIX = 'metadata[';

/**
 * Reads the list's filters from a query string in the API's own form:
 * `model=gpt-4o&metadata[customer]=acme&order=asc`. The metadata key is everything between
 * `metadata[` and the last `]`, so keys holding `[`, `]`, `&` or `=` survive (they arrive
 * percent-encoded inside the brackets). Unknown parameters are ignored.
 */
export function parseListFilters(search: string): CompletionsFilters {
  const params = new URLSearchParams(search);
  const metadata: Record<string, string> = {};
  for (const [name, value] of params) {
    if (
      name.startsWith(METADATA_PREFIX) &&
      name.endsWith(']') &&
      name.length > METADATA_PREFIX.length + 1
    ) {
      metadata[name.slice(METADATA_PREFIX.length, -1)] = value;
    }
  }
  const order = params.get('order');
  return {
    model: params.get('model')?.trim() ?? '',
    metadata,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_ORDER,
  };
}

/** A non-empty parameter, or null. */
function text(params: URLSearchParams, name: string): string | null {
  const value = params.get(name);
  return value === null || value === '' ? null : value;
}

/**
 * A date bound as written (`1700000000`, `2026-12-01`, `2026-12-01T14:00:00Z`, `…+02:00`), or
 * null for anything that can't be one (the server checks it fully and says what is wrong).
 */
function timeBound(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim() ?? '';
  return /^\d[\dTtZz:.+\- ]{0,40}$/.test(value) ? value : null;
}

/** A parameter of digits only (`part=2`), or null. */
function wholeNumber(params: URLSearchParams, name: string): number | null {
  const value = params.get(name);
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

const ONE = '([^/]+)';
const PATHS = {
  conversation: new RegExp(`^/completions/${ONE}(?:/messages/${ONE})?/?$`),
  thread: new RegExp(`^/threads/${ONE}/?$`),
  compare: new RegExp(`^/compare/${ONE}/${ONE}/?$`),
};

/**
 * The route of a location: its raw pathname (still percent-encoded, as `location.pathname`
 * gives it) and its search (`location.search`, with or without `?`). Null for a path no page
 * has.
 */
export function parseRoute(pathname: string, search: string): Route | null {
  const params = new URLSearchParams(search);
  if (pathname === '/' || pathname === '') {
    return {
      page: 'list',
      filters: parseListFilters(search),
      q: text(params, 'q'),
      createdAfter: timeBound(params, 'created_after'),
      createdBefore: timeBound(params, 'created_before'),
    };
  }
  let match = PATHS.conversation.exec(pathname);
  if (match) {
    return {
      page: 'conversation',
      completionId: decodeSegment(match[1]!),
      messageId: match[2] === undefined ? null : decodeSegment(match[2]),
      part: wholeNumber(params, 'part'),
      find: text(params, 'find'),
    };
  }
  match = PATHS.thread.exec(pathname);
  if (match) return { page: 'thread', threadId: decodeSegment(match[1]!) };
  match = PATHS.compare.exec(pathname);
  if (match) return { page: 'compare', a: decodeSegment(match[1]!), b: decodeSegment(match[2]!) };
  return null;
}

/**
 * The route of the browser's location now: before React runs (the early-requests entry, the
 * app's choice of which page's code to evaluate first), and when a navigation is made from the
 * current route. Components render from useCurrentRoute (route-hooks.ts) instead.
 */
export function locationRoute(): Route | null {
  return parseRoute(window.location.pathname, window.location.search);
}
