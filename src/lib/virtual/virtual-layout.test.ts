import type { VirtualItem, Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it } from 'vitest';
import { keepsReadingPosition } from './virtual-layout.ts';

// A virtualizer scrolled to 1,000 px with 16 px of scroll padding: the reading line is at 1,016.
function instance(measured: string[] = []) {
  return {
    scrollOffset: 1_000,
    options: { scrollPaddingStart: 16 },
    itemSizeCache: new Map(measured.map((key) => [key, 100])),
  } as unknown as Virtualizer<HTMLDivElement, Element>;
}
const item = (key: string, start: number, size: number): VirtualItem => ({
  key,
  index: 0,
  start,
  size,
  end: start + size,
  lane: 0,
});

describe('keepsReadingPosition', () => {
  it('moves the offset for a row that ends above the reading line, even inside the padding', () => {
    // The row just above a deep-linked message ends `gap` (12 px) above it: 4 px into the view.
    expect(keepsReadingPosition(item('a', 900, 104), 86, instance(['a']))).toBe(true);
    expect(keepsReadingPosition(item('a', 0, 500), -20, instance(['a']))).toBe(true);
  });

  it('leaves it for the row across the reading line and rows below, once measured', () => {
    expect(keepsReadingPosition(item('b', 950, 100), 40, instance(['b']))).toBe(false);
    expect(keepsReadingPosition(item('c', 1_016, 300), 40, instance(['c']))).toBe(false);
    expect(keepsReadingPosition(item('d', 1_400, 300), 40, instance(['d']))).toBe(false);
  });

  it('moves it for a first measurement of a row whose top is above the view', () => {
    expect(keepsReadingPosition(item('b', 950, 100), 40, instance())).toBe(true);
    expect(keepsReadingPosition(item('d', 1_400, 300), 40, instance())).toBe(false);
  });
});
