import type { ChatMessage, Choice, MessageItem } from '@/api/types.ts';
import { toolResultJson } from './json-text.ts';

/** One row of the conversation's virtualized list. Keys are stable: message ids, never indexes. */
export type ConversationRow =
  | { kind: 'message'; key: string; label: string; item: MessageItem }
  | { kind: 'more'; key: 'more' }
  | { kind: 'answer-heading'; key: 'answer-heading'; count: number }
  | { kind: 'choice'; key: string; choice: Choice };

/** A row of the page's list: the header, the "earlier messages" loader, or a row above. */
export type ListRow =
  | ConversationRow
  /** `header:start` once the conversation's start is loaded (see use-conversation-list.ts). */
  | { kind: 'header'; key: 'header' | 'header:start' }
  | { kind: 'older'; key: 'older' };

/** The message a row shows: a message, or a choice of the answer; null for the other rows. */
export function rowMessage(row: ListRow): MessageItem | null {
  if (row.kind === 'message') return row.item;
  if (row.kind === 'choice') return row.choice.message;
  return null;
}

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
  /** Whether `items` starts at the conversation's first message (positions are then known). */
  fromStart = true,
): ConversationRow[] {
  const rows: ConversationRow[] = items.map((item, index) =>
    messageRow(completionId, item, index, fromStart),
  );
  if (hasMore) {
    rows.push({ kind: 'more', key: 'more' });
    return uniqueKeys(rows);
  }
  if (!choices || choices.length === 0) return uniqueKeys(rows);

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
  if (shown.length === 0) return uniqueKeys(rows);
  rows.push({ kind: 'answer-heading', key: 'answer-heading', count: shown.length });
  for (const choice of shown) rows.push({ kind: 'choice', key: `choice-${choice.index}`, choice });
  return uniqueKeys(rows);
}

type MessageRow = Extract<ConversationRow, { kind: 'message' }>;

// Rows are rebuilt whenever a page arrives (10,000 messages: 100 rebuilds); a message's row is
// made once and reused, unless it depends on a position that has changed.
const messageRows = new WeakMap<
  MessageItem,
  { row: MessageRow; position: number | null; positionFree: boolean }
>();

function messageRow(
  completionId: string,
  item: MessageItem,
  index: number,
  fromStart: boolean,
): MessageRow {
  const position = fromStart ? index : null;
  const cached = messageRows.get(item);
  if (cached && (cached.positionFree || cached.position === position)) return cached.row;
  const id = item.ok ? item.message.id : null;
  const row: MessageRow = {
    kind: 'message',
    // A broken item has no id of its own: key it by its neighbour and position.
    key: id ?? `${completionId}-#${index}`,
    label: messageLabel(completionId, id, position),
    item,
  };
  // An OpenAI message id carries its index: key and label then don't depend on the position.
  const positionFree = id !== null && messageLabel(completionId, id, null) !== '';
  messageRows.set(item, { row, position, positionFree });
  return row;
}

/** The page's own rows, whose keys no message may take. */
const RESERVED_KEYS = new Set(['header', 'header:start', 'older', 'more', 'answer-heading']);

/**
 * Row keys must be unique (React's reconciliation, the virtualizer's size cache), but ids repeat
 * in real data (a message id across pages, two choices with one index): a repeat gets "#2", "#3"…
 */
function uniqueKeys(rows: ConversationRow[]): ConversationRow[] {
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    if (row.kind === 'more' || row.kind === 'answer-heading') return;
    let key = row.key;
    for (let n = 2; seen.has(key) || RESERVED_KEYS.has(key); n++) key = `${row.key}#${n}`;
    seen.add(key);
    // A copy: message rows are shared between rebuilds (see messageRow).
    if (key !== row.key) rows[i] = { ...row, key };
  });
  return rows;
}

/**
 * A message's number, "#N": its position in the conversation counted from 0, the index its
 * OpenAI id ends with (`<completion_id>-<index>`), so "#1500" sits beside "…-1500". Read from the
 * id, else from the position when the window starts at the first message; '' when neither says.
 * Content parts are counted from 0 too (`?part=N`), and choices by their `index`.
 */
export function messageLabel(
  completionId: string,
  id: string | null,
  position: number | null,
): string {
  if (id?.startsWith(`${completionId}-`)) {
    const index = Number(id.slice(completionId.length + 1));
    if (Number.isInteger(index) && index >= 0) return `#${index}`;
  }
  return position === null ? '' : `#${position}`;
}

/** What a message number is, for its tooltip. */
export const MESSAGE_NUMBER_TITLE =
  'Position in the conversation, counted from 0 as in message ids';

/**
 * A rough height for a message row before it is measured, from what it holds. Close estimates
 * keep the scroll position steady while rows above the viewport get their real sizes.
 */
export function estimateMessageHeight(item: MessageItem): number {
  // The virtualizer asks again for every row below a row that gets measured: remember answers.
  let height = estimates.get(item);
  if (height === undefined) {
    height = computeEstimate(item);
    estimates.set(item, height);
  }
  return height;
}

const estimates = new WeakMap<MessageItem, number>();

function computeEstimate(item: MessageItem): number {
  if (!item.ok) return 160;
  const { message } = item;
  // A JSON tool result is shown indented: one line per value.
  let text = toolResultJson(message) ?? message.content ?? '';
  let images = 0;
  for (const part of message.contentParts ?? []) {
    if ('text' in part) text += `\n${part.text}`;
    else if (part.type === 'image_url') images += 1;
  }
  const lines = Math.min(
    400,
    text.split('\n').reduce((sum, line) => sum + 1 + Math.floor(line.length / 95), 0),
  );
  return Math.min(
    4000,
    76 +
      lines * 24 +
      Math.ceil(images / 2) * 290 +
      message.toolCalls.length * 130 +
      (message.refusal ? 80 : 0),
  );
}
