import { describe, expect, it } from 'vitest';
import { keepExactInteger } from '@/api/exact-json.ts';
import type { Json } from '@/api/types.ts';
import { displayJson } from './json-view.tsx';

const SEED = '4944116822809979520';

describe('displayJson', () => {
  it('writes integers past 2^53 with the digits received, where they are known', () => {
    const nested = { seed: Number(SEED) };
    keepExactInteger(nested, 'seed', nested.seed, SEED);
    const value = { id: 'c', seed: Number(SEED), nested, other: Number(SEED) } as Json;
    const text = displayJson(value, { seed: SEED });
    expect(text).toBe(
      [
        '{',
        '  "id": "c",',
        `  "seed": ${SEED},`,
        '  "nested": {',
        `    "seed": ${SEED}`,
        '  },',
        // Not known exactly: written as parsed.
        `  "other": ${String(Number(SEED))}`,
        '}',
      ].join('\n'),
    );
    expect(JSON.parse(text)).toEqual(value);
  });

  it('takes `exact` for the top-level object only, and never for strings', () => {
    const value = { seed: SEED, inner: { seed: Number(SEED) } } as Json;
    expect(displayJson(value, { seed: SEED })).toBe(JSON.stringify(value, null, 2));
  });

  it('shortens very long strings', () => {
    const text = displayJson({ url: `data:image/png;base64,${'A'.repeat(10_000)}` });
    expect(text.length).toBeLessThan(2_200);
    expect(text).toContain('more characters)');
  });
});
