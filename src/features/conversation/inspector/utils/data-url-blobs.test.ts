import { afterEach, describe, expect, it, vi } from 'vitest';
import { acquireDataUrlBlob, heldDataUrlCount, keyOf } from './data-url-blobs.ts';

// 1×1 transparent PNG. In Node there is no Worker: the module decodes with fetch instead.
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('acquireDataUrlBlob', () => {
  it('decodes once for every user, with one Blob URL, revoked after the last release', async () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const held = heldDataUrlCount();
    const a = acquireDataUrlBlob(png);
    const b = acquireDataUrlBlob(png);
    const [first, second] = await Promise.all([a.ready, b.ready]);
    expect(first?.blob.type).toBe('image/png');
    expect(first?.blob.size).toBe(70);
    expect(second?.objectUrl).toBe(first?.objectUrl);
    expect(heldDataUrlCount()).toBe(held + 1);

    vi.useFakeTimers();
    a.release();
    a.release(); // twice is once
    vi.advanceTimersByTime(5000);
    expect(revoke).not.toHaveBeenCalled(); // b still shows it
    b.release();
    vi.advanceTimersByTime(999);
    expect(heldDataUrlCount()).toBe(held + 1); // still within the grace period
    vi.advanceTimersByTime(1);
    expect(heldDataUrlCount()).toBe(held);
    expect(revoke).toHaveBeenCalledWith(first?.objectUrl);
  });

  it('a user coming back within the grace period keeps the same Blob URL', async () => {
    const a = acquireDataUrlBlob(png);
    const url = (await a.ready)?.objectUrl;
    vi.useFakeTimers();
    a.release();
    vi.advanceTimersByTime(500);
    const b = acquireDataUrlBlob(png);
    vi.useRealTimers();
    expect((await b.ready)?.objectUrl).toBe(url);
    b.release();
  });

  it('resolves null for a user who let go before the decode finished', async () => {
    const a = acquireDataUrlBlob(`${png}#late`);
    a.release();
    expect(await a.ready).toBeNull();
  });

  it('a failed decode rejects and is not kept: the next user tries again', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('boom'));
    const url = `${png}#fails-once`;
    const held = heldDataUrlCount();
    const bad = acquireDataUrlBlob(url);
    expect(heldDataUrlCount()).toBe(held + 1);
    await expect(bad.ready).rejects.toThrow('boom');
    expect(heldDataUrlCount()).toBe(held);
    bad.release();
    const again = acquireDataUrlBlob(url);
    expect((await again.ready)?.blob.size).toBe(70);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    again.release();
  });

  it('two data URLs with one key are never shown as each other', async () => {
    // Valid base64 of the same length, differing in one place the key doesn't sample.
    const pad = (c: string) => `data:image/png;base64,${'A'.repeat(150)}${c}${'A'.repeat(19_849)}`;
    const [one, two] = [pad('B'), pad('C')];
    expect(keyOf(one)).toBe(keyOf(two));
    const a = acquireDataUrlBlob(one);
    const b = acquireDataUrlBlob(two);
    const [first, second] = await Promise.all([a.ready, b.ready]);
    expect(first?.objectUrl).toBeTruthy();
    expect(second?.objectUrl).not.toBe(first?.objectUrl);
    a.release();
    b.release();
  });
});
