import { useSyncExternalStore } from 'react';
import { choiceStorage, rememberChoice } from '@/lib/remembered-choice.ts';

/** What the reader chose; "system" follows the OS setting (the default). */
export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

/** Also read by public/theme-init.js, which applies the theme before the first paint. */
export const THEME_STORAGE_KEY = 'viewer.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function readPreference(storage: Pick<Storage, 'getItem'> | null): ThemePreference {
  try {
    const stored = storage?.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(preference: ThemePreference, systemDark: boolean): Theme {
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

const storage = choiceStorage;

function systemDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

const listeners = new Set<() => void>();
let preference: ThemePreference | null = null;

function current(): ThemePreference {
  preference ??= readPreference(storage());
  return preference;
}

function apply(): void {
  document.documentElement.dataset.theme = resolveTheme(current(), systemDark());
  for (const listener of listeners) listener();
}

/** Remembers the choice (a display preference, nothing sensitive) and applies it at once. */
export function setThemePreference(next: ThemePreference): void {
  preference = next;
  rememberChoice(THEME_STORAGE_KEY, next, 'system');
  apply();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;
  // Following the system: a change of the OS setting re-themes the open page.
  const onSystemChange = () => apply();
  media?.addEventListener('change', onSystemChange);
  // Another tab changed the preference.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    preference = null;
    apply();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', onSystemChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(subscribe, current);
}
