import type { ChatMessage, Choice, MessageItem } from '@/lib/api/types.ts';

/** One row of the conversation's virtualized list. Keys are stable: message ids, never indexes. */
export type ConversationRow =
  | { kind: 'message'; key: string; index: number; item: MessageItem }
  | { kind: 'more'; key: 'more' }
  | { kind: 'answer-heading'; key: 'answer-heading'; count: number }
  | { kind: 'choice'; key: string; choice: Choice };

function sameMessage(a: ChatMessage, b: ChatMessage): boolean {
  return (
    a.role === b.role &&
    a.content === b.content &&
    JSON.stringify(a.toolCalls.map((c) => c.raw)) === JSON.stringify(b.toolCalls.map((c) => c.raw))
  );
}

/**
 * The input messages, then — once every page is in — the answer (`choices`). When the stored
 * messages already end with the answer's message, the answer is shown once.
 */
export function buildConversationRows(
  completionId: string,
  items: MessageItem[],
  choices: Choice[] | undefined,
  hasMore: boolean,
): ConversationRow[] {
  const rows: ConversationRow[] = items.map((item, index) => ({
    kind: 'message',
    // A broken item has no id of its own: key it by position, which cannot change for it.
    key: item.ok && item.message.id ? item.message.id : `${completionId}-#${index}`,
    index,
    item,
  }));
  if (hasMore) {
    rows.push({ kind: 'more', key: 'more' });
    return rows;
  }
  if (!choices || choices.length === 0) return rows;

  const last = items[items.length - 1];
  const shown = choices.filter(
    (choice, i) =>
      !(
        i === 0 &&
        choices.length === 1 &&
        last?.ok &&
        choice.message.ok &&
        sameMessage(last.message, choice.message.message)
      ),
  );
  if (shown.length === 0) return rows;
  rows.push({ kind: 'answer-heading', key: 'answer-heading', count: shown.length });
  for (const choice of shown) rows.push({ kind: 'choice', key: `choice-${choice.index}`, choice });
  return rows;
}
