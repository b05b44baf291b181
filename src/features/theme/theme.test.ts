import { describe, expect, it } from 'vitest';
import { readPreference, resolveTheme, THEME_STORAGE_KEY } from './theme.ts';

const storageWith = (value: string | null) => ({
  getItem: (key: string) => (key === THEME_STORAGE_KEY ? value : null),
});

describe('theme preference', () => {
  it('reads a stored light or dark choice, and anything else as "system"', () => {
    expect(readPreference(storageWith('dark'))).toBe('dark');
    expect(readPreference(storageWith('light'))).toBe('light');
    expect(readPreference(storageWith('purple'))).toBe('system');
    expect(readPreference(storageWith(null))).toBe('system');
    expect(readPreference(null)).toBe('system');
  });

  it('follows the system only when asked to', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('survives storage that throws (blocked cookies)', () => {
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(readPreference(throwing)).toBe('system');
  });
});
