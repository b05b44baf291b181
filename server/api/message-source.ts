/** MessageSource implementations: a plain array, or a generator function called per index. */
import type { MessageSource } from './types.ts';

function idOf(item: unknown): string | undefined {
  if (item && typeof item === 'object' && 'id' in item) {
    const id = (item as { id: unknown }).id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** Messages held in memory (demo conversations, `--data` files). Ids are indexed lazily. */
export function arrayMessageSource(items: readonly unknown[]): MessageSource {
  let index: Map<string, number> | undefined;
  return {
    count: items.length,
    at: (i) => items[i],
    indexOf(id) {
      if (!index) {
        index = new Map();
        items.forEach((item, i) => {
          const itemId = idOf(item);
          if (itemId !== undefined && !index!.has(itemId)) index!.set(itemId, i);
        });
      }
      return index.get(id) ?? -1;
    },
  };
}

/**
 * Messages produced on demand by `generate(i)`; ids must be `<completionId>-<i>`, which makes
 * `indexOf` O(1) without materializing anything: a 100,000-message conversation costs nothing
 * until a page of it is requested.
 */
export function generatedMessageSource(
  completionId: string,
  count: number,
  generate: (index: number) => unknown,
): MessageSource {
  const prefix = `${completionId}-`;
  return {
    count,
    at: (i) => (i >= 0 && i < count ? generate(i) : undefined),
    indexOf(id) {
      if (!id.startsWith(prefix)) return -1;
      const rest = id.slice(prefix.length);
      if (!/^(0|[1-9]\d*)$/.test(rest)) return -1;
      const i = Number(rest);
      return i < count ? i : -1;
    },
  };
}
