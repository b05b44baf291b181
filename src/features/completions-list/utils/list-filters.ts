import type { CompletionsFilters } from '@/api/completions-list.ts';

/** The list shows the newest first unless the URL says `order=asc`. */
export const DEFAULT_ORDER = 'desc';

export const emptyFilters: CompletionsFilters = { model: '', metadata: {}, order: DEFAULT_ORDER };

const METADATA_PREFIX = 'metadata[';

/**
 * Reads the list's filters from a query string in the API's own form:
 * `model=gpt-4o&metadata[customer]=acme&order=asc`. The metadata key is everything between
 * `metadata[` and the last `]`, so keys holding `[`, `]`, `&` or `=` survive (they arrive
 * percent-encoded inside the brackets).
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

/** Percent-encodes a query component, keeping the characters a URL shows plainly. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/**
 * Writes filters back as a query string (with `?`, or '' when there are none), readable in the
 * address bar: `?model=gpt-4o&metadata[customer]=acme&order=asc`. Only the brackets around a
 * metadata key stay unencoded; everything inside them is encoded.
 */
export function serializeListFilters(filters: CompletionsFilters): string {
  const parts: string[] = [];
  if (filters.model) parts.push(`model=${encode(filters.model)}`);
  for (const [key, value] of Object.entries(filters.metadata)) {
    parts.push(`metadata[${encode(key)}]=${encode(value)}`);
  }
  if (filters.order !== DEFAULT_ORDER) parts.push(`order=${filters.order}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export function hasFilters(filters: CompletionsFilters): boolean {
  return filters.model !== '' || Object.keys(filters.metadata).length > 0;
}
