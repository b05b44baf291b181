/**
 * url_citation annotations: which span of a message's text each one cites, and how to show it.
 *
 * Indices: OpenAI's docs only say "the index of the first/last character of the URL citation in
 * the message". In practice the API (written in Python) counts Unicode code points, and the end
 * is exclusive: Python's `text[start_index:end_index]` is the cited text (usually a markdown link
 * the model wrote, e.g. `([example.com](https://example.com/…))`). JavaScript strings count UTF-16
 * code units, so a text with an astral character (most emoji) before a span would be off by one
 * per such character if sliced directly: indices are converted from code points here.
 *
 * Nothing here throws on bad data: missing, non-integer, negative, reversed or out-of-range
 * indices leave the citation unplaced (still listed under Sources); an end past the text is
 * clamped to its end; overlapping spans are all listed, and the first one wins where a single
 * link must be chosen.
 */
import type { Json } from '@/api/types.ts';
import { linkDestination } from '../export/markdown-syntax.ts';
import { safeLinkHref } from '../markdown/safe-link.ts';

export interface UrlCitation {
  /** 1-based, in annotation order among url citations: the number shown under Sources. */
  number: number;
  url: string;
  title: string | null;
  startIndex: number | null;
  endIndex: number | null;
}

function isObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Splits `annotations` into well-formed url citations and anything else (kept as JSON). */
export function readAnnotations(annotations: Json | undefined): {
  citations: UrlCitation[];
  others: Json[];
} {
  const citations: UrlCitation[] = [];
  const others: Json[] = [];
  if (annotations == null) return { citations, others };
  if (!Array.isArray(annotations)) return { citations, others: [annotations] };
  for (const item of annotations) {
    const body = isObject(item) && item.type === 'url_citation' ? item.url_citation : undefined;
    if (!isObject(body) || typeof body.url !== 'string') {
      others.push(item);
      continue;
    }
    const index = (value: Json | undefined) =>
      typeof value === 'number' && Number.isInteger(value) ? value : null;
    citations.push({
      number: citations.length + 1,
      url: body.url,
      title: typeof body.title === 'string' && body.title.trim() !== '' ? body.title : null,
      startIndex: index(body.start_index),
      endIndex: index(body.end_index),
    });
  }
  return { citations, others };
}

/**
 * Maps code-point indices of `text` to UTF-16 offsets. `null` past the end. A text without
 * surrogates (most) needs no table.
 */
export function codePointToUtf16(text: string): (index: number) => number | null {
  if (!/[\uD800-\uDFFF]/.test(text)) {
    return (index) => (index >= 0 && index <= text.length ? index : null);
  }
  const offsets: number[] = [];
  for (let i = 0; i < text.length;) {
    offsets.push(i);
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
  }
  offsets.push(text.length);
  return (index) => (index >= 0 && index < offsets.length ? offsets[index]! : null);
}

export type SpanProblem = 'no-text' | 'no-indices' | 'out-of-range' | 'empty';

export interface ResolvedCitation extends UrlCitation {
  /** The link target when the URL may be a link (http, https, mailto); null otherwise. */
  href: string | null;
  /** The cited span as UTF-16 offsets [from, to) into the text, when it lies in the text. */
  span: { from: number; to: number } | null;
  problem: SpanProblem | null;
}

/** Resolves each citation's span against `text` (null when the message has no text). */
export function resolveCitations(
  text: string | null,
  citations: readonly UrlCitation[],
): ResolvedCitation[] {
  const toUtf16 = text == null ? null : codePointToUtf16(text);
  return citations.map((citation) => {
    const href = safeLinkHref(citation.url);
    const unplaced = (problem: SpanProblem): ResolvedCitation => ({
      ...citation,
      href,
      span: null,
      problem,
    });
    if (text == null || toUtf16 == null) return unplaced('no-text');
    const { startIndex: start, endIndex: end } = citation;
    if (start == null || end == null) return unplaced('no-indices');
    if (end === start) return unplaced('empty');
    const from = toUtf16(start);
    if (from == null || end < start || from >= text.length) return unplaced('out-of-range');
    const to = toUtf16(end) ?? text.length; // an end past the text: clamped
    return { ...citation, href, span: { from, to }, problem: null };
  });
}

