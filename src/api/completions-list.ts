import { infiniteQueryOptions } from '@tanstack/react-query';
import type { ApiScope } from '@/api/current.ts';
import type { Order } from '@/api/client.ts';
import { queryKeys } from './keys.ts';

export const COMPLETIONS_PAGE_SIZE = 100;

/** What the list shows: the API's own filters. `order` defaults to newest first here. */
export interface CompletionsFilters {
  model: string;
  metadata: Record<string, string>;
  order: Order;
}

/** Every stored completion matching the filters, 100 a page, as the SDK pages them. */
export function completionsListInfiniteOptions(scope: ApiScope, filters: CompletionsFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.list(scope.id, filters),
    queryFn: ({ pageParam, signal }) =>
      scope.client.listCompletions(
        {
          after: pageParam,
          limit: COMPLETIONS_PAGE_SIZE,
          order: filters.order,
          model: filters.model || undefined,
          metadata: filters.metadata,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage, _pages, _lastPageParam, allPageParams) => {
      if (!lastPage.has_more || lastPage.data.length === 0) return undefined;
      const next = lastPage.last_id ?? lastPage.data[lastPage.data.length - 1]?.id;
      // A cursor already walked (the last one, or any before: two cursors taking turns) would
      // loop forever.
      return next === undefined || allPageParams.includes(next) ? undefined : next;
    },
    staleTime: 60_000,
  });
}
