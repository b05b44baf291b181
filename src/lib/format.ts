const numberFormat = new Intl.NumberFormat('en-US');

export function formatNumber(value: number | null | undefined): string {
  return value == null ? '—' : numberFormat.format(value);
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

/** Seconds since the epoch (as the API sends `created`) to an exact local date and time. */
export function formatDateTime(seconds: number): string {
  const date = dateOf(seconds);
  if (!date) return `${seconds} (not a valid date)`;
  return date.toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

const relative = new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function formatRelative(seconds: number, nowMs = Date.now()): string {
  if (!dateOf(seconds)) return 'at an impossible date';
  const delta = seconds - nowMs / 1000;
  for (const [unit, size] of units) {
    if (Math.abs(delta) >= size || unit === 'second') {
      return relative.format(Math.round(delta / size), unit);
    }
  }
  return '';
}
