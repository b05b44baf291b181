/**
 * What people type into the search box, made safe for FTS5, and the snippets that show where it
 * was found.
 *
 * Query syntax (whitespace separates terms):
 * - `word word`: every term must occur (AND), in the same message: each message (and the
 *   answer) is matched alone, search.ts groups them per completion. An uppercase `AND`
 *   between terms is allowed and changes nothing.
 * - `"quoted phrase"`: the words in this order, next to each other. An unbalanced quote runs
 *   to the end of the input.
 * - `prefix*`: a word starting with `prefix` (also at the end of a phrase: `"refund pol*"`).
 * - `a OR b`: either term (uppercase `OR` between two terms; chains: `a OR b OR c`).
 * - `-word`, `-"a phrase"`: messages with it are left out.
 * - Anything else is text: punctuation splits a term into words that must occur as a phrase
 *   (`A-1042` finds "order A-1042", `call_abc123`, `user@example.com`), and FTS5's own syntax
 *   (`NEAR(`, `NOT`, `:`, `^`, `+`, parentheses) is taken literally. Every word is quoted in the
 *   MATCH expression, so no input makes an FTS5 syntax error.
 * - Case and accents do not matter ("cafe" finds "CAFÉ"); CJK text is matched character by
 *   character as a phrase, so a word inside a sentence with no spaces is found.
 * Punctuation, symbols and emoji are not indexed (FTS5's unicode61 tokenizer treats them as
 * separators): a query with no words at all has nothing to search for.
 */
import { CJK_CLASS } from './search-text.ts';

/**
 * The combining marks unicode61 keeps inside a word (and folds away): Latin diacritics, as
 * measured on SQLite's FTS5. Every other mark separates words there (Arabic harakat, Hebrew
 * points, Indic vowel signs), so it does here too: both sides then cut the same words.
 */
const DIACRITICS =
  '\\u0300-\\u0304\\u0306-\\u030c\\u030f\\u0311\\u031b\\u0323-\\u0328\\u032d\\u032e\\u0330\\u0331';
const WORD_CHAR = `\\p{L}\\p{N}\\p{Co}${DIACRITICS}`;

/**
 * Words as FTS5's unicode61 tokenizer cuts them (letters, digits, private use and the
 * diacritics above), but one CJK character each (search-text.ts spaces them apart on the index
 * side).
 */
const TOKEN = new RegExp(`[${CJK_CLASS}]|(?:(?![${CJK_CLASS}])[${WORD_CHAR}])+`, 'gu');
const TRAILING_MARKS = /^\p{M}+/u;
const ENDS_IN_PREFIX = new RegExp(`[${WORD_CHAR}]\\s*\\*+\\s*$`, 'u');

export interface Token {
  /** As written. */
  text: string;
  /** Case- and accent-folded. */
  word: string;
  start: number;
  end: number;
}

