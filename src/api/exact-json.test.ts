import { describe, expect, it } from 'vitest';
import { exactInteger, keepExactInteger, parseJson } from './exact-json.ts';
import { parseCompletion } from './parse.ts';
import type { Json } from './types.ts';

const SEED = '4944116822809979520'; // the spec's own example of a stored completion's seed

describe('keepExactInteger', () => {
  it('keeps the digits of an integer a double cannot hold, per object and key', () => {
    const holder = { seed: Number(SEED), other: 1 };
    keepExactInteger(holder, 'seed', holder.seed, SEED);
    expect(exactInteger(holder, 'seed')).toBe(SEED);
    expect(exactInteger(holder, 'other')).toBeUndefined();
    expect(exactInteger({ seed: Number(SEED) }, 'seed')).toBeUndefined();
    expect(String(holder.seed)).not.toBe(SEED); // why it is needed
  });

  it('leaves alone what a double holds, decimals, exponents, and runtimes without sources', () => {
    const holder = {};
    keepExactInteger(holder, 'safe', 42, '42');
    keepExactInteger(holder, 'max', Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER));
    keepExactInteger(holder, 'exponent', 1e20, '1e20');
    keepExactInteger(holder, 'decimal', Number('12345678901234567.5'), '12345678901234567.5');
    keepExactInteger(holder, 'string', SEED, SEED);
    keepExactInteger(holder, 'unknown', Number(SEED), undefined);
    for (const key of ['safe', 'max', 'exponent', 'decimal', 'string', 'unknown']) {
      expect(exactInteger(holder, key)).toBeUndefined();
    }
    expect(exactInteger(null, 'x')).toBeUndefined();
    expect(exactInteger('text', 'length')).toBeUndefined();
  });
});

describe('parseJson', () => {
  it('parses as JSON.parse does, own "__proto__" keys included, with or without long integers', () => {
    for (const text of [
      '{"a":[1,2,{"b":null}],"c":"x"}',
      `{"seed":${SEED},"n":[12345678901234567890,-98765432109876543210]}`,
      '{"__proto__":{"polluted":true},"id":"1234567890123456789"}',
    ]) {
      const parsed = parseJson(text);
      expect(parsed).toEqual(JSON.parse(text));
      expect(Object.keys(parsed as object)).toEqual(Object.keys(JSON.parse(text) as object));
    }
    expect(() => parseJson('{"seed": 49441168228099795')).toThrow(SyntaxError);
  });
});

describe('an exact seed, read into the request settings', () => {
  it('is kept beside the rounded number', () => {
    const body = JSON.parse(`{"id":"c","seed":${SEED},"temperature":1}`) as Record<string, Json>;
    keepExactInteger(body, 'seed', body.seed, SEED); // what parseJson does where sources exist
    const parsed = parseCompletion(body);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.request.settings).toEqual([
      { key: 'temperature', value: 1 },
      { key: 'seed', value: Number(SEED), exact: SEED },
    ]);
  });
});
