// Numbers and dates in the reader's locale and time zone, through the Intl formatters of
// locale-formats.ts once they exist. Until then (and for en-US readers, always) they are written
// here as en-US without Intl, in the reader's time zone: the first Intl formatter a page makes
// loads the locale data, 40-130 ms of one task on a cold page in Chromium (measured), the render
// that shows the first completion. format.test.ts checks the output against Intl's.
import { localeFormats } from './locale-formats.ts';

/** Digits with thousands separators, e.g. "1234567" to "1,234,567". */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Whole and fraction digits (exactly `places`) of `abs` (< 1e21), rounded half up on its shortest
 * decimal form as Intl does ("620.6055" to "620.606", where toFixed(3) gives .605).
 */
function roundTo(abs: number, places: number): [string, string] {
  // Below half a unit of the last place: also every value String() writes with an exponent.
  if (abs < 0.5 * 10 ** -places) return ['0', '0'.repeat(places)];
  const [whole = '0', fraction = ''] = String(abs).split('.');
  let digits = whole + fraction.slice(0, places).padEnd(places, '0');
  if ((fraction[places] ?? '0') >= '5') {
    digits = (BigInt(digits) + 1n).toString().padStart(places + 1, '0');
  }
  const cut = digits.length - places;
  return [digits.slice(0, cut), digits.slice(cut)];
}

/** `value` with `min` to `max` fraction digits, as Intl.NumberFormat('en-US') writes it. */
function enUsNumber(value: number, min: number, max: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const abs = Math.abs(value);
  const zeros = '0'.repeat(min);
  if (abs >= 1e21) {
    // Shortest digits, as toString gives them ("1.5e+300"), then zeros: what Intl writes.
    const [, lead = '', rest = '', exponent = '0'] =
      /^(\d)(?:\.(\d+))?e\+(\d+)$/.exec(String(abs)) ?? [];
    return sign + group((lead + rest).padEnd(Number(exponent) + 1, '0')) + (min ? `.${zeros}` : '');
  }
  const [whole, fraction] = roundTo(abs, max);
  const shown = fraction.replace(/0+$/, '').padEnd(min, '0');
  return sign + group(whole) + (shown ? `.${shown}` : '');
}

/** In the reader's locale (up to 3 fraction digits, rounded): "1,234.5" in en-US. */
export function formatNumber(value: number | null | undefined): string {
  if (value == null) return '—';
  const intl = localeFormats();
  return intl ? intl.number.format(value) : enUsNumber(value, 0, 3);
}

/** A size in bytes: "900 B", "1.5 KB" (one fraction digit), "4.77 MB" (two). */
export function formatBytes(bytes: number): string {
  const intl = localeFormats();
  if (!(bytes >= 1024)) return `${formatNumber(bytes)} B`;
  if (bytes < 1024 * 1024) {
    const kb = bytes / 1024;
    return `${intl ? intl.oneDecimal.format(kb) : enUsNumber(kb, 1, 1)} KB`;
  }
  const mb = bytes / 1024 / 1024;
  return `${intl ? intl.twoDecimals.format(mb) : enUsNumber(mb, 2, 2)} MB`;
}

/**
 * Seconds since the epoch as a Date, or null when the number is beyond what a Date can hold
 * (±8.64e12 s): the API's integers have no upper bound, and `toISOString` throws on those.
 */
