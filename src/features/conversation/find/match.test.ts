import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/api/parse.ts';
import type { Json } from '@/api/types.ts';
import {
  adjacentHit,
  countOccurrences,
  edgeHit,
  findInRows,
  findRanges,
  hitPosition,
  messageHaystack,
  normalizeTerm,
  type SearchableRow,
} from './match.ts';

const row = (key: string, message: Json, position = 0): SearchableRow => ({
  key,
  item: parseMessage(message, position),
});

const count = (message: Json, term: string) =>
  countOccurrences(messageHaystack(parseMessage(message, 0)), normalizeTerm(term));

describe('what a message holds as searchable text', () => {
  it('counts every occurrence, case-insensitively, without overlaps', () => {
    expect(count({ role: 'user', content: 'Retry, RETRY and retry.' }, 'retry')).toBe(3);
    expect(count({ role: 'user', content: 'Retry, RETRY and retry.' }, 'rEtRy')).toBe(3);
    expect(count({ role: 'user', content: 'aaaa' }, 'aa')).toBe(2);
    expect(count({ role: 'user', content: 'nothing here' }, 'retry')).toBe(0);
  });

  it('searches text parts (once, though stored messages repeat them in content) and not image URLs', () => {
    const message: Json = {
      role: 'user',
      content: 'Look at the kitten\nkitten again',
      content_parts: [
        { type: 'text', text: 'Look at the kitten' },
        { type: 'image_url', image_url: { url: 'https://example.com/kitten.png', detail: 'low' } },
        { type: 'text', text: 'kitten again' },
      ],
    };
    expect(count(message, 'kitten')).toBe(2);
    expect(count(message, 'example.com')).toBe(0);
  });

  it('searches the refusal, tool call names and arguments, custom tool input, results', () => {
    expect(
      count({ role: 'assistant', content: null, refusal: 'I cannot help with that.' }, 'cannot'),
    ).toBe(1);
    const calls: Json = {
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'call_1',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"ci' } },
        { id: 'call_3', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin Patch' } },
      ],
    };
    expect(count(calls, 'get_weather')).toBe(2);
    expect(count(calls, 'paris')).toBe(1);
    expect(count(calls, '{"ci')).toBe(2); // invalid JSON is searched as it is
    expect(count(calls, 'begin patch')).toBe(1);
    expect(count(calls, 'call_1')).toBe(0); // ids are not content
    expect(
      count({ role: 'tool', tool_call_id: 'call_1', content: '{"temp_c":14}' }, 'temp_c'),
    ).toBe(1);
  });

  it('searches the legacy function_call, function results, and an audio transcript', () => {
    const legacy = {
      role: 'assistant',
      content: null,
      function_call: { name: 'get_stock_price', arguments: '{"ticker":"ACME"}' },
    };
    expect(count(legacy, 'stock_price')).toBe(1);
    expect(count(legacy, 'acme')).toBe(1);
    expect(count({ role: 'function', name: 'f', content: 'price: 123.45' }, '123.45')).toBe(1);
    const audio = {
      role: 'assistant',
      content: null,
      audio: { id: 'audio_1', transcript: 'Hello there', expires_at: 1 },
    };
    expect(count(audio, 'hello')).toBe(1);
  });

  it('searches messages of unknown roles and unknown parts, and broken items as their JSON', () => {
    expect(count({ role: 'critic', content: 'Too verbose.' }, 'verbose')).toBe(1);
    expect(
      count(
        { role: 'user', content: [{ type: 'input_audio', input_audio: { format: 'wav' } }] },
        'wav',
      ),
    ).toBe(1);
    expect(count({ content: 'no role, still readable text' }, 'readable')).toBe(1);
    expect(count(null, 'null')).toBe(1);
    expect(count({ role: 'user', content: 'a\u0000b' }, 'a')).toBe(1);
  });

  it('never matches across two fields of a message', () => {
    const message = { role: 'assistant', content: 'ends with foo', refusal: 'bar starts' };
    expect(count(message, 'foo')).toBe(1);
    expect(count(message, 'foobar')).toBe(0);
    expect(count(message, 'foo\u0000bar')).toBe(0);
  });

  it('treats a blank term as no search', () => {
    expect(normalizeTerm('   ')).toBe('');
    expect(normalizeTerm(' Foo ')).toBe(' foo ');
    expect(countOccurrences('anything', '')).toBe(0);
  });

  it('caches the haystack per item', () => {
    const item = parseMessage({ role: 'user', content: 'Hello' }, 0);
    expect(messageHaystack(item)).toBe(messageHaystack(item));
    expect(messageHaystack(item)).toBe('hello');
  });
});

