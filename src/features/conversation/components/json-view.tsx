import type { Json } from '@/lib/api/types.ts';
import { formatNumber } from '@/lib/format.ts';

const MAX_STRING = 2_000;

/** Pretty JSON for display, with very long strings (e.g. data URLs) shortened. */
export function displayJson(value: Json | undefined): string {
  return JSON.stringify(
    value,
    (_key, field: unknown) =>
      typeof field === 'string' && field.length > MAX_STRING
        ? `${field.slice(0, MAX_STRING)}… (${formatNumber(field.length - MAX_STRING)} more characters)`
        : field,
    2,
  );
}

export function JsonBlock({ value, label }: { value: Json | undefined; label?: string }) {
  return (
    <pre
      aria-label={label}
      // It scrolls (long lines, a height limit): focusable, so keys can scroll it.
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
    >
      {displayJson(value)}
    </pre>
  );
}
