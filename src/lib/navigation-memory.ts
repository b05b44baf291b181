/**
 * Where the reader was, kept for this tab's lifetime: the list URL to go back to (after a delete,
 * or from a conversation's "back to list"), and the list's scroll position and active row per
 * filter set, so coming back lands exactly where they left.
 */
let listHref = '/';
const listPositions = new Map<string, { offset: number; activeIndex: number }>();

export function rememberListHref(href: string): void {
  listHref = href;
}

export function lastListHref(): string {
  return listHref;
}

export function rememberListPosition(key: string, offset: number, activeIndex: number): void {
  listPositions.set(key, { offset, activeIndex });
}

export function listPosition(key: string): { offset: number; activeIndex: number } | undefined {
  return listPositions.get(key);
}
