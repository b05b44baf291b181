import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect } from 'react';
import { measuredTop } from '@/lib/virtual/virtual-layout.ts';

/** Frames the anchor must hold still before the view counts as settled. */
const SETTLE_FRAMES = 3;
const MAX_SETTLE_FRAMES = 120;

/**
 * Brings the row at `index` (the linked message) to the top, and calls `onSettled` once it has
 * held still, measured, for a few frames: rows above it are placed by estimate at first, and
 * loading older pages before they are measured would pull the view away from it. Nothing runs
 * while `index` is -1.
 */
export function useAnchorSettling(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  index: number,
  onSettled: () => void,
): void {
  useEffect(() => {
    if (index < 0) return;
    let frame = 0;
    let still = 0;
    let lastTop = Number.NaN;
    let raf = 0;
    virtualizer.scrollToIndex(index, { align: 'start' });
    const check = () => {
      frame += 1;
      const top = measuredTop(virtualizer, index);
      if (Math.abs(top - lastTop) < 0.5) still += 1;
      else {
        still = 0;
        virtualizer.scrollToIndex(index, { align: 'start' });
      }
      lastTop = top;
      if (still >= SETTLE_FRAMES || frame >= MAX_SETTLE_FRAMES) onSettled();
      else raf = requestAnimationFrame(check);
    };
    raf = requestAnimationFrame(check);
    return () => cancelAnimationFrame(raf);
  }, [index, virtualizer, onSettled]);
}
