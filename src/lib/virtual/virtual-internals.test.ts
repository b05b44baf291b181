/**
 * `virtual-layout.ts` and the conversation's anchor settling use parts of TanStack Virtual that
 * are public fields but not documented API: `itemSizeCache`, `measurementsCache`,
 * `indexFromElement`, `shouldAdjustScrollPositionOnItemSizeChange`. The dependency is pinned to
 * a tested minor version (`~` in package.json); these tests fail if an upgrade changes what we
 * rely on, so an upgrade is a decision, not an accident.
 */
import { Virtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { keepsReadingPosition, measuredTop, measureRowAfterLayout } from './virtual-layout.ts';

const require = createRequire(import.meta.url);

function virtualizer(count = 10, size = 100) {
  const instance = new Virtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => null,
    estimateSize: () => size,
    getItemKey: (index) => `row-${index}`,
    scrollToFn: () => {},
    observeElementRect: () => undefined,
    observeElementOffset: () => undefined,
    scrollPaddingStart: 16,
  });
  instance.getVirtualItems();
  return instance;
}

describe('TanStack Virtual internals we rely on', () => {
  it('is the version these tests were written against (react-virtual 3.14, virtual-core 3.19)', () => {
    const react = require('@tanstack/react-virtual/package.json') as { version: string };
    const core = require('@tanstack/virtual-core/package.json') as { version: string };
    expect(react.version).toMatch(/^3\.14\./);
    expect(core.version).toMatch(/^3\.19\./);
  });

  it('keeps measured sizes in itemSizeCache, by item key', () => {
    const instance = virtualizer();
    expect(instance.itemSizeCache).toBeInstanceOf(Map);
    expect(instance.itemSizeCache.has('row-2')).toBe(false);
    instance.resizeItem(2, 150);
    expect(instance.itemSizeCache.get('row-2')).toBe(150);
  });

  it('places rows in measurementsCache, refreshed by getOffsetForIndex', () => {
    const instance = virtualizer();
    instance.resizeItem(0, 300);
    expect(instance.getOffsetForIndex(3, 'start')).toBeDefined();
    const third: VirtualItem | undefined = instance.measurementsCache[3];
    expect(third).toMatchObject({ key: 'row-3', start: 500, size: 100, end: 600 });
  });

  it('measuredTop: NaN until the row is measured, then its start minus the scroll offset', () => {
    const instance = virtualizer();
    expect(measuredTop(instance, 3)).toBeNaN();
    instance.resizeItem(3, 120);
    instance.scrollOffset = 250;
    expect(measuredTop(instance, 3)).toBe(50);
  });

  it('reads a row index from its data-index attribute', () => {
    const instance = virtualizer();
    const element = { getAttribute: (name: string) => (name === 'data-index' ? '7' : null) };
    expect(instance.indexFromElement(element as unknown as Element)).toBe(7);
    // With no ResizeObserver entry, a row attached for the first time: its estimate.
    expect(measureRowAfterLayout(element as unknown as Element, undefined, instance)).toBe(100);
  });

  it('asks shouldAdjustScrollPositionOnItemSizeChange whether a resize moves the offset', () => {
    const instance = virtualizer();
    instance.scrollOffset = 1000;
    const asked: number[] = [];
    instance.shouldAdjustScrollPositionOnItemSizeChange = (item, delta, self) => {
      asked.push(item.index);
      expect(delta).toBe(40);
      return keepsReadingPosition(item, delta, self);
    };
    instance.resizeItem(2, 140);
    expect(asked).toEqual([2]);
  });
});
