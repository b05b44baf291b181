import type { ChatMessage } from './types.ts';

/** For tests: a parsed user message with nothing in it but what `overrides` sets. */
export function chatMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: null,
    role: 'user',
    content: null,
    contentParts: null,
    name: null,
    refusal: null,
    toolCalls: [],
    toolCallId: null,
    extra: {},
    raw: {},
    ...overrides,
  };
}
