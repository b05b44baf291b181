import { useSyncExternalStore } from 'react';

/**
 * Tailwind's `sm` breakpoint (640 px at the default font size): from there up a row has two
 * lines (id, model, date, tokens; then the answer and the chips), below it four (id and tokens;
 * model and date; the answer; the chips). completion-row.tsx lays them out with `sm:` classes.
 */
const WIDE = '(min-width: 40rem)';

/** A row's height in pixels: rows are not measured, the virtualizer places them by this. */
export const ROW_HEIGHT = { wide: 76, narrow: 116 } as const;

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isWide = () => window.matchMedia(WIDE).matches;

/** The height of a list row at the current width; changes when the layout switches. */
export function useRowHeight(): number {
  return useSyncExternalStore(subscribe, isWide, () => true) ? ROW_HEIGHT.wide : ROW_HEIGHT.narrow;
}
