import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatDateTime,
  formatNumber,
  formatRelative,
  formatShortDateTime,
  isoDateTime,
  RELATIVE_UNITS,
} from './format.ts';
import {
  DATE_TIME_OPTIONS,
  SHORT_DATE_TIME_OPTIONS,
  SHORT_DATE_TIME_WITH_YEAR_OPTIONS,
} from './locale-formats.ts';

// The time zone of this test process (Node applies a new TZ at once); restored after the file.
const zoneAtStart = process.env.TZ;
const useZone = (zone: string) => void (process.env.TZ = zone);
afterAll(() => {
  if (zoneAtStart === undefined) delete process.env.TZ;
  else process.env.TZ = zoneAtStart;
});

describe('dates the API may send', () => {
  it('formats ordinary times, in the time zone with its offset', () => {
    expect(isoDateTime(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    useZone('UTC');
    expect(formatDateTime(1_700_000_000)).toBe('Nov 14, 2023, 10:13:20 PM GMT+0');
    useZone('Europe/Berlin');
    expect(formatDateTime(1_700_000_000)).toBe('Nov 14, 2023, 11:13:20 PM GMT+1');
    useZone('Asia/Kolkata');
    expect(formatDateTime(1_700_000_000)).toBe('Nov 15, 2023, 3:43:20 AM GMT+5:30');
    useZone('America/St_Johns');
    expect(formatDateTime(1_700_000_000)).toBe('Nov 14, 2023, 6:43:20 PM GMT-3:30');
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
      expect(formatShortDateTime(seconds)).toBe('not a valid date');
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

  // The short form in list rows: the year only when it is not the clock's, both in the reader's
  // zone (at 22:00 in New York on Dec 31, it is already the new year in UTC).
  it.each([
    ['2025-12-31T12:00:00Z', 'Dec 31, 10:00 PM'],
    ['2026-01-01T12:00:00Z', 'Dec 31, 2025, 10:00 PM'],
    ['2031-06-01T00:00:00Z', 'Dec 31, 2025, 10:00 PM'],
    ['2020-01-01T00:00:00Z', 'Dec 31, 2025, 10:00 PM'],
  ])('short, at %s in New York: %s', (now, expected) => {
    useZone('America/New_York');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
    expect(formatShortDateTime(Date.UTC(2026, 0, 1, 3) / 1000)).toBe(expected);
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

  it('sizes in bytes', () => {
    const whole = new Intl.NumberFormat('en-US');
    const one = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const two = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    const sizes = [
      0, 1, 999, 1000, 1023, 1024, 1536, 10_188, 1_048_575, 1_048_576, 5_000_000, 1e25,
    ];
    for (let i = 0; i < 2000; i++) sizes.push(Math.round(rng() * 10 ** Math.floor(rng() * 13)));
    for (const bytes of sizes) {
      const expected =
        bytes < 1024
          ? `${whole.format(bytes)} B`
          : bytes < 1024 ** 2
            ? `${one.format(bytes / 1024)} KB`
            : `${two.format(bytes / 1024 ** 2)} MB`;
      expect(formatBytes(bytes), String(bytes)).toBe(expected);
    }
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024 ** 2)).toBe('1.00 MB');
  });

  // Zones with half-hour and 45-minute offsets, daylight saving, and local mean times before
  // standard time (offsets in seconds: "GMT+5:53:28").
  it.each([
    'UTC',
    'Europe/Paris',
    'America/New_York',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Africa/Monrovia',
    'Asia/Tokyo',
  ])('dates and times, with the offset from UTC, in %s', (zone) => {
    useZone(zone);
    const intl = new Intl.DateTimeFormat('en-US', DATE_TIME_OPTIONS);
    const seconds = [0, -1, 1_700_000_000, 8.64e12, -8.64e12, -62_135_596_800, -62_135_596_801];
    for (let i = 0; i < 500; i++) seconds.push(Math.round((rng() - 0.5) * 2 * 8.64e12));
    for (let i = 0; i < 500; i++) seconds.push(Math.round((rng() - 0.6) * 1e10));
    for (const s of seconds) {
      expect(formatDateTime(s), String(s)).toBe(intl.format(new Date(s * 1000)));
    }
  });

  // The same zones and dates, in the short form of list rows: in the clock's year, and not.
  it.each(['UTC', 'Europe/Paris', 'Asia/Kathmandu', 'Pacific/Chatham', 'Africa/Monrovia'])(
    'short dates and times, with and without the year, in %s',
    (zone) => {
      useZone(zone);
      const short = new Intl.DateTimeFormat('en-US', SHORT_DATE_TIME_OPTIONS);
      const withYear = new Intl.DateTimeFormat('en-US', SHORT_DATE_TIME_WITH_YEAR_OPTIONS);
      const seconds = [0, -1, 1_700_000_000, 8.64e12, -8.64e12, -62_135_596_800, -62_135_596_801];
      for (let i = 0; i < 500; i++) seconds.push(Math.round((rng() - 0.5) * 2 * 8.64e12));
      for (let i = 0; i < 500; i++) seconds.push(Math.round((rng() - 0.6) * 1e10));
      for (const s of seconds) {
        const date = new Date(s * 1000);
        const anotherYear = date.getFullYear() === new Date(0).getFullYear() ? 1e12 : 0;
        expect(formatShortDateTime(s, s * 1000), String(s)).toBe(short.format(date));
        expect(formatShortDateTime(s, anotherYear), String(s)).toBe(withYear.format(date));
      }
    },
  );

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
