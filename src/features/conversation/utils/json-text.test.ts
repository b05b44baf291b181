import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/api/parse.ts';
import type { ChatMessage, Json } from '@/api/types.ts';
import { indentJson, JSON_RESULT_LIMIT, toolResultJson } from './json-text.ts';

function message(value: Json): ChatMessage {
  const item = parseMessage(value, 0);
  if (!item.ok) throw new Error(item.reason);
  return item.message;
}

describe('indentJson', () => {
  it('lays JSON out as JSON.stringify(value, null, 2) does', () => {
    const samples: Json[] = [
      { city: 'Paris', temp_c: 14, tags: ['a', 'b'], nested: { empty: {}, none: [] } },
      [1, [2, [3, []]], { a: null, b: true, c: false }],
      { 'key with "quotes" and \\ and : , { } [ ]': 'value with , : { } [ ] "' },
      { unicode: 'é 🚀 ‮ \n \t \u0000', negative: -1.5e-7 },
      [],
      {},
      'a string',
      42,
    ];
    for (const sample of samples) {
      const compact = JSON.stringify(sample);
      expect(indentJson(compact)).toBe(JSON.stringify(sample, null, 2));
      // Whatever whitespace it came with.
      const spaced = JSON.stringify(sample, null, '\t').replace(/\n/g, '\r\n  ');
      expect(indentJson(spaced)).toBe(JSON.stringify(sample, null, 2));
    }
  });

  it('keeps every token as written, where parsing and printing again would change it', () => {
    const text = '{"seed":4944116822809979520,"t":1.0,"e":1E2,"s":"caf\\u00e9","k":1,"k":2}';
    expect(indentJson(text)).toBe(
      [
        '{',
        '  "seed": 4944116822809979520,',
        '  "t": 1.0,',
        '  "e": 1E2,',
        '  "s": "caf\\u00e9",',
        '  "k": 1,',
        '  "k": 2',
        '}',
      ].join('\n'),
    );
    expect(JSON.stringify(JSON.parse(text), null, 2)).not.toContain('4944116822809979520');
  });
});

describe('toolResultJson', () => {
  it('indents the content of a tool or function result that is a JSON object or array', () => {
    const tool = message({
      role: 'tool',
      tool_call_id: 'c',
      content: '{"city":"Paris","ok":true}',
    });
    expect(toolResultJson(tool)).toBe('{\n  "city": "Paris",\n  "ok": true\n}');
    const legacy = message({ role: 'function', name: 'f', content: ' [1,2]' });
    expect(toolResultJson(legacy)).toBe('[\n  1,\n  2\n]');
  });

  it('leaves alone what is not JSON, not an object or array, too long, or not a result', () => {
    const contents = [
      'Done: README.md updated.',
      '{"truncated": ',
      '42',
      '"a string"',
      'null',
      '',
      `[${'1,'.repeat(JSON_RESULT_LIMIT / 2)}1]`,
    ];
    for (const content of contents) {
      expect(toolResultJson(message({ role: 'tool', tool_call_id: 'c', content }))).toBeNull();
    }
    expect(toolResultJson(message({ role: 'user', content: '{"a":1}' }))).toBeNull();
    expect(toolResultJson(message({ role: 'assistant', content: '{"a":1}' }))).toBeNull();
    // Content parts are shown as parts.
    expect(
      toolResultJson(message({ role: 'tool', content: [{ type: 'text', text: '{"a":1}' }] })),
    ).toBeNull();
  });
});