/** The cited text, for display (null when the citation has no span in the text). */
export function citedText(text: string | null, citation: ResolvedCitation): string | null {
  return text != null && citation.span ? text.slice(citation.span.from, citation.span.to) : null;
}

export interface TextSegment {
  text: string;
  /** The citation this segment links to: the first (lowest number) covering it with a link. */
  citation: ResolvedCitation | null;
}

/** Splits plain text at citation boundaries; overlapping spans link to the first citation. */
export function citationSegments(
  text: string,
  citations: readonly ResolvedCitation[],
): TextSegment[] {
  const linkable = citations.filter((c) => c.span && c.href);
  if (linkable.length === 0) return [{ text, citation: null }];
  const cuts = new Set([0, text.length]);
  for (const c of linkable) {
    cuts.add(c.span!.from);
    cuts.add(c.span!.to);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    if (to <= from) continue;
    const covering = linkable.find((c) => c.span!.from <= from && c.span!.to >= to) ?? null;
    const last = segments.at(-1);
    if (last && last.citation === covering) last.text += text.slice(from, to);
    else segments.push({ text: text.slice(from, to), citation: covering });
  }
  return segments;
}

// --- markdown ------------------------------------------------------------------------------

/**
 * Why a citation's span was not turned into a link in the markdown source: it already lies in
 * a link (how search models usually cite) or in code, it overlaps an earlier citation, or the
 * markdown around it could be changed by adding one.
 */
export type InlineOutcome =
  'linked' | 'in-link' | 'in-code' | 'overlap' | 'markup' | 'unsafe-url' | 'unplaced';

type Range = { from: number; to: number; kind: 'code' | 'link' };

/** Where each opening bracket closes (nested, backslash escapes skipped), in one pass. */
function matchingPairs(text: string, opener: string, closer: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === opener) stack.push(i);
    else if (c === closer && stack.length > 0) pairs.set(stack.pop()!, i);
  }
  return pairs;
}

