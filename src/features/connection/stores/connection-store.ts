import type { Connection } from '@/api/client.ts';
import {
  forgetSavedKey,
  readSavedConnection,
  saveConnection,
  type ConnectionStorages,
  type SavedDirectConnection,
} from '../utils/connection-storage.ts';

/** Where the viewer's API requests go. */
export type ActiveConnection =
  /** The viewer's own server, same-origin /v1: demo data, a data file, or the key-holding proxy. */
  | { kind: 'server' }
  /** Straight from the browser to an OpenAI-compatible API, with a key the user entered. */
  | { kind: 'direct'; connection: Connection; remember: boolean };

export interface ConnectionStore {
  getSnapshot(): ActiveConnection;
  subscribe(listener: () => void): () => void;
  /** The saved direct connection (storage), for the form; null when none. */
  getSaved(): SavedDirectConnection | null;
  /** Saves and switches to a direct connection. Returns false if the browser refused to store it. */
  connectDirect(saved: SavedDirectConnection & { apiKey: string }): boolean;
  /** Switches back to the viewer's own server (the saved direct connection stays saved). */
  switchToServer(): void;
  /** Removes the key from both storages and from memory; a direct connection ends. */
  forgetKey(): boolean;
  /**
   * Moves the saved direct connection to localStorage (true) or back to sessionStorage (false),
   * deleting it from the other. Returns whether a saved connection holding a key was moved.
   */
  setRemember(remember: boolean): boolean;
}

export function toConnection(saved: SavedDirectConnection): Connection {
  const connection: Connection = { baseURL: saved.baseURL };
  if (saved.apiKey) connection.apiKey = saved.apiKey;
  if (saved.organization) connection.organization = saved.organization;
  if (saved.project) connection.project = saved.project;
  return connection;
}

/** The connection a page starts with: a saved direct connection with a key, else the server. */
export function initialConnection(storages: ConnectionStorages): ActiveConnection {
  const saved = readSavedConnection(storages);
  // "Use the server" chosen last: the saved direct connection stays, not in use.
  return saved?.apiKey && saved.inUse !== false
    ? { kind: 'direct', connection: toConnection(saved), remember: saved.remember }
    : { kind: 'server' };
}

/**
 * The active connection as an external store (for useSyncExternalStore), starting with
 * initialConnection. `apply` runs on creation and on every change, before listeners hear of it:
 * it points the API client at the new connection.
 */
export function createConnectionStore(options: {
  storages: ConnectionStorages;
  apply: (active: ActiveConnection) => void;
}): ConnectionStore {
  const { storages, apply } = options;
  const listeners = new Set<() => void>();
  let active = initialConnection(storages);
  apply(active);

  const change = (next: ActiveConnection) => {
    active = next;
    apply(next);
    for (const listener of listeners) listener();
  };

  return {
    getSnapshot: () => active,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSaved: () => readSavedConnection(storages),
    connectDirect(next) {
      const stored = saveConnection(storages, { ...next, inUse: true });
      change({ kind: 'direct', connection: toConnection(next), remember: next.remember });
      return stored;
    },
    switchToServer() {
      // Remembered as chosen: a reload (or a typed URL) stays on the server.
      const saved = readSavedConnection(storages);
      if (saved && saved.inUse !== false) saveConnection(storages, { ...saved, inUse: false });
      if (active.kind !== 'server') change({ kind: 'server' });
    },
    setRemember(remember) {
      const saved = readSavedConnection(storages);
      if (saved && saved.remember !== remember) saveConnection(storages, { ...saved, remember });
      if (active.kind === 'direct' && active.remember !== remember) change({ ...active, remember });
      return Boolean(saved?.apiKey);
    },
    forgetKey() {
      const forgotten = forgetSavedKey(storages);
      if (active.kind === 'direct') change({ kind: 'server' });
      return forgotten;
    },
  };
}
