import { errorMessage } from '@/components/render-boundary.tsx';
import type { MessageItem } from '@/api/types.ts';
import { JsonBlock } from './json-view.tsx';

/**
 * In place of a conversation row whose view threw: says so and shows the message as received,
 * like a message that could not be read (the reader loses one card, not the page).
 */
export function RowRenderError({
  item,
  label,
  error,
}: {
  /** The row's message (or choice), when it has one. */
  item: MessageItem | null;
  label: string;
  error: unknown;
}) {
  const what = item ? `Message ${label}`.trim() : 'This part of the conversation';
  return (
    <article
      className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-950"
      data-testid="broken-message"
      data-render-error=""
      aria-label={`${what} could not be shown`}
    >
      <p className="font-semibold">{what} could not be shown</p>
      <p className="mt-1">
        The viewer failed on it ({errorMessage(error)}).
        {item ? ' It is shown as received:' : ''}
      </p>
      {item && (
        <div className="mt-2">
          <JsonBlock value={item.ok ? item.message.raw : item.raw} />
        </div>
      )}
    </article>
  );
}
