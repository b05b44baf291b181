import { queryOptions } from '@tanstack/react-query';
import type { ApiScope } from '@/api/current.ts';
import { queryKeys } from './keys.ts';

/** One stored completion: the header and the answer (`choices`). */
export function completionQueryOptions(scope: ApiScope, id: string) {
  return queryOptions({
    queryKey: queryKeys.completion(scope.id, id),
    queryFn: ({ signal }) => scope.client.getCompletion(id, signal),
    staleTime: 60_000,
  });
}
