import { queryOptions } from '@tanstack/react-query';
import { getApiClient } from '@/lib/api/current.ts';

export const completionKeys = {
  all: ['completions'] as const,
  detail: (id: string) => ['completions', 'detail', id] as const,
};

/** One stored completion: the header and the answer (`choices`). */
export function completionQueryOptions(id: string) {
  return queryOptions({
    queryKey: completionKeys.detail(id),
    queryFn: ({ signal }) => getApiClient().getCompletion(id, signal),
    staleTime: 60_000,
  });
}
