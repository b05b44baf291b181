import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { dropOtherConnections } from '@/api/keys.ts';
import { currentScope } from '@/api/current.ts';
import type { SavedDirectConnection } from '../utils/connection-storage.ts';
import { connectionStore } from '../stores/active-connection.ts';

/**
 * Cached answers belong to the connection that fetched them, and their keys say which (see
 * api/keys.ts): the pages ask for the new connection's keys as they re-render. What the
 * previous connection fetched can't be shown any more; it is dropped to free the memory.
 */
function dropConnectionQueries(queryClient: QueryClient): void {
  dropOtherConnections(queryClient, currentScope().id);
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
