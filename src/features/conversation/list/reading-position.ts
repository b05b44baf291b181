import type { Virtualizer } from '@tanstack/react-virtual';
import { messageIndexFromId, type ConversationSummary } from '@/api/conversation-summary.ts';
import { rowMessage, type ListRow } from '../utils/rows.ts';

/** Conversations shorter than this say nothing of where the reader is. */
const LONG_CONVERSATION = 20;

/**
 * Where the reader is in the whole conversation: the message at the reading line (its index
 * from its id, `<completion_id>-<index>`) and how many there are (the server's summary). Null
 * when either is unknown, or the conversation is short.
 */
export function readingPosition(
  rows: readonly ListRow[],
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  completionId: string,
  summary: ConversationSummary | null,
): { index: number; total: number } | null {
  if (!summary || summary.messageCount <= LONG_CONVERSATION) return null;
  // Read from the virtualizer's own figures: this runs on every scroll frame.
  const line = (virtualizer.scrollOffset ?? 0) + virtualizer.options.scrollPaddingStart;
  for (const item of virtualizer.getVirtualItems()) {
    if (item.end <= line) continue;
    const row = rows[item.index];
    const message = row ? rowMessage(row) : null;
    if (!row || row.kind !== 'message' || !message?.ok || !message.message.id) continue;
    const index = messageIndexFromId(completionId, message.message.id);
    return index === null ? null : { index, total: summary.messageCount };
  }
  return null;
}
