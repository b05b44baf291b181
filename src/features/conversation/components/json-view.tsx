import { exactInteger } from '@/api/exact-json.ts';
import type { Json } from '@/api/types.ts';
import { formatNumber } from '@/lib/format.ts';

const MAX_STRING = 2_000;

/**
 * Pretty JSON for display, with very long strings (e.g. data URLs) shortened, and integers past
 * 2^53 written with their digits as received: those parseJson kept, and `exact` (digits by key
 * of the top-level object, which outlive a copy of the object the query cache may make).
 */
export function displayJson(
  value: Json | undefined,
  exact?: Readonly<Record<string, string>>,
): string {
  // Exact integers go out as marked strings, swapped for their digits after: JSON.stringify
  // writes numbers only as doubles. The mark is random, so no string received can match it.
  const digits: string[] = [];
  const mark = `exact-${Math.random().toString(36).slice(2)}-`;
  const text = JSON.stringify(
    value,
    function (this: unknown, key: string, field: unknown) {
      if (typeof field === 'number' && !Number.isSafeInteger(field)) {
        const source =
          exactInteger(this, key) ??
          (this === value && exact && Object.hasOwn(exact, key) ? exact[key] : undefined);
        if (source !== undefined) {
          digits.push(source);
          return `${mark}${digits.length - 1}`;
        }
      }
      return typeof field === 'string' && field.length > MAX_STRING
        ? `${field.slice(0, MAX_STRING)}… (${formatNumber(field.length - MAX_STRING)} more characters)`
        : field;
    },
    2,
  );
  if (digits.length === 0) return text;
  return text.replace(
    new RegExp(`"${mark}(\\d+)"`, 'g'),
    (_match, i: string) => digits[Number(i)]!,
  );
}

export function JsonBlock({
  value,
  label,
  exact,
}: {
  value: Json | undefined;
  label?: string;
  /** See displayJson. */
  exact?: Readonly<Record<string, string>>;
}) {
  return (
    <pre
      aria-label={label}
      // It scrolls (long lines, a height limit): focusable, so keys can scroll it.
      tabIndex={0}
      className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
    >
      {displayJson(value, exact)}
    </pre>
  );
}
