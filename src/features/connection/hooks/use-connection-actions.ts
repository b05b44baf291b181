import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SavedDirectConnection } from '../utils/connection-storage.ts';
import { connectionStore } from '../stores/active-connection.ts';

/**
 * Cached answers belong to the connection that fetched them: drop them all. Unused queries are
 * removed; the ones on screen are reset (data gone) and refetched through the new client, since
 * `clear()` alone would leave mounted observers showing the old data. What the viewer's own server
 * offers (['viewer', …]) does not depend on the connection and is kept.
 */
export function dropConnectionQueries(queryClient: QueryClient): void {
  const predicate = (query: { queryKey: readonly unknown[] }) => query.queryKey[0] !== 'viewer';
  queryClient.removeQueries({ predicate, type: 'inactive' });
  void queryClient.resetQueries({ predicate });
}

/** Connection changes, each followed by dropping the cached answers of the previous one. */
export function useConnectionActions() {
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      connectDirect(saved: SavedDirectConnection & { apiKey: string }): boolean {
        const stored = connectionStore.connectDirect(saved);
        dropConnectionQueries(queryClient);
        return stored;
      },
      switchToServer(): void {
        connectionStore.switchToServer();
        dropConnectionQueries(queryClient);
      },
      /** Where the key is kept changes; the connection does not, so the cache stays. */
      setRemember(remember: boolean): boolean {
        return connectionStore.setRemember(remember);
      },
      forgetKey(): boolean {
        const wasDirect = connectionStore.getSnapshot().kind === 'direct';
        const forgotten = connectionStore.forgetKey();
        if (wasDirect) dropConnectionQueries(queryClient);
        return forgotten;
      },
    }),
    [queryClient],
  );
}
