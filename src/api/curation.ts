import { mutationOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { ApiScope } from '@/api/current.ts';
import type { CursorPage, StoredCompletion } from '@/api/types.ts';
import { mutationKeys, queryKeys } from './keys.ts';

/** OpenAI's limits on metadata, checked before sending. */
export const METADATA_LIMITS = { pairs: 16, keyLength: 64, valueLength: 512 } as const;

type ListData = InfiniteData<CursorPage<StoredCompletion>, string | undefined>;

function mapListPages(
  queryClient: QueryClient,
  scope: ApiScope,
  map: (items: StoredCompletion[]) => StoredCompletion[],
) {
  queryClient.setQueriesData<ListData>({ queryKey: queryKeys.lists(scope.id) }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, data: map(page.data) })) } : data,
  );
}

export function updateMetadataMutation(queryClient: QueryClient, scope: ApiScope, id: string) {
  return mutationOptions({
    mutationKey: mutationKeys.updateMetadata(scope.id, id),
    mutationFn: (metadata: Record<string, string>) => scope.client.updateCompletion(id, metadata),
    onSuccess: (updated: StoredCompletion) => {
      // The answer is the completion as stored now: show it everywhere without refetching.
      queryClient.setQueryData(queryKeys.completion(scope.id, id), updated);
      mapListPages(queryClient, scope, (items) =>
        items.map((item) => (item.id === id ? updated : item)),
      );
      // Filtered lists may now include or exclude it.
      void queryClient.invalidateQueries({
        queryKey: queryKeys.lists(scope.id),
        refetchType: 'none',
      });
    },
  });
}

export function deleteCompletionMutation(queryClient: QueryClient, scope: ApiScope, id: string) {
  return mutationOptions({
    mutationKey: mutationKeys.deleteCompletion(scope.id, id),
    mutationFn: () => scope.client.deleteCompletion(id),
    onSuccess: () => {
      mapListPages(queryClient, scope, (items) => items.filter((item) => item.id !== id));
      queryClient.removeQueries({ queryKey: queryKeys.completion(scope.id, id) });
      queryClient.removeQueries({ queryKey: queryKeys.messages(scope.id, id) });
    },
  });
}
