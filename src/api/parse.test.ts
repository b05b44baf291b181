import { describe, expect, it } from 'vitest';
import { parseCompletion, parseMessage, parseMessagesPage } from './parse.ts';
import type { Json } from './types.ts';

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

describe('parseCompletion: the request', () => {
  // The shape of the spec's own example of `GET /chat/completions/{id}`, plus what a request
  // with tools, a JSON schema and a predicted output leaves in the stored completion.
  const full = {
    object: 'chat.completion',
    id: 'chatcmpl-abc123',
    model: 'gpt-4o-2024-08-06',
    created: 1738960610,
    request_id: 'req_ded8ab984ec4bf840f37566c1011c417',
    tool_choice: { type: 'function', function: { name: 'get_weather' } },
    usage: { total_tokens: 31, completion_tokens: 18, prompt_tokens: 13 },
    seed: 4944116,
    top_p: 1.0,
    temperature: 0.2,
    presence_penalty: 0.0,
    frequency_penalty: 0.5,
    system_fingerprint: 'fp_50cad350e4',
    input_user: null,
    service_tier: 'default',
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather.',
          strict: true,
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
      { type: 'custom', custom: { name: 'apply_patch', format: { type: 'grammar' } } },
    ],
    metadata: {},
    choices: [],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'reply',
        strict: true,
        schema: { type: 'object', properties: { answer: { type: 'string' } } },
      },
    },
    prediction: { type: 'content', content: 'const x = 1;' },
    moderation: null,
    web_search_options: { search_context_size: 'low' },
  };

  it('reads settings in a fixed order, tools with their schemas, the response format', () => {
    const parsed = parseCompletion(full);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { request } = parsed.value;
    expect(request.settings).toEqual([
      { key: 'temperature', value: 0.2 },
      { key: 'top_p', value: 1 },
      { key: 'frequency_penalty', value: 0.5 },
      { key: 'presence_penalty', value: 0 },
      { key: 'seed', value: 4944116 },
      { key: 'service_tier', value: 'default' },
    ]);
    expect(request.requestId).toBe('req_ded8ab984ec4bf840f37566c1011c417');
    expect(request.toolChoice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    expect(request.tools).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Current weather.',
        strict: true,
        schema: { type: 'object', properties: { city: { type: 'string' } } },
        schemaField: 'parameters',
        raw: full.tools[0],
      },
      {
        type: 'custom',
        name: 'apply_patch',
        description: null,
        strict: null,
        schema: { type: 'grammar' },
        schemaField: 'format',
        raw: full.tools[1],
      },
    ]);
    expect(request.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'reply',
      strict: true,
      schema: { type: 'object', properties: { answer: { type: 'string' } } },
    });
    expect(request.prediction).toEqual({ type: 'content', content: 'const x = 1;' });
    // Only what no view shows; null fields (input_user, moderation) are left to the JSON view.
    expect(parsed.value.extra).toEqual({ web_search_options: { search_context_size: 'low' } });
  });

  it('reads an absent or null request as nothing to show', () => {
    const parsed = parseCompletion({
      id: 'c',
      tools: null,
      tool_choice: null,
      response_format: null,
      prediction: null,
      seed: null,
    });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.request).toEqual({
      settings: [],
      toolChoice: undefined,
      tools: [],
      responseFormat: null,
      prediction: undefined,
      requestId: null,
    });
    expect(parsed.value.extra).toEqual({});
  });

  it('is lenient: wrong types are kept (shown as they are, or as other fields), never thrown on', () => {
    const odd = JSON.parse(
      JSON.stringify({
        id: 'c',
        object: 'chat.completion.chunk',
        model: 42,
        created: 'yesterday',
        usage: 'lots',
        system_fingerprint: {},
        temperature: 'hot',
        seed: { value: 1 },
        stop: ['\n', 5],
        request_id: 7,
        tools: 'get_weather',
        response_format: 'json',
      }),
    ) as Json;
    const parsed = parseCompletion(odd);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.value.request.settings).toEqual([
      { key: 'temperature', value: 'hot' },
      { key: 'seed', value: { value: 1 } },
      { key: 'stop', value: ['\n', 5] },
    ]);
    expect(parsed.value.request.tools).toEqual([]);
    expect(parsed.value.request.requestId).toBeNull();
    expect(parsed.value.extra).toEqual({
      object: 'chat.completion.chunk',
      model: 42,
      created: 'yesterday',
      usage: 'lots',
      system_fingerprint: {},
      request_id: 7,
      tools: 'get_weather',
      response_format: 'json',
    });
  });

  it('reads odd tools and response formats field by field', () => {
    const body = JSON.parse(
      `{"id":"c","tools":[null,5,"x",{"function":"a string"},
        {"type":"function","function":{"name":5,"description":["d"],"strict":"yes","parameters":"a string"}},
        {"type":"__proto__","__proto__":{"name":"polluted"}},
        {"type":"toString"},
        {"type":"web_search","name":"flat","parameters":{"a":1}}],
       "response_format":{"type":"json_schema","json_schema":{"name":"n","schema":null}}}`,
    ) as Json;
    const parsed = parseCompletion(body);
    if (!parsed.ok) throw new Error(parsed.reason);
    const tools = parsed.value.request.tools;
    expect(tools).toHaveLength(8);
    for (const tool of tools.slice(0, 3)) {
      expect(tool).toMatchObject({ type: null, name: null, schema: undefined });
    }
    expect(tools[3]).toMatchObject({ type: null, name: null, schema: undefined });
    expect(tools[4]).toMatchObject({
      type: 'function',
      name: null,
      description: null,
      strict: null,
      schema: 'a string',
      schemaField: 'parameters',
    });
    // A type named like a prototype member reads its own field, never Object.prototype.
    expect(tools[5]).toMatchObject({ type: '__proto__', name: 'polluted' });
    expect(tools[6]).toMatchObject({ type: 'toString', name: null, schema: undefined });
    expect(tools[7]).toMatchObject({ type: 'web_search', name: 'flat', schema: { a: 1 } });
    expect(parsed.value.request.responseFormat).toMatchObject({
      type: 'json_schema',
      name: 'n',
      schema: undefined,
    });
  });
});
