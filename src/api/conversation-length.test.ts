import { describe, expect, it } from 'vitest';
import { messageIndexFromId } from './conversation-length.ts';

describe('messageIndexFromId', () => {
  it('reads the index of ids of the form <completion_id>-<index>', () => {
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-0')).toBe(0);
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-9999')).toBe(9999);
  });
  it('says nothing of other ids', () => {
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abd-3')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-3x')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'chatcmpl-abc-')).toBeNull();
    expect(messageIndexFromId('chatcmpl-abc', 'msg_123')).toBeNull();
  });
});
