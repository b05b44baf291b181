import { describe, expect, it } from 'vitest';
import {
  DIRECT_CONNECTION_ENTRY,
  forgetSavedKey,
  readSavedConnection,
  saveConnection,
  type ConnectionStorages,
  type StorageLike,
} from './connection-storage.ts';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(name: string) {
    return this.items.get(name) ?? null;
  }
  setItem(name: string, value: string) {
    this.items.set(name, value);
  }
  removeItem(name: string) {
    this.items.delete(name);
  }
  /** Everything stored, as one string, to look for a key anywhere in it. */
  dump() {
    return [...this.items].flat().join('\n');
  }
}

class RefusingStorage extends MemoryStorage {
  override setItem(): void {
    throw new DOMException('quota', 'QuotaExceededError');
  }
}

const KEY = 'test-key-unit-0123456789';

function storages() {
  const session = new MemoryStorage();
  const local = new MemoryStorage();
  return { session, local, both: { session, local } satisfies ConnectionStorages };
}

describe('direct connection storage', () => {
  it('keeps the connection in sessionStorage by default, not in localStorage', () => {
    const { session, local, both } = storages();
    expect(
      saveConnection(both, {
        baseURL: 'https://api.openai.com/v1',
        apiKey: KEY,
        organization: 'org-1',
        remember: false,
      }),
    ).toBe(true);
    expect(session.dump()).toContain(KEY);
    expect(local.items.size).toBe(0);
    expect(readSavedConnection(both)).toEqual({
      baseURL: 'https://api.openai.com/v1',
      apiKey: KEY,
      organization: 'org-1',
      remember: false,
    });
  });

  it('uses localStorage only when remembered, and moves back when unticked', () => {
    const { session, local, both } = storages();
    saveConnection(both, { baseURL: 'https://x.test/v1', apiKey: KEY, remember: false });
    saveConnection(both, { baseURL: 'https://x.test/v1', apiKey: KEY, remember: true });
    expect(local.dump()).toContain(KEY);
    expect(session.items.size).toBe(0);
    expect(readSavedConnection(both)?.remember).toBe(true);

    saveConnection(both, { baseURL: 'https://x.test/v1', apiKey: KEY, remember: false });
    expect(session.dump()).toContain(KEY);
    expect(local.items.size).toBe(0);
  });

  it('names the entry without the key in it, and stores nothing but the entry', () => {
    const { session, both } = storages();
    saveConnection(both, { baseURL: 'https://x.test/v1', apiKey: KEY, remember: false });
    expect([...session.items.keys()]).toEqual([DIRECT_CONNECTION_ENTRY]);
    expect(DIRECT_CONNECTION_ENTRY).not.toContain(KEY);
  });

  it('forget key removes the key from both storages, keeps the rest', () => {
    const { session, local, both } = storages();
    saveConnection(both, {
      baseURL: 'https://x.test/v1',
      apiKey: KEY,
      project: 'proj_1',
      remember: true,
    });
    // A stray copy in the other storage (e.g. written by an older version) goes too.
    session.setItem(
      DIRECT_CONNECTION_ENTRY,
      JSON.stringify({ baseURL: 'https://y.test/v1', apiKey: KEY }),
    );
    expect(forgetSavedKey(both)).toBe(true);
    expect(session.dump()).not.toContain(KEY);
    expect(local.dump()).not.toContain(KEY);
    expect(readSavedConnection(both)).toEqual({
      baseURL: 'https://x.test/v1',
      project: 'proj_1',
      remember: true,
    });
  });

  it('forget key drops unreadable entries, which might hold a key', () => {
    const { session, both } = storages();
    session.setItem(DIRECT_CONNECTION_ENTRY, `{"apiKey":"${KEY}"`);
    forgetSavedKey(both);
    expect(session.items.size).toBe(0);
  });

  it('ignores malformed or incomplete entries', () => {
    const { session, both } = storages();
    for (const text of ['not json', '"text"', 'null', '{"apiKey":"k"}', '{"baseURL":"  "}']) {
      session.setItem(DIRECT_CONNECTION_ENTRY, text);
      expect(readSavedConnection(both)).toBeNull();
    }
  });

  it('works without storage, and reports a refused write without leaving a key behind', () => {
    expect(readSavedConnection({ session: null, local: null })).toBeNull();
    expect(
      saveConnection(
        { session: null, local: null },
        { baseURL: 'https://x.test/v1', apiKey: KEY, remember: false },
      ),
    ).toBe(false);

    const session = new MemoryStorage();
    const local = new RefusingStorage();
    local.items.set(
      DIRECT_CONNECTION_ENTRY,
      JSON.stringify({ baseURL: 'https://old.test/v1', apiKey: 'old-key-0000' }),
    );
    expect(
      saveConnection(
        { session, local },
        { baseURL: 'https://x.test/v1', apiKey: KEY, remember: true },
      ),
    ).toBe(false);
    expect(local.items.size).toBe(0);
    expect(session.items.size).toBe(0);
  });
});
