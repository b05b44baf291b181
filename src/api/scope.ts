import { useSyncExternalStore } from 'react';
import { currentScope, subscribeScope, type ApiScope } from '@/api/current.ts';

/** The connection in use: a component re-renders, with the new keys, when it changes. */
export function useApiScope(): ApiScope {
  return useSyncExternalStore(subscribeScope, currentScope);
}
