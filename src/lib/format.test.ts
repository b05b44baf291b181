import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatDateTime,
  formatNumber,
  formatRelative,
  isoDateTime,
  RELATIVE_UNITS,
} from './format.ts';

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

// The demo's dates are fixed; "now" is the clock's, whatever the day (only Date is faked).
describe('relative to the clock, years away from the data', () => {
  const created = Date.UTC(2026, 9, 30, 12) / 1000; // the demo's long conversation
  afterEach(() => void vi.useRealTimers());

  it.each([
    ['2026-11-01T12:00:00Z', '2 days ago'],
    ['2031-06-01T00:00:00Z', '5 years ago'],
    ['2040-01-01T00:00:00Z', '13 years ago'],
    ['2100-01-01T00:00:00Z', '73 years ago'],
    ['2026-10-30T11:59:30Z', 'in 30 seconds'],
    ['2020-01-01T00:00:00Z', 'in 7 years'],
  ])('at %s: %s', (now, expected) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    expect(formatRelative(created)).toBe(expected);
  });
});

// format.ts writes en-US without Intl (whose first use is slow on a cold page): the same text.
describe('the same text as Intl (en-US)', () => {
  const rng = (() => {
    let seed = 42;
    return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  })();

  it('numbers', () => {
    const intl = new Intl.NumberFormat('en-US');
    const values = [
      0,
      -0,
      1,
      -1,
      999,
      1000,
      1234,
      -1234.5,
      0.0004,
      0.0005,
      1.23456,
      999_999.9996,
      12_345_678,
      Number.MAX_SAFE_INTEGER,
      1e21,
      -1e21,
      1.5e300,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Infinity,
      -Infinity,
      NaN,
    ];
    for (let i = 0; i < 2000; i++) {
      const magnitude = 10 ** Math.floor(rng() * 16);
      values.push((rng() - 0.3) * magnitude, Math.round(rng() * magnitude));
    }
    for (const value of values) expect(formatNumber(value), String(value)).toBe(intl.format(value));
  });

  it('dates and times', () => {
    const intl = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' });
    const seconds = [0, -1, 1_700_000_000, 8.64e12, -8.64e12, -62_135_596_800, -62_135_596_801];
    for (let i = 0; i < 2000; i++) seconds.push(Math.round((rng() - 0.5) * 2 * 8.64e12));
    for (let i = 0; i < 2000; i++) seconds.push(Math.round(rng() * 4e9));
    for (const s of seconds) {
      expect(formatDateTime(s), String(s)).toBe(intl.format(new Date(s * 1000)));
    }
  });

  it('relative times', () => {
    const intl = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
    const now = 1_800_000_000_000;
    const deltas = [0, 0.2, -0.2, 1, -1, 59, 60, -60, 61, 3599, 3600, -86_400, 86_400 * 400];
    for (let i = 0; i < 2000; i++) deltas.push((rng() - 0.5) * 10 ** Math.floor(rng() * 11));
    for (const delta of deltas) {
      const [unit, size] = RELATIVE_UNITS.find(
        ([u, size]) => Math.abs(delta) >= size || u === 'second',
      )!;
      const expected = intl.format(Math.round(delta / size), unit);
      expect(formatRelative(now / 1000 + delta, now), String(delta)).toBe(expected);
    }
  });
});
