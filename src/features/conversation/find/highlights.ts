import { findRanges } from './match.ts';

/**
 * Painting find hits in the rendered rows with the CSS Custom Highlight API: no DOM changes, so
 * React's rows are never touched. Where the API is missing, rows with hits get an outline.
 */

export const HIT_HIGHLIGHT = 'find-hit';
export const CURRENT_HIGHLIGHT = 'find-current';

export function highlightsSupported(): boolean {
  return (
    typeof CSS !== 'undefined' && 'highlights' in CSS && typeof globalThis.Highlight === 'function'
  );
}

/** Text a reader doesn't search: message headers (role, label, id), buttons, marked chrome. */
const SKIPPED = 'header, button, script, style, [data-find-skip]';

/** Every occurrence of `needle` in the text of `root`, as DOM ranges (matches may span nodes). */
export function rangesIn(root: Element, needle: string): Range[] {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let text = '';
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest(SKIPPED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (data === '') continue;
    nodes.push(node as Text);
    starts.push(text.length);
    text += data;
  }
  if (nodes.length === 0) return [];
  // The node holding character `offset` (the last node starting at or before it).
  const locate = (offset: number): [Text, number] => {
    let low = 0;
    let high = nodes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return [nodes[low]!, offset - starts[low]!];
  };
  return findRanges(text, needle).map(([start, end]) => {
    const range = root.ownerDocument.createRange();
    const [startNode, startOffset] = locate(start);
    const [endNode, endOffset] = locate(end - 1);
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset + 1);
    return range;
  });
}

export interface PaintInput {
  container: HTMLElement;
  needle: string;
  /** Hits per row key, from the data: rows without hits are not walked. */
  counts: ReadonlyMap<string, number>;
  current: { key: string; occurrence: number } | null;
}

/**
 * Highlights every hit in the rows rendered in `container`, and the current one distinctly.
 * Returns the current hit's range (null when it isn't rendered, or without the API).
 */
export function paintHits({ container, needle, counts, current }: PaintInput): Range | null {
  const supported = highlightsSupported();
  const hits: Range[] = [];
  let currentRange: Range | null = null;
  for (const row of container.querySelectorAll<HTMLElement>('[data-row-key]')) {
    const key = row.dataset.rowKey ?? '';
    const hasHits = needle !== '' && counts.has(key);
    const isCurrent = hasHits && current?.key === key;
    if (!supported) {
      // The fallback: outline the message (see find.css).
      row.toggleAttribute('data-find-hit', hasHits);
      row.toggleAttribute('data-find-current', isCurrent);
      continue;
    }
    if (!hasHits) continue;
    const ranges = rangesIn(row, needle);
    hits.push(...ranges);
    if (isCurrent && current && ranges.length > 0) {
      // The data and the rendering can count differently (markdown hides `**`): the nth
      // rendered occurrence, or the last one.
      currentRange = ranges[Math.min(current.occurrence, ranges.length - 1)]!;
    }
  }
  if (supported) {
    if (hits.length > 0) CSS.highlights.set(HIT_HIGHLIGHT, new Highlight(...hits));
    else CSS.highlights.delete(HIT_HIGHLIGHT);
    if (currentRange) {
      const highlight = new Highlight(currentRange);
      highlight.priority = 1;
      CSS.highlights.set(CURRENT_HIGHLIGHT, highlight);
    } else CSS.highlights.delete(CURRENT_HIGHLIGHT);
  }
  return currentRange;
}

export function clearHits(container: HTMLElement | null) {
  if (highlightsSupported()) {
    CSS.highlights.delete(HIT_HIGHLIGHT);
    CSS.highlights.delete(CURRENT_HIGHLIGHT);
  }
  for (const row of container?.querySelectorAll('[data-find-hit], [data-find-current]') ?? []) {
    row.removeAttribute('data-find-hit');
    row.removeAttribute('data-find-current');
  }
}

/** Scrolls `container` so `range` is in view (a third from the top), if it isn't already. */
export function scrollRangeIntoView(container: HTMLElement, range: Range) {
  const rect = range.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return; // collapsed or hidden
  const view = container.getBoundingClientRect();
  if (rect.top >= view.top + 8 && rect.bottom <= view.bottom - 64) return;
  container.scrollTop += rect.top - (view.top + view.height / 3);
}
