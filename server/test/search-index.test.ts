/** The full-text index's groundwork: what is indexed, and that people's searches find it. */
import { describe, expect, it } from 'vitest';
import type { CompletionObject } from '../api/types.ts';
import { openDatabase, type Db } from '../db/database.ts';
import { ftsQuery } from '../db/search-query.ts';
import { messageTexts, spaceCjk } from '../db/search-text.ts';
import { arrayMessages, createWriter } from '../db/write.ts';

const completion = (id: string, answer: unknown): CompletionObject => ({
  id,
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  metadata: {},
  choices: [{ index: 0, finish_reason: 'stop', message: answer }],
});

function fixture(): Db {
  const db = openDatabase(':memory:');
  const writer = createWriter(db);
  db.transaction(() => {
    writer.put(
      completion('c-fr', { role: 'assistant', content: 'Bien sûr !' }),
      arrayMessages([
        { id: 'm0', role: 'user', content: 'Où est le CAFÉ de la gare ?' },
        {
          id: 'm1',
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_abc123',
              type: 'function',
              function: { name: 'lookup_order', arguments: '{"order":"A-1042"}' },
            },
          ],
        },
        { id: 'm2', role: 'tool', tool_call_id: 'call_abc123', content: 'shipped by courier' },
      ]),
    );
    writer.put(
      completion('c-ja', { role: 'assistant', content: null, refusal: '申し訳ありません' }),
      arrayMessages([
        {
          id: 'j0',
          role: 'user',
          content: null,
          content_parts: [{ type: 'text', text: '私は昨日東京に行きました。' }],
        },
        { id: 'j1', role: 'assistant', content: null, audio: { transcript: 'a spoken reply' } },
      ]),
    );
  })();
  return db;
}

/** "completion/message" for every hit (the answer is "completion/answer"). */
function search(db: Db, input: string): string[] {
  return (
    db
      .prepare(
        `SELECT coalesce(c.id || '/' || m.id, a.id || '/answer') AS hit
         FROM search_fts f
         LEFT JOIN messages m ON m.seq = f.rowid
         LEFT JOIN completions c ON c.seq = m.completion_seq
         LEFT JOIN completions a ON a.seq = -f.rowid
         WHERE search_fts MATCH ? ORDER BY rank`,
      )
      .pluck()
      .all(ftsQuery(input)) as string[]
  ).sort();
}

describe('full-text index', () => {
  const db = fixture();

  it('is case- and accent-insensitive: "cafe" finds "CAFÉ"', () => {
    expect(search(db, 'cafe')).toEqual(['c-fr/m0']);
    expect(search(db, 'Café')).toEqual(['c-fr/m0']);
    expect(search(db, 'sur')).toEqual(['c-fr/answer']);
  });

  it('finds a two-character Japanese word inside a sentence with no spaces', () => {
    expect(search(db, '東京')).toEqual(['c-ja/j0']);
    expect(search(db, '昨日東京')).toEqual(['c-ja/j0']);
    expect(search(db, '京東')).toEqual([]);
    expect(search(db, '申し訳')).toEqual(['c-ja/answer']);
  });

  it('finds ids and codes with punctuation: A-1042, call_abc123', () => {
    expect(search(db, 'A-1042')).toEqual(['c-fr/m1']);
    expect(search(db, 'a-1042')).toEqual(['c-fr/m1']);
    expect(search(db, 'call_abc123')).toEqual(['c-fr/m1', 'c-fr/m2']);
    expect(search(db, 'abc123')).toEqual(['c-fr/m1', 'c-fr/m2']);
    expect(search(db, 'lookup_order')).toEqual(['c-fr/m1']);
  });

  it('indexes tool results, audio transcripts, prefixes and quoted phrases', () => {
    expect(search(db, 'courier')).toEqual(['c-fr/m2']);
    expect(search(db, 'spoken')).toEqual(['c-ja/j1']);
    expect(search(db, 'cour*')).toEqual(['c-fr/m2']);
    expect(search(db, '"shipped by"')).toEqual(['c-fr/m2']);
    expect(search(db, '"by shipped"')).toEqual([]);
    expect(search(db, 'shipped gare')).toEqual([]);
  });

  it('follows the data: replacing or removing a completion replaces or removes its text', () => {
    const writer = createWriter(db);
    db.transaction(() =>
      writer.put(
        completion('c-fr', { role: 'assistant', content: 'ok' }),
        arrayMessages([{ id: 'n0', role: 'user', content: 'order A-1042 again' }]),
      ),
    )();
    expect(search(db, 'A-1042')).toEqual(['c-fr/n0']);
    expect(search(db, 'cafe')).toEqual([]);
    expect(search(db, 'sur')).toEqual([]);
    expect(writer.remove('c-fr')).toBe(true);
    expect(search(db, 'A-1042')).toEqual([]);
    expect(writer.remove('c-fr')).toBe(false);
    expect(search(db, '東京')).toEqual(['c-ja/j0']);
  });
});

describe('search text', () => {
  it('takes every visible text of a message', () => {
    expect(
      messageTexts({
        content: [
          { type: 'text', text: 'a' },
          { type: 'image_url', image_url: { url: 'http://x' } },
        ],
        refusal: 'b',
        tool_calls: [{ id: 'call_1', type: 'custom', custom: { name: 'c', input: 'd' } }],
        function_call: { name: 'e', arguments: 'f' },
      }),
    ).toEqual(['a', 'b', 'call_1', 'c', 'd', 'e', 'f']);
    expect(messageTexts(null)).toEqual([]);
  });

  it('spaces CJK characters apart, leaving other text alone', () => {
    expect(spaceCjk('私は東京 in Tokyo')).toBe(' 私 は 東 京 in Tokyo');
    expect(ftsQuery('東京 "a b" x* say"')).toBe('"東 京" AND "a b" AND "x" * AND "say"');
  });
});
