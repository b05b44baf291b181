/**
 * Where a direct connection (base URL, API key, organization, project) is kept in the browser:
 * sessionStorage (this tab only) by default, localStorage only when the user ticked "remember on
 * this device". The entry lives in exactly one of the two; the API key is never written anywhere
 * else. Every function takes the storages as a parameter, so unit tests can pass in-memory ones.
 */

import { parseJsonRecord } from '@/lib/json-record.ts';

/** The part of the Web Storage API used here (an in-memory object is enough for tests). */
export interface StorageLike {
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
}

/** Either may be null: storage can be unavailable (disabled, sandboxed iframe, privacy mode). */
export interface ConnectionStorages {
  session: StorageLike | null;
  local: StorageLike | null;
}

export interface SavedDirectConnection {
  baseURL: string;
  apiKey?: string;
  organization?: string;
  project?: string;
  /** Kept in localStorage (true) or sessionStorage (false). */
  remember: boolean;
  /**
   * Whether it is the connection in use: false once the user chose "Use the server" (the entry
   * stays, so it can be picked again without retyping; a reload keeps the server). Missing in
   * entries saved before this existed: in use.
   */
  inUse?: boolean;
}

/** The name of the storage entry (same name in both storages). */
export const DIRECT_CONNECTION_ENTRY = 'stored-completions-viewer.direct-connection';

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function parseEntry(text: string | null, remember: boolean): SavedDirectConnection | null {
  const record = parseJsonRecord(text);
  if (!record) return null;
  const baseURL = stringField(record, 'baseURL');
  if (!baseURL) return null;
  const saved: SavedDirectConnection = { baseURL, remember };
  const apiKey = stringField(record, 'apiKey');
  if (apiKey) saved.apiKey = apiKey;
  const organization = stringField(record, 'organization');
  if (organization) saved.organization = organization;
  const project = stringField(record, 'project');
  if (project) saved.project = project;
  if (record.inUse === false) saved.inUse = false;
  return saved;
}

function read(storage: StorageLike | null): string | null {
  try {
    return storage?.getItem(DIRECT_CONNECTION_ENTRY) ?? null;
  } catch {
    return null;
  }
}

function remove(storage: StorageLike | null): boolean {
  if (!storage) return true;
  try {
    storage.removeItem(DIRECT_CONNECTION_ENTRY);
    return true;
  } catch {
    return false;
  }
}

function write(storage: StorageLike | null, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(DIRECT_CONNECTION_ENTRY, value);
    return true;
  } catch {
    // Quota exceeded or storage refused: the caller keeps the connection in memory only.
    return false;
  }
}

function serialize(saved: SavedDirectConnection): string {
  const { baseURL, apiKey, organization, project, inUse } = saved;
  return JSON.stringify({ baseURL, apiKey, organization, project, inUse });
}

/** The saved direct connection, if any: the remembered one (localStorage) first. */
export function readSavedConnection(storages: ConnectionStorages): SavedDirectConnection | null {
  return (
    parseEntry(read(storages.local), true) ?? parseEntry(read(storages.session), false) ?? null
  );
}

/**
 * Saves the direct connection in the storage its `remember` flag names and deletes it from the
 * other one (so unticking "remember" takes the key off the device). Returns false when the
 * browser refused to store it (the connection then lasts until the page is reloaded).
 */
export function saveConnection(
  storages: ConnectionStorages,
  saved: SavedDirectConnection,
): boolean {
  const [target, other] = saved.remember
    ? [storages.local, storages.session]
    : [storages.session, storages.local];
  const written = write(target, serialize(saved));
  const removed = remove(other);
  // A remembered entry that could not be written must not leave an older key behind either.
  if (!written) remove(target);
  return written && removed;
}

/**
 * Removes the API key from both storages, keeping the base URL, organization and project (they
 * are not secret and save retyping). Returns false if a storage refused the change.
 */
export function forgetSavedKey(storages: ConnectionStorages): boolean {
  let ok = true;
  for (const [storage, remember] of [
    [storages.local, true],
    [storages.session, false],
  ] as const) {
    const saved = parseEntry(read(storage), remember);
    if (saved) {
      delete saved.apiKey;
      if (!write(storage, serialize(saved))) ok = remove(storage) && ok;
    } else if (read(storage) != null) {
      // Unreadable leftovers may still hold a key: drop them.
      ok = remove(storage) && ok;
    }
  }
  return ok;
}

/** The browser's storages, each null where access throws (e.g. storage disabled). */
export function browserStorages(): ConnectionStorages {
  const get = (name: 'sessionStorage' | 'localStorage'): StorageLike | null => {
    try {
      return typeof window === 'undefined' ? null : window[name];
    } catch {
      return null;
    }
  };
  return { session: get('sessionStorage'), local: get('localStorage') };
}
