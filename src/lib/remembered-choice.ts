/**
 * A display choice remembered in this browser (localStorage; nothing sensitive): the default is
 * stored as no entry. Storage can be unavailable or refuse writes (privacy modes, quotas): the
 * choice then holds for this page only.
 */
export function choiceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberChoice(key: string, value: string, defaultValue: string): void {
  try {
    if (value === defaultValue) choiceStorage()?.removeItem(key);
    else choiceStorage()?.setItem(key, value);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}