const fenceOpen = /^(?:[ \t]*>)*[ \t]{0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Source ranges a link must not be inserted into or across: fenced and indented code, inline
 * code spans, links and images, autolinks and bare URLs. Conservative by design: a wrong "yes"
 * only lists a citation under Sources instead of linking it in the text.
 */
export function protectedRanges(text: string): Range[] {
  const ranges: Range[] = [];
  // Lines: fenced code blocks (also inside quotes) and indented lines (maybe code).
  let offset = 0;
  let fence: { char: string; length: number; from: number } | null = null;
  for (const line of text.split('\n')) {
    const end = offset + line.length;
    if (fence) {
      const close = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        ranges.push({ from: fence.from, to: end, kind: 'code' });
        fence = null;
      }
    } else {
      const open = fenceOpen.exec(line);
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length, from: offset };
      } else if (/^(?: {4}|\t)/.test(line)) {
        ranges.push({ from: offset, to: end, kind: 'code' });
      }
    }
    offset = end + 1;
  }
  if (fence) ranges.push({ from: fence.from, to: text.length, kind: 'code' });

  // Inline code spans: a backtick run closed by the next run of the same length.
  const runs = [...text.matchAll(/`+/g)];
  const nextSameLength: number[] = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const length = runs[i]![0].length;
    nextSameLength[i] = seen.get(length) ?? -1;
    seen.set(length, i);
  }
  for (let i = 0; i < runs.length; i++) {
    const closeAt = nextSameLength[i]!;
    if (closeAt < 0) continue;
    const open = runs[i]!;
    const close = runs[closeAt]!;
    ranges.push({ from: open.index, to: close.index + close[0].length, kind: 'code' });
    i = closeAt;
  }

  // Links and images: "[" … "]" with what follows it ("(…)" or "[…]"), brackets nested. An
  // unmatched "[" is plain text. Brackets are paired in one pass: linear on any input.
  const brackets = matchingPairs(text, '[', ']');
  const parens = matchingPairs(text, '(', ')');
  for (const [open, close] of brackets) {
    const from = open > 0 && text[open - 1] === '!' ? open - 1 : open;
    const next = text[close + 1];
    const after =
      next === '(' ? parens.get(close + 1) : next === '[' ? brackets.get(close + 1) : undefined;
    ranges.push({ from, to: (after ?? close) + 1, kind: 'link' });
  }

  // Autolinks and bare URLs or emails (which linkify would turn into links).
  for (const match of text.matchAll(
    /<[^<>\s]+>|\b(?:https?:\/\/|www\.|mailto:)[^\s<]*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi,
  )) {
    ranges.push({ from: match.index, to: match.index + match[0].length, kind: 'link' });
  }
  return ranges;
}

/** Characters that make a span unsafe to wrap as link text (brackets, code, emphasis, tables…). */
const markupInSpan = /[[\]`<>\\|*~\n\r]|(?:^|\W)_|_(?:\W|$)/;
/** A block marker right at the start of a line: wrapping it would change the block. */
const blockMarker = /^(?:#|[-+=>]|\d{1,9}[.)])/;

function linkTitle(title: string): string {
  return `"${title.replace(/[\\"]/g, '\\$&').replace(/\s+/g, ' ')}"`;
}

/**
 * Wraps each citable span of a markdown text into a markdown link to its source, where that is
 * safe: the span lies in the text, has an allowed URL, is not in code or a link, does not
 * overlap a citation already linked, and wrapping it cannot change the markup around it.
 * Returns the new markdown and what happened to each citation (by number).
 */
export function linkCitationsInMarkdown(
  text: string,
  citations: readonly ResolvedCitation[],
): { markdown: string; outcomes: Map<number, InlineOutcome> } {
  const outcomes = new Map<number, InlineOutcome>();
  const ranges = protectedRanges(text);
  const accepted: ResolvedCitation[] = [];
  for (const citation of citations) {
    const { span } = citation;
    if (!span) {
      outcomes.set(citation.number, 'unplaced');
      continue;
    }
    if (!citation.href) {
      outcomes.set(citation.number, 'unsafe-url');
      continue;
    }
    const hit = ranges.find((r) => r.from < span.to && span.from < r.to);
    if (hit) {
      outcomes.set(citation.number, hit.kind === 'code' ? 'in-code' : 'in-link');
      continue;
    }
    if (accepted.some((c) => c.span!.from < span.to && span.from < c.span!.to)) {
      outcomes.set(citation.number, 'overlap');
      continue;
    }
    const spanText = text.slice(span.from, span.to);
    const before = text[span.from - 1];
    const lineStart = text.lastIndexOf('\n', span.from - 1) + 1;
    const atLineStart = text.slice(lineStart, span.from).trim() === '';
    if (
      spanText.trim() === '' ||
      markupInSpan.test(spanText) ||
      before === '!' ||
      before === '\\' ||
      (atLineStart && blockMarker.test(spanText))
    ) {
      outcomes.set(citation.number, 'markup');
      continue;
    }
    accepted.push(citation);
    outcomes.set(citation.number, 'linked');
  }
  let markdown = text;
  for (const citation of [...accepted].sort((a, b) => b.span!.from - a.span!.from)) {
    const { from, to } = citation.span!;
    const title = citation.title ? ` ${linkTitle(citation.title)}` : '';
    markdown = `${markdown.slice(0, from)}[${markdown.slice(from, to)}](${linkDestination(citation.href!)}${title})${markdown.slice(to)}`;
  }
  return { markdown, outcomes };
}