describe('findInRows and stepping', () => {
  const rows = [
    row('m-0', { role: 'user', content: 'cache cache' }),
    row('m-1', { role: 'assistant', content: 'no hit' }),
    row('m-2', { role: 'assistant', content: 'the CACHE key' }),
    row('m-3', null, 3),
    row('choice-0', { role: 'assistant', content: 'cache, cache and cache' }),
  ];
  const results = findInRows(rows, 'cache');

  it('counts hits per row, in reading order, with the total', () => {
    expect(results.entries).toEqual([
      { key: 'm-0', count: 2 },
      { key: 'm-2', count: 1 },
      { key: 'choice-0', count: 3 },
    ]);
    expect(results.total).toBe(6);
    expect(results.counts.get('m-1')).toBeUndefined();
    expect(findInRows(rows, '').total).toBe(0);
  });

  it('reuses cached counts for rows already seen with the same term', () => {
    const cache = new WeakMap();
    findInRows(rows.slice(0, 2), 'cache', cache);
    expect(cache.get(rows[0]!.item)).toBe(2);
    // A cached count wins: the rows are not counted again.
    cache.set(rows[2]!.item, 7);
    expect(findInRows(rows, 'cache', cache).total).toBe(2 + 7 + 3);
  });

  it('gives the position of a hit ("3 of 6"), 0 for none', () => {
    expect(hitPosition(results, { key: 'm-0', occurrence: 0 })).toBe(1);
    expect(hitPosition(results, { key: 'm-2', occurrence: 0 })).toBe(3);
    expect(hitPosition(results, { key: 'choice-0', occurrence: 2 })).toBe(6);
    expect(hitPosition(results, { key: 'm-1', occurrence: 0 })).toBe(0);
    expect(hitPosition(results, { key: 'm-2', occurrence: 5 })).toBe(0);
    expect(hitPosition(results, null)).toBe(0);
  });

  it('steps through occurrences within a row, then to the next row, and stops at the ends', () => {
    const order: string[] = [];
    for (let hit = edgeHit(results, 'forward'); hit; hit = adjacentHit(results, hit, 'forward')) {
      order.push(`${hit.key}:${hit.occurrence}`);
    }
    expect(order).toEqual(['m-0:0', 'm-0:1', 'm-2:0', 'choice-0:0', 'choice-0:1', 'choice-0:2']);
    const back: string[] = [];
    for (let hit = edgeHit(results, 'backward'); hit; hit = adjacentHit(results, hit, 'backward')) {
      back.push(`${hit.key}:${hit.occurrence}`);
    }
    expect(back).toEqual([...order].reverse());
  });

  it('steps from a row that no longer has hits: nothing, rather than a wrong guess', () => {
    expect(adjacentHit(results, { key: 'gone', occurrence: 0 }, 'forward')).toBeNull();
    expect(adjacentHit(results, { key: 'gone', occurrence: 0 }, 'backward')).toBeNull();
    expect(adjacentHit(findInRows([], 'x'), null, 'forward')).toBeNull();
  });
});

describe('findRanges (offsets in rendered text)', () => {
  it('finds case-insensitive ranges in the original text', () => {
    expect(findRanges('Cache and CACHE', 'cache')).toEqual([
      [0, 5],
      [10, 15],
    ]);
    expect(findRanges('abc', '')).toEqual([]);
  });

  it('maps back offsets when lowercasing changes the length', () => {
    // "İ" lowercases to two code units: offsets after it must still point at the original.
    const text = 'İstanbul and istanbul';
    const ranges = findRanges(text, 'istanbul');
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['istanbul']);
    expect(findRanges('İİ x', 'x').map(([s, e]) => 'İİ x'.slice(s, e))).toEqual(['x']);
    // Astral characters (two code units) before a match.
    expect(findRanges('😀İ Go', 'go').map(([s, e]) => '😀İ Go'.slice(s, e))).toEqual(['Go']);
  });
});
