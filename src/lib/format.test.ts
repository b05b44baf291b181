import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRelative, isoDateTime } from './format.ts';

describe('dates the API may send', () => {
  it('formats ordinary times', () => {
    expect(isoDateTime(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(formatDateTime(0)).toContain('1970');
    expect(formatRelative(1_700_000_000, 1_700_000_060_000)).toBe('1 minute ago');
  });

  // `created` is an integer with no upper bound in the spec; past ±8.64e12 s a Date is invalid
  // and `toISOString` throws (a fuzzed list once went blank on it).
  it.each([1e13, Number.MAX_SAFE_INTEGER, -1e13, Infinity, NaN])(
    'never throws for %s, and says the date is impossible',
    (seconds) => {
      expect(isoDateTime(seconds)).toBeUndefined();
      expect(formatDateTime(seconds)).toContain('not a valid date');
      expect(formatRelative(seconds)).toBe('at an impossible date');
    },
  );

  it('keeps the last time a Date can hold', () => {
    expect(isoDateTime(8.64e12)).toBe('+275760-09-13T00:00:00.000Z');
    expect(isoDateTime(8.64e12 + 1)).toBeUndefined();
  });
});
