import { describe, expect, it } from 'vitest';
import { parseJsonRecord } from './json-record.ts';

describe('parseJsonRecord', () => {
  it('reads an object', () => {
    expect(parseJsonRecord('{"a":1}')).toEqual({ a: 1 });
  });
  it('says null to anything else', () => {
    for (const text of [null, '', 'nope', '[1]', '"s"', '3', 'null', '{'])
      expect(parseJsonRecord(text)).toBeNull();
  });
});
