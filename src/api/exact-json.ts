/**
 * JSON integers past 2^53 lose their last digits once parsed into a number, and OpenAI's seeds
 * are such integers (the spec's own example answers `"seed": 4944116822809979520`, which reads
 * back as 4944116822809980000). Where the browser hands a reviver each value's source text
 * (JSON.parse source text access: Chrome 114, Firefox 135, Safari 18.4), the digits as received
 * are kept beside the parsed object, by key, so views can show them.
 */

type ParseContext = { source?: string } | undefined;

const exactIntegers = new WeakMap<object, Map<string, string>>();

/** 2^53 has 16 digits: a text without a run of 16 digits has no integer past it. */
const LONG_DIGITS = /\d{16}/;
const INTEGER = /^-?\d+$/;

/**
 * Remembers `source` as the exact digits of `holder[key]` when it is an integer a double cannot
 * hold (not a decimal or an exponent, whose value is what was meant).
 */
export function keepExactInteger(
  holder: object,
  key: string,
  value: unknown,
  source: string | undefined,
): void {
  if (typeof value !== 'number' || Number.isSafeInteger(value) || source === undefined) return;
  if (!INTEGER.test(source)) return;
  let keys = exactIntegers.get(holder);
  if (!keys) {
    keys = new Map();
    exactIntegers.set(holder, keys);
  }
  keys.set(key, source);
}

/** The digits of `holder[key]` as received, when it is an integer past 2^53 parsed by parseJson. */
export function exactInteger(holder: unknown, key: string): string | undefined {
  if (typeof holder !== 'object' || holder === null) return undefined;
  return exactIntegers.get(holder)?.get(key);
}

/** JSON.parse, keeping the digits of integers past 2^53 where the browser allows (see above). */
export function parseJson(text: string): unknown {
  // The reviver costs a call per value: only for texts that may need it.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(
    text,
    function (this: object, key: string, value: unknown, context?: ParseContext) {
      keepExactInteger(this, key, value, context?.source);
      return value;
    },
  );
}
