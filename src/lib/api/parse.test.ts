import { describe, expect, it } from 'vitest';
import { parseCompletion, parseMessage, parseMessagesPage } from './parse.ts';

describe('parseMessage', () => {
  it('keeps every role, including ones it does not know', () => {
    for (const role of ['system', 'developer', 'user', 'assistant', 'tool', 'function', 'critic']) {
      const item = parseMessage({ id: 'c-0', role, content: 'hi' }, 0);
      expect(item.ok && item.message.role).toBe(role);
    }
  });

  it('reads content parts and keeps unknown part types', () => {
    const item = parseMessage(
      {
        id: 'c-1',
        role: 'user',
        content: 'look',
        content_parts: [
          { type: 'text', text: 'look' },
          { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
          { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
          { type: 'image_url', image_url: null },
        ],
      },
      1,
    );
    expect(item.ok).toBe(true);
    if (!item.ok) return;
    expect(item.message.contentParts).toEqual([
      { type: 'text', text: 'look' },
      { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
      {
        type: 'input_audio',
        raw: { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
      },
      { type: 'image_url (malformed)', raw: { type: 'image_url', image_url: null } },
    ]);
  });

  it('reads tool calls, the tool result link, a refusal and keeps unknown fields', () => {
    const item = parseMessage(
      {
        id: 'c-2',
        role: 'assistant',
        content: null,
        refusal: 'I cannot help with that.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
        ],
        audio: { id: 'audio_1', transcript: 'hello', expires_at: 1 },
        annotations: [],
        name: null,
      },
      2,
    );
    expect(item.ok).toBe(true);
    if (!item.ok) return;
    expect(item.message.refusal).toBe('I cannot help with that.');
    expect(item.message.toolCalls[0]?.function).toEqual({ name: 'f', arguments: '{"a":1}' });
    expect(item.message.extra).toEqual({
      audio: { id: 'audio_1', transcript: 'hello', expires_at: 1 },
      annotations: [],
    });
    const tool = parseMessage(
      { id: 'c-3', role: 'tool', content: '42', tool_call_id: 'call_1' },
      3,
    );
    expect(tool.ok && tool.message.toolCallId).toBe('call_1');
  });

  it('shows the legacy function_call as a tool call', () => {
    const item = parseMessage(
      { role: 'assistant', content: null, function_call: { name: 'g', arguments: '{}' } },
      0,
    );
    expect(item.ok && item.message.toolCalls[0]?.function?.name).toBe('g');
  });

  it('marks the legacy function_call, keeps it as stored, and stringifies object arguments', () => {
    const item = parseMessage(
      {
        id: 'c-4',
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
        function_call: { name: 'get_price', arguments: { ticker: 'ACME' } },
      },
      4,
    );
    if (!item.ok) throw new Error(item.reason);
    const [modern, legacy] = item.message.toolCalls;
    expect(modern?.legacy).toBeUndefined();
    expect(legacy).toMatchObject({
      legacy: true,
      type: 'function',
      function: { name: 'get_price', arguments: '{"ticker":"ACME"}' },
      raw: { name: 'get_price', arguments: { ticker: 'ACME' } },
    });
    // Rendered as a call, so not repeated as an unknown field.
    expect(item.message.extra).toEqual({});
    // A function result names its function; it has no tool_call_id.
    const result = parseMessage({ role: 'function', name: 'get_price', content: '{"p":1}' }, 5);
    expect(result.ok && [result.message.name, result.message.toolCallId]).toEqual([
      'get_price',
      null,
    ]);
  });

  it('keeps a function_call that is not an object as an unknown field, not a call', () => {
    const item = parseMessage({ role: 'assistant', content: null, function_call: 'auto' }, 0);
    if (!item.ok) throw new Error(item.reason);
    expect(item.message.toolCalls).toEqual([]);
    expect(item.message.extra).toEqual({ function_call: 'auto' });
  });

  it('turns what cannot be a message into a broken item with the reason', () => {
    expect(parseMessage(null, 4)).toMatchObject({ ok: false, position: 4, reason: /null/ });
    expect(parseMessage('hello', 5)).toMatchObject({ ok: false, reason: /string/ });
    expect(parseMessage({ content: 'x' }, 6)).toMatchObject({ ok: false, reason: /role/ });
  });
});

describe('parseMessagesPage', () => {
  it('refuses an answer without the cursor envelope', () => {
    expect(parseMessagesPage([])).toMatchObject({ ok: false });
    expect(parseMessagesPage({ data: 'x', has_more: false })).toMatchObject({
      ok: false,
      reason: /data/,
    });
    expect(parseMessagesPage({ data: [] })).toMatchObject({ ok: false, reason: /has_more/ });
  });

  it('accepts null first_id/last_id on an empty page and keeps broken items in place', () => {
    const page = parseMessagesPage({
      object: 'list',
      data: [{ id: 'a-0', role: 'user', content: 'x' }, null],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    expect(page.ok).toBe(true);
    if (!page.ok) return;
    expect(page.value.first_id).toBeNull();
    expect(page.value.data.map((item) => item.ok)).toEqual([true, false]);
  });
});

describe('parseCompletion', () => {
  it('needs only an id; the rest may be missing', () => {
    const parsed = parseCompletion({ id: 'chatcmpl-1' });
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        id: 'chatcmpl-1',
        model: '(unknown model)',
        created: null,
        choices: [],
        metadata: {},
      },
    });
    expect(parseCompletion({ model: 'x' })).toMatchObject({ ok: false, reason: /id/ });
  });

  it('reads choices, usage and metadata', () => {
    const parsed = parseCompletion({
      id: 'chatcmpl-2',
      model: 'gpt-4o',
      created: 1_700_000_000,
      metadata: { customer: 'acme' },
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      choices: [
        { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'hi' } },
        { index: 1, finish_reason: 'stop' },
      ],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.usage?.total_tokens).toBe(3);
    expect(parsed.value.metadata).toEqual({ customer: 'acme' });
    expect(parsed.value.choices[0]?.message.ok).toBe(true);
    expect(parsed.value.choices[1]?.message).toMatchObject({ ok: false, reason: /message/ });
  });
});
