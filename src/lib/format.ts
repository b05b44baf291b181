// Numbers and dates are formatted here as en-US, without Intl: the first Intl formatter a page
// makes loads the locale data, 40-130 ms of one task on a cold page in Chromium (measured), the
// render that shows the first completion. format.test.ts checks the output against Intl's.

/** Digits with thousands separators, e.g. "1234567" to "1,234,567". */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Whole and fraction digits (at most 3, no trailing zeros) of `abs` (< 1e21), rounded half up on
 * its shortest decimal form as Intl does ("620.6055" to "620.606", where toFixed(3) gives .605).
 */
function roundTo3(abs: number): [string, string] {
  if (abs < 0.0005) return ['0', '']; // also every value String() writes with an exponent
  const [whole = '0', fraction = ''] = String(abs).split('.');
  let digits = whole + fraction.slice(0, 3).padEnd(3, '0');
  if ((fraction[3] ?? '0') >= '5') digits = (BigInt(digits) + 1n).toString().padStart(4, '0');
  const cut = digits.length - 3;
  return [digits.slice(0, cut), digits.slice(cut).replace(/0+$/, '')];
}

/** As Intl.NumberFormat('en-US') writes it (up to 3 fraction digits, rounded). */
export function formatNumber(value: number | null | undefined): string {
  if (value == null) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1e21) {
    // Shortest digits, as toString gives them ("1.5e+300"), then zeros: what Intl writes.
    const [, lead = '', rest = '', exponent = '0'] =
      /^(\d)(?:\.(\d+))?e\+(\d+)$/.exec(String(abs)) ?? [];
    return sign + group((lead + rest).padEnd(Number(exponent) + 1, '0'));
  }
  const [whole, trimmed] = roundTo3(abs);
  return sign + group(whole) + (trimmed ? `.${trimmed}` : '');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
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

/**
 * Seconds since the epoch (as the API sends `created`) to an exact local date and time, as
 * Intl's en-US medium date and time styles write it: "Oct 19, 2026, 4:48:00 PM".
 */
export function formatDateTime(seconds: number): string {
  const date = dateOf(seconds);
  if (!date) return `${seconds} (not a valid date)`;
  const year = date.getFullYear();
  const yearText = String(year > 0 ? year : 1 - year); // Intl writes no era here
  const hours = date.getHours() % 12 || 12;
  const time = `${hours}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
  const half = date.getHours() < 12 ? 'AM' : 'PM';
  return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${yearText}, ${time} ${half}`;
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

export function formatRelative(seconds: number, nowMs = Date.now()): string {
  if (!dateOf(seconds)) return 'at an impossible date';
  const delta = seconds - nowMs / 1000;
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(delta) >= size || unit === 'second') {
      // + 0: no "-0" from rounding a small negative delta.
      return relativeText(Math.round(delta / size) + 0, unit);
    }
  }
  return '';
}
