import { describe, expect, it } from 'vitest';
import { parseCompletion, parseMessage } from '@/api/parse.ts';
import { buildConversationRows, messageLabel } from './rows.ts';

const items = [
  parseMessage({ id: 'c-0', role: 'user', content: 'hi' }, 0),
  parseMessage(null, 1),
  parseMessage({ id: 'c-2', role: 'assistant', content: 'hello' }, 2),
];

function choices(content: string) {
  const parsed = parseCompletion({
    id: 'c',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.choices;
}

describe('buildConversationRows', () => {
  it('keys rows by message id, and broken items by their position', () => {
    const rows = buildConversationRows('c', items, choices('bye'), false);
    expect(rows.map((row) => row.key)).toEqual([
      'c-0',
      'c-#1',
      'c-2',
      'answer-heading',
      'choice-0',
    ]);
  });

  it('labels messages from their ids, or their position when the window starts at the top', () => {
    const rows = buildConversationRows('c', items, undefined, false);
    // One numbering: from 0, the index the ids end with ("c-2" is "#2"), positions alike.
    expect(rows.map((row) => (row.kind === 'message' ? row.label : ''))).toEqual([
      '#0',
      '#1',
      '#2',
    ]);
    const middle = buildConversationRows('c', items, undefined, true, false);
    expect(middle.flatMap((row) => (row.kind === 'message' ? [row.label] : []))).toEqual([
      '#0',
      '',
      '#2',
    ]);
    expect(messageLabel('chatcmpl-x', 'chatcmpl-x-6999', null)).toBe('#6999');
    expect(messageLabel('chatcmpl-x', 'chatcmpl-x-0', 5)).toBe('#0');
    expect(messageLabel('chatcmpl-x', 'msg_1', 0)).toBe('#0');
    expect(messageLabel('other', 'msg_1', null)).toBe('');
  });

  it('holds the answer back while pages remain, with a "more" row instead', () => {
    const rows = buildConversationRows('c', items, choices('bye'), true);
    expect(rows.map((row) => row.kind)).toEqual(['message', 'message', 'message', 'more']);
  });

  it('shows the answer once when the messages already end with it', () => {
    const rows = buildConversationRows('c', items, choices('hello'), false);
    expect(rows.map((row) => row.kind)).toEqual(['message', 'message', 'message']);
  });
});

describe('row reuse between rebuilds', () => {
  it('reuses a message row when a page arrives, but not a label that depended on the position', () => {
    const own = [
      parseMessage({ id: 'c-5', role: 'user', content: 'a' }, 0),
      parseMessage({ id: 'custom-id', role: 'user', content: 'b' }, 1),
    ];
    const first = buildConversationRows('c', own, undefined, true, true);
    const again = buildConversationRows('c', own, undefined, true, true);
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    // An older page arrived: the window no longer starts at the first message.
    const shifted = buildConversationRows('c', own, undefined, true, false);
    expect(shifted[0]).toBe(first[0]); // "#5" comes from the id
    expect(first[0]).toMatchObject({ label: '#5' });
    expect(first[1]).toMatchObject({ label: '#1' });
    expect(shifted[1]).toMatchObject({ label: '' });
  });

  it('gives a repeated id its own key without touching the shared row', () => {
    const twice = parseMessage({ id: 'c-1', role: 'user', content: 'x' }, 0);
    const rows = buildConversationRows('c', [twice, twice], undefined, true);
    expect(rows.map((row) => row.key)).toEqual(['c-1', 'c-1#2', 'more']);
    expect(buildConversationRows('c', [twice], undefined, true)[0]?.key).toBe('c-1');
  });
});
