import { useEffect } from 'react';
import { highlightAhead } from '../markdown/use-highlighted-code.ts';
import { markdownAhead, useMarkdownRenderer } from '../markdown/use-markdown-renderer.ts';
import { markdownTexts } from '../utils/markdown-texts.ts';
import { rowMessage, type ListRow } from '../utils/rows.ts';

/** How many rows beyond each end of the rendered window are prepared ahead. */
export const AHEAD_ROWS = 12;
/** Work stops while less idle time than this is left before the next frame is due. */
const MIN_IDLE_MS = 4;

type Idle = (work: (deadline: IdleDeadline) => void) => number;
const requestIdle: Idle =
  typeof requestIdleCallback === 'function'
    ? (work) => requestIdleCallback(work, { timeout: 1000 })
    : (work) => {
        const started = performance.now();
        return window.setTimeout(
          () => work({ didTimeout: false, timeRemaining: () => started + 58 - performance.now() }),
          50,
        );
      };
const cancelIdle = (handle: number) =>
  typeof cancelIdleCallback === 'function' ? cancelIdleCallback(handle) : clearTimeout(handle);

/** Texts of the rows just outside [first, last], nearest first, alternating below and above. */
export function textsAhead(rows: readonly ListRow[], first: number, last: number): string[] {
  const texts: string[] = [];
  for (let step = 1; step <= AHEAD_ROWS; step++) {
    for (const index of [last + step, first - step]) {
      const row = rows[index];
      const item = row ? rowMessage(row) : null;
      if (item?.ok) texts.push(...markdownTexts(item.message));
    }
  }
  return texts;
}

/**
 * Prepares the rows about to scroll in while the page is idle: their markdown is parsed and
 * rendered, and their code highlighted, into the caches the rows read when they mount. A row
 * entering the view then costs its DOM, not its parsing, in the scroll frame.
 */
export function useRenderAhead(rows: readonly ListRow[], first: number, last: number): void {
  const ready = useMarkdownRenderer(false) !== null;
  useEffect(() => {
    const render = ready ? markdownAhead() : null;
    if (!render || last < first) return;
    const texts = textsAhead(rows, first, last);
    let next = 0;
    let handle = 0;
    const work = (deadline: IdleDeadline) => {
      while (next < texts.length && deadline.timeRemaining() > MIN_IDLE_MS) {
        for (const fence of render(texts[next++]!)) highlightAhead(fence.code, fence.language);
      }
      if (next < texts.length) handle = requestIdle(work);
    };
    handle = requestIdle(work);
    return () => cancelIdle(handle);
  }, [ready, rows, first, last]);
}
