import type { Json, MessageItem, StoredCompletion } from '@/api/types.ts';

/** A message exactly as the API sent it (a broken item too: it is kept as received). */
export function rawMessage(item: MessageItem): Json {
  return item.ok ? item.message.raw : item.raw;
}

/**
 * The JSON export: ONE line in the format `npm start -- --data FILE.jsonl` reads (see
 * server/data/jsonl.ts): the completion object exactly as the API returned it, plus `messages`,
 * every input message exactly as received, in order. Built from the raw JSON the parser kept,
 * never from the parsed model, so fields this viewer doesn't know survive.
 */
export function formatJsonExport(
  completion: StoredCompletion,
  items: readonly MessageItem[],
): string {
  // JSON.stringify escapes every control character: the line can't break.
  return `${JSON.stringify({ ...completion.raw, messages: items.map(rawMessage) })}\n`;
}
