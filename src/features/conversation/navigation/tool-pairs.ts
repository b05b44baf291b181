import type { ChatMessage, MessageItem, ToolCall } from '@/api/types.ts';

/**
 * Which message answers a tool call, and which call a result answers. A tool call's result is
 * the `role: "tool"` message with its id in `tool_call_id`. The legacy `function_call` has no id:
 * its result is the next `role: "function"` message with the same `name`, and a result belongs
 * to the nearest `function_call` of that name before it.
 */

function legacyCallName(item: MessageItem, name: string): boolean {
  return item.ok && item.message.toolCalls.some((c) => c.legacy && c.function?.name === name);
}

/** What a forward scan from `call` stops at: its result, or (legacy) the next call of its name. */
export type ResultScan = 'result' | 'next-call' | null;

export function scanForResult(call: ToolCall, item: MessageItem | null): ResultScan {
  if (!item?.ok) return null;
  const { message } = item;
  if (call.legacy) {
    const name = call.function?.name;
    if (name === undefined) return null;
    if (message.role === 'function' && message.name === name) return 'result';
    // A later call of the same function takes the next result: this one has none.
    return legacyCallName(item, name) ? 'next-call' : null;
  }
  return message.role === 'tool' && message.toolCallId === call.id ? 'result' : null;
}

/** Whether `message` is a result this viewer can pair with a call. */
export function isToolResult(message: ChatMessage): boolean {
  return message.toolCallId !== null || (message.role === 'function' && message.name !== null);
}

/** Whether `item` holds the call that `result` answers. */
export function isCallFor(result: ChatMessage, item: MessageItem | null): boolean {
  if (!item?.ok) return false;
  if (result.toolCallId !== null) {
    const id = result.toolCallId;
    return item.message.toolCalls.some((c) => !c.legacy && c.id === id);
  }
  if (result.role === 'function' && result.name !== null) return legacyCallName(item, result.name);
  return false;
}
