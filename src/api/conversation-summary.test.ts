import { describe, expect, it } from 'vitest';
import { messageIndexFromId, parseConversationSummary } from './conversation-summary.ts';

describe('messageIndexFromId', () => {
  it('reads the index of ids of the form <completion_id>-<index>', () => {
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-0')).toBe(0);
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-9999')).toBe(9999);
  });
  it('says nothing of other ids', () => {
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abd-3')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-3x')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-007')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'msg_123')).toBeNull();
  });
});

describe('parseConversationSummary', () => {
  it('reads the server’s answer', () => {
    expect(
      parseConversationSummary({
        id: 'c',
        message_count: 3,
        first_message_id: 'a',
        last_message_id: 'b',
      }),
    ).toEqual({ messageCount: 3, firstMessageId: 'a', lastMessageId: 'b' });
    expect(parseConversationSummary({ message_count: 0, first_message_id: null })).toEqual({
      messageCount: 0,
      firstMessageId: null,
      lastMessageId: null,
    });
  });
  it('refuses anything else', () => {
    for (const body of [null, 'x', {}, { message_count: -1 }, { message_count: 1.5 }])
      expect(() => parseConversationSummary(body)).toThrow('not a conversation summary');
  });
});
