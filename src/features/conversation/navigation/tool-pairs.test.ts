import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/api/parse.ts';
import type { ChatMessage, Json, MessageItem, ToolCall } from '@/api/types.ts';
import { isCallFor, isToolResult, scanForResult } from './tool-pairs.ts';

const item = (message: Json): MessageItem => parseMessage(message, 0);
const messageOf = (message: Json): ChatMessage => {
  const parsed = item(message);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.message;
};
const callOf = (message: Json, index = 0): ToolCall => messageOf(message).toolCalls[index]!;

const modernCall = {
  role: 'assistant',
  content: null,
  tool_calls: [
    { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
    { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
  ],
};
const legacyCall = {
  role: 'assistant',
  content: null,
  function_call: { name: 'get_price', arguments: '{"ticker":"ACME"}' },
};

describe('tool call ⇄ result pairing', () => {
  it('pairs a tool call with the tool message carrying its id, and nothing else', () => {
    const call = callOf(modernCall, 1);
    expect(scanForResult(call, item({ role: 'tool', tool_call_id: 'call_b', content: 'x' }))).toBe(
      'result',
    );
    expect(scanForResult(call, item({ role: 'tool', tool_call_id: 'call_a', content: 'x' }))).toBe(
      null,
    );
    expect(scanForResult(call, item({ role: 'user', content: 'call_b' }))).toBe(null);
    // A function result of the same name is not a tool call's result.
    expect(scanForResult(call, item({ role: 'function', name: 'get_weather', content: '' }))).toBe(
      null,
    );
    expect(scanForResult(call, item(null))).toBe(null);
    expect(scanForResult(call, null)).toBe(null);
  });

  it('pairs a legacy function_call with the next function message of its name', () => {
    const call = callOf(legacyCall);
    expect(call.legacy).toBe(true);
    expect(scanForResult(call, item({ role: 'function', name: 'get_price', content: '1' }))).toBe(
      'result',
    );
    expect(scanForResult(call, item({ role: 'function', name: 'other', content: '1' }))).toBe(null);
    // Another call of the same function comes first: the result after it is that one's.
    expect(scanForResult(call, item(legacyCall))).toBe('next-call');
    expect(
      scanForResult(call, item({ role: 'tool', tool_call_id: 'function_call', content: '' })),
    ).toBe(null);
  });

  it('finds the call a result answers', () => {
    const toolResult = messageOf({ role: 'tool', tool_call_id: 'call_a', content: '14' });
    expect(isCallFor(toolResult, item(modernCall))).toBe(true);
    expect(isCallFor(toolResult, item(legacyCall))).toBe(false);
    expect(isCallFor(toolResult, item({ role: 'user', content: 'call_a' }))).toBe(false);
    const functionResult = messageOf({ role: 'function', name: 'get_price', content: '1' });
    expect(isCallFor(functionResult, item(legacyCall))).toBe(true);
    expect(isCallFor(functionResult, item(modernCall))).toBe(false);
    expect(isCallFor(functionResult, null)).toBe(false);
  });

  it('knows which messages are results', () => {
    expect(isToolResult(messageOf({ role: 'tool', tool_call_id: 'c', content: '' }))).toBe(true);
    expect(isToolResult(messageOf({ role: 'function', name: 'f', content: '' }))).toBe(true);
    expect(isToolResult(messageOf({ role: 'function', content: '' }))).toBe(false);
    expect(isToolResult(messageOf({ role: 'user', name: 'alice', content: '' }))).toBe(false);
  });
});
