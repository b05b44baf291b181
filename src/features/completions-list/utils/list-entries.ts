import type { CursorPage, StoredCompletion, UnreadableItem } from '@/api/types.ts';

/** A row of the list: a stored completion, or an element of a page that could not be read. */
export type ListEntry =
  | { kind: 'completion'; key: string; completion: StoredCompletion }
  | { kind: 'unreadable'; key: string; item: UnreadableItem };

/**
 * The list's rows in the order the API answered them: the completions, and in place the
 * elements that could not be read (so they show where they were, not vanish). Keys are the
 * completion ids, made unique: the API may answer an id twice (across pages, or in one), and
 * React and the virtualizer need one key per row; a repeat gets "#2", "#3"… ("more" is the
 * loader row's key).
 */
export function listEntries(pages: readonly CursorPage<StoredCompletion>[]): ListEntry[] {
  const entries: ListEntry[] = [];
  const seen = new Set<string>(['more']);
  const unique = (base: string) => {
    let key = base;
    for (let n = 2; seen.has(key); n++) key = `${base}#${n}`;
    seen.add(key);
    return key;
  };
  pages.forEach((page, pageIndex) => {
    const unreadable = [...(page.unreadable ?? [])].sort((a, b) => a.position - b.position);
    const addUnreadable = (item: UnreadableItem) =>
      entries.push({
        kind: 'unreadable',
        key: unique(`unreadable:${pageIndex}:${item.position}`),
        item,
      });
    let position = 0;
    for (const completion of page.data) {
      while (unreadable[0] && unreadable[0].position <= position) {
        addUnreadable(unreadable.shift()!);
        position += 1;
      }
      entries.push({ kind: 'completion', key: unique(completion.id), completion });
      position += 1;
    }
    unreadable.forEach(addUnreadable);
  });
  return entries;
}
