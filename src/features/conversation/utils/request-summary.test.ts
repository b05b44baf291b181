import { describe, expect, it } from 'vitest';
import { parseCompletion } from '@/api/parse.ts';
import type { CompletionRequest, Json } from '@/api/types.ts';
import { requestSummary, settingText } from './request-summary.ts';

function requestOf(body: Record<string, Json>): CompletionRequest {
  const parsed = parseCompletion({ id: 'c', ...body });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value.request;
}

describe('settingText', () => {
  it('writes plain strings as they are, everything else as compact JSON', () => {
    expect(settingText('auto')).toBe('auto');
    expect(settingText(0.2)).toBe('0.2');
    expect(settingText(true)).toBe('true');
    expect(settingText(['\n', 'END'])).toBe('["\\n","END"]');
    expect(settingText({ type: 'function', function: { name: 'f' } })).toBe(
      '{"type":"function","function":{"name":"f"}}',
    );
    // Strings that would read wrong written plainly are quoted.
    expect(settingText('')).toBe('""');
    expect(settingText(' padded ')).toBe('" padded "');
    expect(settingText('two\nlines')).toBe('"two\\nlines"');
    expect(settingText(undefined)).toBe('null');
  });

  it('cuts long values', () => {
    expect(settingText('x'.repeat(1_000_000), 10)).toBe('xxxxxxxxxx…');
    expect(
      settingText(
        Array.from({ length: 100 }, (_, i) => i),
        10,
      ),
    ).toBe('[0,1,2,3,4…');
  });
});

describe('requestSummary', () => {
  it('lists the key settings, the tools, the response format and a prediction', () => {
    const request = requestOf({
      temperature: 0.2,
      top_p: 1,
      frequency_penalty: 0,
      seed: 42,
      reasoning_effort: 'high',
      tool_choice: 'auto',
      tools: [{ type: 'function', function: { name: 'f' } }, { type: 'custom' }],
      response_format: { type: 'json_schema', json_schema: { name: 'reply', schema: {} } },
      prediction: { type: 'content', content: 'x' },
    });
    expect(requestSummary(request)).toEqual([
      { key: 'temperature', value: '0.2' },
      { key: 'top_p', value: '1' },
      { key: 'seed', value: '42' },
      { key: 'reasoning_effort', value: 'high' },
      { key: 'tools', value: '2' },
      { key: 'tool_choice', value: 'auto' },
      { key: 'response_format', value: 'json_schema reply' },
      { key: 'prediction', value: 'content' },
    ]);
  });

  it('has nothing to say of a completion without request fields', () => {
    expect(requestSummary(requestOf({}))).toEqual([]);
  });

  it('writes odd types as the JSON they are, never throwing', () => {
    const request = requestOf({
      temperature: 'hot',
      seed: { value: 1 },
      tool_choice: ['auto'],
      response_format: { type: 7 },
      prediction: [1, 2],
    });
    expect(requestSummary(request)).toEqual([
      { key: 'temperature', value: 'hot' },
      { key: 'seed', value: '{"value":1}' },
      { key: 'tool_choice', value: '["auto"]' },
      { key: 'response_format', value: '(no type)' },
      { key: 'prediction', value: '[1,2]' },
    ]);
  });
});
