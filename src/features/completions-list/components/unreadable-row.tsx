import type { UnreadableItem } from '@/api/types.ts';

/**
 * In place of a list element that could not be read as a stored completion: says why and shows
 * the start of what was received. It has no page to open; it takes focus like any row, so the
 * keyboard walk through the list reaches (and reads) it.
 */
export function UnreadableRow({ item, active }: { item: UnreadableItem; active: boolean }) {
  const received = JSON.stringify(item.raw) ?? String(item.raw);
  return (
    <div
      className="flex h-full flex-col justify-center gap-1 border-b border-rose-200 bg-rose-50 px-4 text-sm text-rose-950 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
      data-testid="broken-completion"
      data-main-link
      tabIndex={active ? 0 : -1}
    >
      <p className="line-clamp-2 font-medium">
        This item could not be read: {item.reason}. Received:
      </p>
      <p className="truncate font-mono text-xs">{received.slice(0, 300)}</p>
    </div>
  );
}
