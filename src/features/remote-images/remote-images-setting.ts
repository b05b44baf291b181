import { useSyncExternalStore } from 'react';
import { choiceStorage, rememberChoice } from '@/lib/remembered-choice.ts';

/**
 * "Load remote images": `on` (the default) loads every http(s) image part as it scrolls into
 * view; `click` shows a placeholder until the reader asks, as mail clients do, because loading
 * a URL tells its host that someone is looking (when, from which IP address, with which
 * browser). Data URLs are not remote: they always show.
 */
export type RemoteImagesSetting = 'on' | 'click';

export const REMOTE_IMAGES_STORAGE_KEY = 'viewer.remoteImages';

export function readRemoteImagesSetting(
  storage: Pick<Storage, 'getItem'> | null,
): RemoteImagesSetting {
  try {
    return storage?.getItem(REMOTE_IMAGES_STORAGE_KEY) === 'click' ? 'click' : 'on';
  } catch {
    return 'on';
  }
}

const storage = choiceStorage;

const listeners = new Set<() => void>();
let setting: RemoteImagesSetting | null = null;
/**
 * URLs the reader chose to load while the setting is "on click", for this page: rows unmount
 * and remount as the list scrolls, and the inspector shows the same URL, so the choice lives
 * here and not in a component.
 */
const allowed = new Set<string>();
let allowedVersion = 0;

function current(): RemoteImagesSetting {
  setting ??= readRemoteImagesSetting(storage());
  return setting;
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Remembers the choice in this browser (nothing sensitive) and applies it at once. */
export function setRemoteImagesSetting(next: RemoteImagesSetting): void {
  setting = next;
  rememberChoice(REMOTE_IMAGES_STORAGE_KEY, next, 'on');
  notify();
}

/** The reader asked for this one image ("Load image"): it loads, in the list and the inspector. */
export function allowRemoteImage(url: string): void {
  const key = normalized(url);
  if (allowed.has(key)) return;
  allowed.add(key);
  allowedVersion++;
  notify();
}

/**
 * Whether an image may be requested now: always for data: URLs and anything that is not
 * http(s) (refused elsewhere, never requested), else per the setting and the reader's clicks.
 */
export function mayLoadImage(
  url: string,
  value: RemoteImagesSetting,
  allowedUrls: ReadonlySet<string>,
): boolean {
  if (value === 'on' || !isRemoteUrl(url)) return true;
  return allowedUrls.has(normalized(url));
}

/** The URL as the browser requests it, so a click on either spelling counts for both. */
function normalized(url: string): string {
  try {
    return new URL(url.trim()).href;
  } catch {
    return url;
  }
}

export function isRemoteUrl(url: string): boolean {
  return /^\s*https?:/i.test(url);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed the setting.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== REMOTE_IMAGES_STORAGE_KEY && event.key !== null) return;
    setting = null;
    notify();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useRemoteImagesSetting(): RemoteImagesSetting {
  return useSyncExternalStore(subscribe, current);
}

/** Whether this image may be requested now (see mayLoadImage); re-renders when that changes. */
export function useMayLoadImage(url: string): boolean {
  const value = useRemoteImagesSetting();
  // The version makes a click elsewhere (the inspector, another row) re-render this part.
  useSyncExternalStore(subscribe, () => allowedVersion);
  return mayLoadImage(url, value, allowed);
}