/** Lowercase without diacritics, as `remove_diacritics 2` compares words. */
export const fold = (word: string) =>
  word.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC').toLowerCase();

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const word = fold(m[0]);
    if (word !== '') tokens.push({ text: m[0], word, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Words that must occur next to each other, the last one possibly as a prefix. */
export interface Phrase {
  /** As typed (FTS5 folds them itself). */
  words: string[];
  prefix: boolean;
}

export interface ParsedQuery {
  /** All groups must match; a group matches when one of its phrases does. */
  groups: Phrase[][];
  /** None may match (in the same message). */
  excluded: Phrase[];
}

interface Term {
  phrase: Phrase;
  negated: boolean;
  /** A bare OR / AND keyword (not quoted). */
  keyword?: 'OR' | 'AND';
}

function lexTerms(input: string): Term[] {
  const terms: Term[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[3] !== undefined) {
      let raw = m[3];
      if (raw === 'OR' || raw === 'AND') {
        terms.push({ phrase: { words: [], prefix: false }, negated: false, keyword: raw });
        continue;
      }
      // A "-" right before a quote or a word excludes it; "x-y" and a lone "-" are text.
      const negated = raw.length > 1 && raw.startsWith('-');
      if (negated) raw = raw.slice(1);
      // `word"rest`: the quote starts a phrase; the word before it is a term of its own.
      const quote = raw.indexOf('"');
      if (quote > 0) {
        re.lastIndex = m.index + (m[3].length - raw.length) + quote;
        raw = raw.slice(0, quote);
      }
      const prefix = ENDS_IN_PREFIX.test(raw);
      terms.push({ phrase: { words: tokenize(raw).map((t) => t.text), prefix }, negated });
    } else {
      const text = m[2]!;
      const prefix = ENDS_IN_PREFIX.test(text);
      terms.push({ phrase: { words: tokenize(text).map((t) => t.text), prefix }, negated: !!m[1] });
    }
  }
  return terms;
}

export function parseQuery(input: string): ParsedQuery {
  const groups: Phrase[][] = [];
  const excluded: Phrase[] = [];
  let joinNext = false;
  for (const term of lexTerms(input)) {
    if (term.keyword === 'OR') {
      joinNext = groups.length > 0;
      continue;
    }
    if (term.keyword === 'AND') {
      joinNext = false;
      continue;
    }
    if (term.phrase.words.length === 0) continue;
    if (term.negated) {
      excluded.push(term.phrase);
      joinNext = false;
    } else if (joinNext) {
      groups[groups.length - 1]!.push(term.phrase);
      joinNext = false;
    } else {
      groups.push([term.phrase]);
    }
  }
  return { groups, excluded };
}

/** A phrase as an FTS5 string ("…" with quotes doubled; the tokenizer folds it). */
function ftsPhrase(phrase: Phrase): string {
  return `"${phrase.words.join(' ').replace(/"/g, '""')}"${phrase.prefix ? ' *' : ''}`;
}

/**
 * The FTS5 MATCH expression of a parsed query, or null when it has nothing to look for (no
 * words, or only exclusions, which FTS5 cannot express alone).
 */
export function toFtsExpression(query: ParsedQuery): string | null {
  if (query.groups.length === 0) return null;
  const positive = query.groups
    .map((group) =>
      group.length === 1 ? ftsPhrase(group[0]!) : `(${group.map(ftsPhrase).join(' OR ')})`,
    )
    .join(' AND ');
  if (query.excluded.length === 0) return positive;
  return `(${positive}) NOT (${query.excluded.map(ftsPhrase).join(' OR ')})`;
}

/** What the user typed as an FTS5 MATCH expression ('' when there is nothing to look for). */
export const ftsQuery = (input: string): string => toFtsExpression(parseQuery(input)) ?? '';

/** A piece of a snippet: text as it is in the message, and whether it is a match. */
export interface Segment {
  text: string;
  match: boolean;
}

/** Where the query's (non-excluded) phrases occur in a text: [start, end) ranges, in order. */
export function matchRanges(text: string, query: ParsedQuery): [number, number][] {
  const phrases = query.groups.flat().map((p) => ({ ...p, words: p.words.map(fold) }));
  const tokens = tokenize(text);
  const ranges: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    let longest = 0;
    for (const { words, prefix } of phrases) {
      if (words.length <= longest || i + words.length > tokens.length) continue;
      const ok = words.every((w, k) => {
        const token = tokens[i + k]!.word;
        return prefix && k === words.length - 1 ? token.startsWith(w) : token === w;
      });
      if (ok) longest = words.length;
    }
    if (longest > 0) {
      // A mark the tokenizer left out (an Indic vowel sign, harakat) still belongs to the word.
      const end = tokens[i + longest - 1]!.end;
      ranges.push([
        tokens[i]!.start,
        end + (TRAILING_MARKS.exec(text.slice(end))?.[0].length ?? 0),
      ]);
      i += longest - 1;
    }
  }
  // Adjacent CJK characters matched one phrase after another make one mark.
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && last[1] === r[0]) last[1] = r[1];
    else merged.push(r);
  }
  return merged;
}

/**
 * A snippet of `text` around the first match, about `width` characters long (whitespace
 * collapsed, "…" where it was cut), with every match in it marked. No match: the text's start.
 */
export function snippet(text: string, query: ParsedQuery, width = 160): Segment[] {
  const ranges = matchRanges(text, query);
  const first = ranges[0];
  let start = 0;
  if (first) {
    const before = Math.floor((width - (first[1] - first[0])) / 3);
    start = Math.max(0, first[0] - Math.max(before, 0));
    // Start at a word boundary when one is near.
    if (start > 0) {
      const space = text.slice(start, first[0]).search(/\s/);
      if (space >= 0) start += space + 1;
    }
  }
  let end = Math.min(text.length, Math.max(start + width, first ? first[1] : 0));
  if (end < text.length) {
    const space = text.slice(first ? Math.max(first[1], end - 20) : end - 20, end).search(/\s\S*$/);
    if (space >= 0) end = (first ? Math.max(first[1], end - 20) : end - 20) + space;
  }
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  const segments: Segment[] = [];
  const push = (s: string, match: boolean) => {
    if (s === '') return;
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += s;
    else segments.push({ text: s, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start || a >= end) continue;
    push(clean(text.slice(at, Math.max(at, a))), false);
    push(clean(text.slice(Math.max(a, start), Math.min(b, end))), true);
    at = Math.min(b, end);
  }
  push(clean(text.slice(at, end)), false);
  if (end < text.length) push('…', false);
  return segments;
}
