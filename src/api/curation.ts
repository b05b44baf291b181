import { mutationOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { getApiClient } from '@/lib/api/current.ts';
import type { CursorPage, StoredCompletion } from '@/lib/api/types.ts';
import { completionKeys } from './completion.ts';
import { completionsListKeys } from './completions-list.ts';
import { messageKeys } from './messages.ts';

/** OpenAI's limits on metadata, checked before sending. */
export const METADATA_LIMITS = { pairs: 16, keyLength: 64, valueLength: 512 } as const;

type ListData = InfiniteData<CursorPage<StoredCompletion>, string | undefined>;

function mapListPages(
  queryClient: QueryClient,
  map: (items: StoredCompletion[]) => StoredCompletion[],
) {
  queryClient.setQueriesData<ListData>({ queryKey: completionsListKeys.all }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, data: map(page.data) })) } : data,
  );
}

export function updateMetadataMutation(queryClient: QueryClient, id: string) {
  return mutationOptions({
    mutationKey: ['completions', 'update', id],
    mutationFn: (metadata: Record<string, string>) => getApiClient().updateCompletion(id, metadata),
    onSuccess: (updated: StoredCompletion) => {
      // The answer is the completion as stored now: show it everywhere without refetching.
      queryClient.setQueryData(completionKeys.detail(id), updated);
      mapListPages(queryClient, (items) => items.map((item) => (item.id === id ? updated : item)));
      // Filtered lists may now include or exclude it.
      void queryClient.invalidateQueries({
        queryKey: completionsListKeys.all,
        refetchType: 'none',
      });
    },
  });
}

export function deleteCompletionMutation(queryClient: QueryClient, id: string) {
  return mutationOptions({
    mutationKey: ['completions', 'delete', id],
    mutationFn: () => getApiClient().deleteCompletion(id),
    onSuccess: () => {
      mapListPages(queryClient, (items) => items.filter((item) => item.id !== id));
      queryClient.removeQueries({ queryKey: completionKeys.detail(id) });
      queryClient.removeQueries({ queryKey: messageKeys.all(id) });
    },
  });
}
