import type { Json, MessageItem } from '@/api/types.ts';

/**
 * Find in conversation, on the data: what a message holds as searchable text, and how often a
 * term occurs in it. Counting happens here, never in the DOM (most rows are not rendered).
 */

/** Between two fields of a message, so a match never spans them. */
const FIELD_SEPARATOR = '\u0000';

const haystacks = new WeakMap<MessageItem, string>();

/**
 * Everything of a message a reader can search, lowercased: text content and text parts, the
 * refusal, tool calls (names and arguments; a custom tool's input; the legacy `function_call`),
 * tool and function results (their content), an audio transcript, unknown parts as their JSON;
 * a message that could not be read, as the JSON it is shown as. Cached per item: pages keep
 * their items, so each message is lowercased once however many terms are tried.
 */
export function messageHaystack(item: MessageItem): string {
  let haystack = haystacks.get(item);
  if (haystack === undefined) {
    haystack = buildHaystack(item).join(FIELD_SEPARATOR).toLowerCase();
    haystacks.set(item, haystack);
  }
  return haystack;
}

function json(value: Json | undefined): string {
  return JSON.stringify(value ?? null);
}

function buildHaystack(item: MessageItem): string[] {
  if (!item.ok) return [json(item.raw)];
  const { message } = item;
  const fields: string[] = [];
  // As shown: the parts when there are any (stored messages repeat their text parts in
  // `content`, which would count every hit twice), else the text.
  if (message.contentParts) {
    for (const part of message.contentParts) {
      if (part.type === 'text' && 'text' in part) fields.push(part.text);
      // Image URLs (often megabytes of base64) are not text a reader looks for.
      else if ('raw' in part) fields.push(json(part.raw));
    }
  } else if (message.content) fields.push(message.content);
  if (message.refusal) fields.push(message.refusal);
  for (const call of message.toolCalls) {
    if (call.function) fields.push(call.function.name, call.function.arguments);
    if (call.custom) fields.push(call.custom.name, call.custom.input);
    if (!call.function && !call.custom) fields.push(json(call.raw));
  }
  const audio = message.extra.audio;
  if (audio && typeof audio === 'object' && !Array.isArray(audio)) {
    if (typeof audio.transcript === 'string') fields.push(audio.transcript);
  }
  return fields;
}

/**
 * The term as it is matched: lowercased, without the field separator (no one types it; a URL
 * could carry it); '' (no search) when only whitespace is left.
 */
export function normalizeTerm(term: string): string {
  const cleaned = term.split(FIELD_SEPARATOR).join('');
  return cleaned.trim() === '' ? '' : cleaned.toLowerCase();
}

/** Non-overlapping occurrences of `needle` (already lowercased) in `haystack`. */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') return 0;
  let count = 0;
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  ) {
    count += 1;
  }
  return count;
}

/** A row of the conversation that can hold hits: a message, or a choice of the answer. */
export interface SearchableRow {
  key: string;
  item: MessageItem;
}

/** The rows with at least one hit, in reading order, and the total number of hits. */
export interface FindResults {
  needle: string;
  entries: { key: string; count: number }[];
  /** Hits per row key (only rows with hits). */
  counts: Map<string, number>;
  total: number;
}

export const noResults: FindResults = { needle: '', entries: [], counts: new Map(), total: 0 };

/**
 * Counts `needle` in every row. `cache` (per needle) keeps the count of rows already seen, so a
 * page arriving costs only its own messages.
 */
export function findInRows(
  rows: readonly SearchableRow[],
  needle: string,
  cache: WeakMap<MessageItem, number> = new WeakMap(),
): FindResults {
  if (needle === '') return noResults;
  const entries: FindResults['entries'] = [];
  const counts = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    let count = cache.get(row.item);
    if (count === undefined) {
      count = countOccurrences(messageHaystack(row.item), needle);
      cache.set(row.item, count);
    }
    if (count === 0) continue;
    entries.push({ key: row.key, count });
    counts.set(row.key, count);
    total += count;
  }
  return { needle, entries, counts, total };
}

/** One hit: the row it is in, and which of that row's occurrences (from 0). */
export interface Hit {
  key: string;
  occurrence: number;
}

/** The 1-based position of `hit` among all hits; 0 when it isn't one. */
export function hitPosition(results: FindResults, hit: Hit | null): number {
  if (!hit) return 0;
  let before = 0;
  for (const entry of results.entries) {
    if (entry.key === hit.key) {
      return hit.occurrence < entry.count ? before + hit.occurrence + 1 : 0;
    }
    before += entry.count;
  }
  return 0;
}

/**
 * The hit after (or before) `hit` among the loaded rows, or null at the end (the caller decides
 * whether to load more or wrap around). With no current hit, the first (or last).
 */
export function adjacentHit(
  results: FindResults,
  hit: Hit | null,
  direction: 'forward' | 'backward',
): Hit | null {
  const { entries } = results;
  if (entries.length === 0) return null;
  const at = hit ? entries.findIndex((entry) => entry.key === hit.key) : -1;
  if (direction === 'forward') {
    const entry = entries[at];
    if (hit && entry && hit.occurrence + 1 < entry.count) {
      return { key: hit.key, occurrence: hit.occurrence + 1 };
    }
    const next = hit && at === -1 ? undefined : entries[at + 1];
    return next ? { key: next.key, occurrence: 0 } : null;
  }
  if (hit && at >= 0 && hit.occurrence > 0) {
    return { key: hit.key, occurrence: Math.min(hit.occurrence - 1, entries[at]!.count - 1) };
  }
  const previous = hit ? (at > 0 ? entries[at - 1] : undefined) : entries[entries.length - 1];
  return previous ? { key: previous.key, occurrence: previous.count - 1 } : null;
}

/** The first (or last) hit of all: where stepping wraps around to. */
export function edgeHit(results: FindResults, direction: 'forward' | 'backward'): Hit | null {
  return adjacentHit(results, null, direction);
}

/**
 * Ranges of `needle` (lowercased) in `text` as offsets into `text` itself. Lowercasing can change
 * a string's length ("İ" becomes two code units), so offsets are mapped back character by
 * character when it does.
 */
export function findRanges(text: string, needle: string): [number, number][] {
  if (needle === '') return [];
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  if (lower.length === text.length) {
    for (
      let at = lower.indexOf(needle);
      at !== -1;
      at = lower.indexOf(needle, at + needle.length)
    ) {
      ranges.push([at, at + needle.length]);
    }
    return ranges;
  }
  // For each code unit of `lower`: where its character starts and ends in `text`.
  const starts: number[] = [];
  const ends: number[] = [];
  let folded = '';
  for (let i = 0; i < text.length;) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const piece = String.fromCodePoint(codePoint).toLowerCase();
    for (let k = 0; k < piece.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    folded += piece;
    i += width;
  }
  for (
    let at = folded.indexOf(needle);
    at !== -1;
    at = folded.indexOf(needle, at + needle.length)
  ) {
    ranges.push([starts[at]!, ends[at + needle.length - 1]!]);
  }
  return ranges;
}
