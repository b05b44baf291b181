/**
 * Cursor pagination as OpenAI's list endpoints do it: `after` is the id of the last item of the
 * previous page in the requested order; `limit` 1–100 (default 20); `order` asc|desc (default
 * asc). The official SDK keeps limit/order/filters and swaps in `after` for every next page.
 */
import { invalidParam } from './errors.ts';
import type { ListPage } from './types.ts';

export type Order = 'asc' | 'desc';

export interface PageParams {
  limit: number;
  order: Order;
  after: string | null;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export function parsePageParams(query: URLSearchParams): PageParams {
  let limit = DEFAULT_LIMIT;
  const rawLimit = query.get('limit');
  if (rawLimit !== null) {
    if (!/^[+-]?\d+$/.test(rawLimit.trim())) {
      throw invalidParam(
        'limit',
        `Invalid 'limit': expected an integer, but got '${rawLimit}' instead.`,
        'invalid_type',
      );
    }
    limit = Number(rawLimit);
    if (limit < 1) {
      throw invalidParam(
        'limit',
        `Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${limit} instead.`,
        'integer_below_min_value',
      );
    }
    if (limit > MAX_LIMIT) {
      throw invalidParam(
        'limit',
        `Invalid 'limit': integer above maximum value. Expected a value <= ${MAX_LIMIT}, but got ${limit} instead.`,
        'integer_above_max_value',
      );
    }
  }
  const rawOrder = query.get('order');
  let order: Order = 'asc';
  if (rawOrder !== null) {
    if (rawOrder !== 'asc' && rawOrder !== 'desc') {
      throw invalidParam(
        'order',
        `Invalid value: '${rawOrder}'. Supported values are: 'asc' and 'desc'.`,
      );
    }
    order = rawOrder;
  }
  const after = query.get('after');
  return { limit, order, after: after === null || after === '' ? null : after };
}

function idOf(item: unknown): string | null {
  if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') {
    return (item as { id: string }).id;
  }
  return null;
}

export function toPage<T>(data: T[], hasMore: boolean): ListPage<T> {
  return {
    object: 'list',
    data,
    first_id: data.length > 0 ? idOf(data[0]) : null,
    last_id: data.length > 0 ? idOf(data[data.length - 1]) : null,
    has_more: hasMore,
  };
}

/**
 * One page over an index-addressable sequence of `count` items in its natural (asc) order.
 * `afterIndex` is the index of the cursor item, or null for the first page.
 */
export function pageByIndex<T>(
  count: number,
  at: (index: number) => T,
  afterIndex: number | null,
  params: Pick<PageParams, 'limit' | 'order'>,
): ListPage<T> {
  const data: T[] = [];
  if (params.order === 'asc') {
    const start = afterIndex === null ? 0 : afterIndex + 1;
    const end = Math.min(count, start + params.limit);
    for (let i = start; i < end; i++) data.push(at(i));
    return toPage(data, end < count);
  }
  const start = afterIndex === null ? count - 1 : afterIndex - 1;
  const end = Math.max(-1, start - params.limit); // exclusive
  for (let i = start; i > end; i--) data.push(at(i));
  return toPage(data, end >= 0);
}
