import {
  elementScroll,
  measureElement,
  type Rect,
  type VirtualItem,
  type VirtualizerOptions,
  type Virtualizer,
} from '@tanstack/react-virtual';

/*
 * Virtualizer options that never read layout while React commits. TanStack Virtual's defaults
 * read the scroll element's size and write its scroll offset when it mounts, and read each new
 * row's height when it is attached; each forces the browser to lay out the whole page inside the commit, so a render and its
 * layout become one long task. Here sizes come from ResizeObservers, which report right after
 * the browser's own layout in the same frame: the commit and the layout stay separate tasks.
 */

/** The scroll element's size, from a ResizeObserver only (its first report follows layout). */
export function observeRectAfterLayout<T extends Element>(
  instance: Virtualizer<T, Element>,
  report: (rect: Rect) => void,
): (() => void) | undefined {
  const element = instance.scrollElement as unknown as HTMLElement | null;
  if (!element) return undefined;
  const rect = () => ({ width: element.clientWidth, height: element.clientHeight });
  const Observer = element.ownerDocument.defaultView?.ResizeObserver;
  if (!Observer) {
    report(rect());
    return () => {};
  }
  const observer = new Observer(() => report(rect()));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * A row's size from its ResizeObserver entry; when a row is first attached (no entry yet), its
 * cached or estimated size, until the observer reports it in the same frame.
 */
export function measureRowAfterLayout<T extends Element>(
  element: Element,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<T, Element>,
): number {
  if (entry) return measureElement(element, entry, instance);
  const index = instance.indexFromElement(element);
  const cached = instance.itemSizeCache.get(instance.options.getItemKey(index));
  return cached ?? instance.options.estimateSize(index);
}

const written = new WeakSet<Element>();

/**
 * Scrolls the element, except for the virtualizer's first write when it mounts a new element at
 * offset 0: the element is already there, and writing scrollTop forces a layout in the commit.
 */
export function scrollAfterLayout<T extends Element>(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  instance: Virtualizer<T, Element>,
): void {
  const element = instance.scrollElement;
  if (element && !written.has(element)) {
    written.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}

/** Until the first report: the window's size, which bounds any scroll element in it. */
export function initialRect(): Rect {
  return typeof window === 'undefined'
    ? { width: 0, height: 0 }
    : { width: window.innerWidth, height: window.innerHeight };
}

/** The options above, for useVirtualizer. */
export const layoutAfterCommit = {
  observeElementRect: observeRectAfterLayout,
  scrollToFn: scrollAfterLayout,
  measureElement: measureRowAfterLayout,
} satisfies Partial<VirtualizerOptions<HTMLDivElement, Element>>;

/**
 * Whether a row's change of size should move the scroll offset by the same amount, so that what
 * the reader is looking at stays where it is. The reading line is the top of the viewport plus
 * `scrollPaddingStart` (where a deep-linked or jumped-to row is aligned).
 *
 * - A row wholly above the reading line: always, in either scroll direction. TanStack Virtual's
 *   default only compensates a re-measured row that ends above the viewport's very top and never
 *   while scrolling up, so a row just above a deep-linked message (it ends `gap` above the
 *   reading line, inside the scroll padding) that grows when its markdown renders pushed the
 *   linked message down by the difference.
 * - A row measured for the first time whose top is above the viewport (its estimate becomes its
 *   size): as the default does.
 * - The row across the reading line, or below it: never (it changes below the line).
 */
export function keepsReadingPosition<T extends Element>(
  item: VirtualItem,
  _delta: number,
  instance: Virtualizer<T, Element>,
): boolean {
  const offset = instance.scrollOffset ?? 0;
  const readingLine = offset + instance.options.scrollPaddingStart;
  if (item.end <= readingLine) return true;
  return !instance.itemSizeCache.has(item.key) && item.start < offset;
}

/** Installs keepsReadingPosition on a virtualizer (an instance property, not an option). */
export function keepReadingPosition<T extends Element>(instance: Virtualizer<T, Element>): void {
  instance.shouldAdjustScrollPositionOnItemSizeChange = keepsReadingPosition;
}

/**
 * Where a row sits in the view by the virtualizer's own figures (its placement minus the scroll
 * offset), or NaN while its size is still an estimate: a row not yet measured will move.
 */
export function measuredTop<T extends Element>(
  virtualizer: Pick<
    Virtualizer<T, Element>,
    'getOffsetForIndex' | 'measurementsCache' | 'itemSizeCache' | 'scrollOffset'
  >,
  index: number,
): number {
  // Asking for the row's offset brings the measurements up to date with the latest sizes.
  if (virtualizer.getOffsetForIndex(index, 'start') === undefined) return Number.NaN;
  const item = virtualizer.measurementsCache[index];
  if (!item || !virtualizer.itemSizeCache.has(item.key)) return Number.NaN;
  return item.start - (virtualizer.scrollOffset ?? 0);
}
