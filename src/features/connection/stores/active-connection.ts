import { useSyncExternalStore } from 'react';
import { defaultConnection } from '@/api/client.ts';
import { setConnection } from '@/api/current.ts';
import { browserStorages } from '../utils/connection-storage.ts';
import { createConnectionStore, type ActiveConnection } from './connection-store.ts';

/**
 * The app's one connection store. Created when this module is first imported (the app shell
 * imports it through the header button), so the API client points at a saved direct connection
 * before the first query runs.
 */
export const connectionStore = createConnectionStore({
  storages: browserStorages(),
  apply: (active) =>
    setConnection(active.kind === 'direct' ? active.connection : defaultConnection),
});

export function useActiveConnection(): ActiveConnection {
  return useSyncExternalStore(connectionStore.subscribe, connectionStore.getSnapshot);
}
