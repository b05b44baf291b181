import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../utils/connection-storage.ts';
import { saveConnection } from '../utils/connection-storage.ts';
import {
  createConnectionStore,
  initialConnection,
  type ActiveConnection,
} from './connection-store.ts';

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
}

const KEY = 'test-key-unit-0123456789';

function setup(seed?: (storages: { session: MemoryStorage; local: MemoryStorage }) => void) {
  const storages = { session: new MemoryStorage(), local: new MemoryStorage() };
  seed?.(storages);
  const applied: ActiveConnection[] = [];
  const store = createConnectionStore({ storages, apply: (active) => applied.push(active) });
  let notified = 0;
  store.subscribe(() => (notified += 1));
  return { storages, store, applied, notified: () => notified };
}

describe('initialConnection', () => {
  // What the page's early requests (src/app/early-requests.ts) go by: only the server's own
  // API gets them, never a tab that will connect directly.
  it('is the server unless a saved direct connection has a key', () => {
    const { storages } = setup();
    expect(initialConnection(storages)).toEqual({ kind: 'server' });
    saveConnection(storages, { baseURL: 'https://x.test/v1', remember: true });
    expect(initialConnection(storages)).toEqual({ kind: 'server' });
    saveConnection(storages, { baseURL: 'https://x.test/v1', apiKey: KEY, remember: false });
    expect(initialConnection(storages)).toMatchObject({ kind: 'direct', remember: false });
    expect(initialConnection({ session: null, local: null })).toEqual({ kind: 'server' });
  });
});

describe('connection store', () => {
  it('starts on the server when nothing with a key is saved', () => {
    const { store, applied } = setup((s) =>
      saveConnection(s, { baseURL: 'https://x.test/v1', remember: false }),
    );
    expect(store.getSnapshot()).toEqual({ kind: 'server' });
    expect(applied).toEqual([{ kind: 'server' }]);
  });

  it('keeps "use the server" across a reload, and a direct connection chosen again', () => {
    const { storages, store } = setup();
    store.connectDirect({ baseURL: 'https://x.test/v1', apiKey: KEY, remember: true });
    store.switchToServer();
    const reloaded = createConnectionStore({ storages, apply: () => {} });
    expect(reloaded.getSnapshot()).toEqual({ kind: 'server' });
    // The saved connection (and its key) stay, for the form.
    expect(reloaded.getSaved()).toMatchObject({ baseURL: 'https://x.test/v1', apiKey: KEY });
    reloaded.connectDirect({ baseURL: 'https://x.test/v1', apiKey: KEY, remember: true });
    const again = createConnectionStore({ storages, apply: () => {} });
    expect(again.getSnapshot()).toMatchObject({ kind: 'direct', remember: true });
  });

  it('starts direct when a saved connection has a key', () => {
    const { store, applied } = setup((s) =>
      saveConnection(s, {
        baseURL: 'https://x.test/v1',
        apiKey: KEY,
        project: 'proj_1',
        remember: true,
      }),
    );
    const expected = {
      kind: 'direct',
      connection: { baseURL: 'https://x.test/v1', apiKey: KEY, project: 'proj_1' },
      remember: true,
    };
    expect(store.getSnapshot()).toEqual(expected);
    expect(applied).toEqual([expected]);
  });

  it('connects, switches back to the server, and applies each change before notifying', () => {
    const { store, storages, applied, notified } = setup();
    expect(
      store.connectDirect({ baseURL: 'https://x.test/v1', apiKey: KEY, remember: false }),
    ).toBe(true);
    expect(store.getSnapshot()).toMatchObject({ kind: 'direct', remember: false });
    expect(storages.session.items.size).toBe(1);
    expect(storages.local.items.size).toBe(0);
    expect(notified()).toBe(1);

    store.switchToServer();
    expect(store.getSnapshot()).toEqual({ kind: 'server' });
    expect(applied.at(-1)).toEqual({ kind: 'server' });
    // The direct connection stays saved for later.
    expect(store.getSaved()?.apiKey).toBe(KEY);
    store.switchToServer();
    expect(notified()).toBe(2);
  });

  it('moves the saved key between storages when "remember" changes', () => {
    const { store, storages } = setup();
    store.connectDirect({ baseURL: 'https://x.test/v1', apiKey: KEY, remember: false });
    expect(store.setRemember(true)).toBe(true);
    expect([...storages.local.items.values()].join()).toContain(KEY);
    expect(storages.session.items.size).toBe(0);
    expect(store.getSnapshot()).toMatchObject({ kind: 'direct', remember: true });
    store.setRemember(false);
    expect([...storages.session.items.values()].join()).toContain(KEY);
    expect(storages.local.items.size).toBe(0);
  });

  it('forget key: gone from storage and memory, back to the server', () => {
    const { store, storages } = setup();
    store.connectDirect({ baseURL: 'https://x.test/v1', apiKey: KEY, remember: true });
    store.forgetKey();
    expect(store.getSnapshot()).toEqual({ kind: 'server' });
    const everything = [...storages.local.items.values(), ...storages.session.items.values()];
    expect(everything.join()).not.toContain(KEY);
    expect(store.getSaved()).toEqual({ baseURL: 'https://x.test/v1', remember: true });
  });
});
