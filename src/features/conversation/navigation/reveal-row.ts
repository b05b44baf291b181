/**
 * Bringing one row of the virtualized conversation into view, by key (indexes shift when older
 * pages are prepended), and waiting until it holds still: rows measured on the way change the
 * offsets, and the virtualizer corrects over a few frames.
 */

/** The part of the virtualizer this needs. */
export interface RowScroller {
  scrollToIndex: (index: number, options: { align: 'start' }) => void;
}

/**
 * - `start`: the row's top at the top of the view.
 * - `top-visible`: leave it where it is if its top is in view, else as `start`.
 * - `visible`: leave it where it is if any of it is in view, else as `start`.
 */
export type RevealAlign = 'start' | 'top-visible' | 'visible';

const STILL_FRAMES = 3;
const MAX_FRAMES = 120;
/** Room kept free at the bottom of the view for the floating buttons. */
const BOTTOM_MARGIN = 64;

export function rowElement(container: HTMLElement, key: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
}

function needsScroll(container: HTMLElement, element: HTMLElement | null, align: RevealAlign) {
  if (!element || align === 'start') return true;
  const view = container.getBoundingClientRect();
  const row = element.getBoundingClientRect();
  if (align === 'top-visible') return row.top < view.top || row.top > view.bottom - BOTTOM_MARGIN;
  return row.bottom <= view.top || row.top >= view.bottom - BOTTOM_MARGIN;
}

/**
 * Scrolls `key`'s row into view and resolves with its element once it holds still (null if the
 * row is gone, or `signal` aborted first).
 */
export function revealRow(options: {
  container: HTMLElement;
  scroller: RowScroller;
  key: string;
  /** The row's current index (it may change while this runs), or -1. */
  indexOf: (key: string) => number;
  align: RevealAlign;
  signal: AbortSignal;
}): Promise<HTMLElement | null> {
  const { container, scroller, key, indexOf, align, signal } = options;
  return new Promise((resolve) => {
    const first = indexOf(key);
    if (first < 0 || signal.aborted) {
      resolve(null);
      return;
    }
    const current = rowElement(container, key);
    if (!needsScroll(container, current, align)) {
      resolve(current);
      return;
    }
    scroller.scrollToIndex(first, { align: 'start' });
    let frame = 0;
    let still = 0;
    let lastTop = Number.NaN;
    const check = () => {
      if (signal.aborted) {
        resolve(null);
        return;
      }
      frame += 1;
      const index = indexOf(key);
      const element = rowElement(container, key);
      const top = element?.getBoundingClientRect().top ?? Number.NaN;
      if (element && Math.abs(top - lastTop) < 0.5) still += 1;
      else {
        still = 0;
        if (index >= 0) scroller.scrollToIndex(index, { align: 'start' });
      }
      lastTop = top;
      if (index < 0) resolve(null);
      else if (still >= STILL_FRAMES || frame >= MAX_FRAMES) resolve(element);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** The message card (or the answer's card) in a row, to move focus to. */
export function focusRow(element: HTMLElement | null) {
  const card = element?.querySelector<HTMLElement>('article[tabindex]');
  card?.focus({ preventScroll: true });
  return card ?? null;
}

/** The index of the first row at least partly in view (by `data-index`), or -1. */
export function firstVisibleRowIndex(container: HTMLElement): number {
  const top = container.getBoundingClientRect().top;
  let first = -1;
  for (const element of container.querySelectorAll<HTMLElement>('[data-index]')) {
    const index = Number(element.dataset.index);
    if (element.getBoundingClientRect().bottom > top && (first < 0 || index < first)) first = index;
  }
  return first;
}

/** Whether the row with this key is rendered and at least partly inside the container's view. */
export function isRowInView(container: HTMLElement, key: string): boolean {
  const element = container.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
  if (!element) return false;
  const view = container.getBoundingClientRect();
  const rect = element.getBoundingClientRect();
  return rect.bottom > view.top && rect.top < view.bottom;
}
