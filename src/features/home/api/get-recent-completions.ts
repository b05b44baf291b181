import { queryOptions } from '@tanstack/react-query';
import { getApiClient } from '@/lib/api/current.ts';

/** The newest stored completions, for quick access from the home page. */
export function recentCompletionsQueryOptions(limit = 10) {
  return queryOptions({
    queryKey: ['completions', 'list', { order: 'desc', limit }] as const,
    queryFn: ({ signal }) => getApiClient().listCompletions({ order: 'desc', limit }, signal),
    staleTime: 30_000,
  });
}
