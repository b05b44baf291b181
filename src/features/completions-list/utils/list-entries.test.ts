import { describe, expect, it } from 'vitest';
import { parseCompletionsPage } from '@/api/parse.ts';
import type { CursorPage, StoredCompletion } from '@/api/types.ts';
import { listEntries } from './list-entries.ts';

function page(data: unknown[]): CursorPage<StoredCompletion> {
  const parsed = parseCompletionsPage({ object: 'list', data, has_more: false });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

const c = (id: string) => ({ id, model: 'm', choices: [] });

describe('listEntries', () => {
  it('keeps completions in order, keyed by id', () => {
    const entries = listEntries([page([c('a'), c('b')]), page([c('c')])]);
    expect(entries.map((e) => e.key)).toEqual(['a', 'b', 'c']);
  });

  // Found by the schema fuzz (wrong-types family): completions without an id vanished from the
  // list without a word; they are now rows of their own, where they were.
  it('puts unreadable elements back where they were, with the reason', () => {
    const entries = listEntries([page([null, c('a'), { id: 5 }, 'x', c('b'), {}])]);
    expect(
      entries.map((e) => (e.kind === 'completion' ? e.completion.id : e.item.position)),
    ).toEqual([0, 'a', 2, 3, 'b', 5]);
    const first = entries[0];
    expect(first?.kind === 'unreadable' && first.item.reason).toMatch(/not a JSON object/);
  });

  // Found by the schema fuzz (duplicate-ids family): an id repeated across pages gave two rows
  // one key, and the list drew one row twice.
  it('makes keys unique: repeats get a suffix, and no row takes the loader row key', () => {
    const entries = listEntries([
      page([c('a'), c('b'), c('a')]),
      page([c('a#2'), c('a'), c('more')]),
    ]);
    expect(entries.map((e) => e.key)).toEqual(['a', 'b', 'a#2', 'a#2#2', 'a#3', 'more#2']);
  });
});