function dateOf(seconds: number): Date | null {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** For `<time dateTime>`: the ISO form, or undefined for a time no Date can hold. */
export function isoDateTime(seconds: number): string | undefined {
  return dateOf(seconds)?.toISOString();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/** Which of two calendar days comes first: -1, 0 or 1. */
function compareDays(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/**
 * The local time's offset from UTC as Intl's `timeZoneName: 'shortOffset'` writes it in en-US:
 * "GMT+0", "GMT+1", "GMT-4:30", "GMT+5:53:28" (an old local mean time, whose seconds
 * getTimezoneOffset drops). From the fields, never a second Date: that one could lie past the
 * last time a Date can hold.
 */
function utcOffset(date: Date): string {
  const day = compareDays(
    [date.getFullYear(), date.getMonth(), date.getDate()],
    [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()],
  );
  const local = date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds();
  const utc = date.getUTCHours() * 3600 + date.getUTCMinutes() * 60 + date.getUTCSeconds();
  const offset = day * 86_400 + local - utc;
  const abs = Math.abs(offset);
  const [h, m, s] = [Math.floor(abs / 3600), Math.floor(abs / 60) % 60, abs % 60];
  const rest = s ? `:${pad2(m)}:${pad2(s)}` : m ? `:${pad2(m)}` : '';
  return `GMT${offset < 0 ? '-' : '+'}${h}${rest}`;
}

/**
 * Seconds since the epoch (as the API sends `created`) to an exact date and time in the reader's
 * locale and time zone, with its offset from UTC (DATE_TIME_OPTIONS); in en-US:
 * "Oct 19, 2026, 4:48:00 PM GMT+1".
 */
export function formatDateTime(seconds: number): string {
  const date = dateOf(seconds);
  if (!date) return `${seconds} (not a valid date)`;
  const intl = localeFormats();
  if (intl) return intl.dateTime.format(date);
  const day = `${monthDay(date)}, ${yearText(date)}`;
  return `${day}, ${clockTime(date, true)} ${utcOffset(date)}`;
}

/**
 * A short date and time for a list of them (SHORT_DATE_TIME_OPTIONS), the year only when it is
 * not the current one (the clock's, by default), both in the reader's time zone; in en-US:
 * "Oct 30, 2:03 PM", "Oct 30, 2025, 2:03 PM".
 */
export function formatShortDateTime(seconds: number, nowMs = Date.now()): string {
  const date = dateOf(seconds);
  if (!date) return 'not a valid date';
  const withYear = date.getFullYear() !== new Date(nowMs).getFullYear();
  const intl = localeFormats();
  if (intl) return (withYear ? intl.shortDateTimeWithYear : intl.shortDateTime).format(date);
  const day = withYear ? `${monthDay(date)}, ${yearText(date)}` : monthDay(date);
  return `${day}, ${clockTime(date, false)}`;
}

/** "Oct 30", as Intl writes the month and day in en-US. */
function monthDay(date: Date): string {
  return `${MONTHS[date.getMonth()]} ${date.getDate()}`;
}

/** The year as Intl writes it in en-US with these options: no era, so 1 BC is "1", 2 BC "2". */
function yearText(date: Date): string {
  const year = date.getFullYear();
  return String(year > 0 ? year : 1 - year);
}

/** "2:03 PM", or "2:03:09 PM" with the seconds. */
function clockTime(date: Date, withSeconds: boolean): string {
  const hours = date.getHours() % 12 || 12;
  const seconds = withSeconds ? `:${pad2(date.getSeconds())}` : '';
  const half = date.getHours() < 12 ? 'AM' : 'PM';
  return `${hours}:${pad2(date.getMinutes())}${seconds} ${half}`;
}

/** The units formatRelative picks from, largest first, with their length in seconds. */
export const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Intl's en-US words for -1, 0 and 1 of a unit (numeric: 'auto'). */
const WORDS: Record<string, [string, string, string]> = {
  year: ['last year', 'this year', 'next year'],
  month: ['last month', 'this month', 'next month'],
  week: ['last week', 'this week', 'next week'],
  day: ['yesterday', 'today', 'tomorrow'],
  hour: ['1 hour ago', 'this hour', 'in 1 hour'],
  minute: ['1 minute ago', 'this minute', 'in 1 minute'],
  second: ['1 second ago', 'now', 'in 1 second'],
};

/** As Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }) writes it. */
function relativeText(value: number, unit: Intl.RelativeTimeFormatUnit): string {
  const words = WORDS[unit];
  if (words && value >= -1 && value <= 1) return words[value + 1]!;
  const count = formatNumber(Math.abs(value));
  const label = Math.abs(value) === 1 ? unit : `${unit}s`;
  return value < 0 ? `${count} ${label} ago` : `in ${count} ${label}`;
}

/** How long before or after now (the clock's, by default): "3 days ago", "in 2 years". */
export function formatRelative(seconds: number, nowMs = Date.now()): string {
  if (!dateOf(seconds)) return 'at an impossible date';
  const delta = seconds - nowMs / 1000;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(delta) >= size || unit === 'second') {
      // + 0: no "-0" from rounding a small negative delta.
      const value = Math.round(delta / size) + 0;
      const intl = localeFormats();
      return intl ? intl.relative.format(value, unit) : relativeText(value, unit);
    }
  }
  return '';
}
