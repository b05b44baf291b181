import { describe, expect, it } from 'vitest';
import { parseMessage } from '@/api/parse.ts';
import type { Json } from '@/api/types.ts';
import { messagePlainText } from './message-plain-text.ts';

const text = (raw: Json) => {
  const item = parseMessage(raw, 0);
  if (!item.ok) throw new Error(item.reason);
  return messagePlainText(item.message);
};

describe('messagePlainText', () => {
  it('joins text, parts, refusal, tool calls as name(arguments) and the audio transcript', () => {
    expect(
      text({
        role: 'assistant',
        content: 'Checking **now**.',
        refusal: 'Not that part.',
        tool_calls: [
          {
            id: 'c1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'c2', type: 'custom', custom: { name: 'apply_patch', input: '*** Begin' } },
        ],
        audio: { id: 'audio_1', transcript: 'Checking now.' },
      }),
    ).toBe(
      'Checking **now**.\n\nRefusal: Not that part.\n\nget_weather({"city":"Paris"})\n\napply_patch(*** Begin)\n\nAudio transcript: Checking now.',
    );
    expect(
      text({
        role: 'user',
        content: 'ignored when parts exist',
        content_parts: [
          { type: 'text', text: 'Look:' },
          { type: 'image_url', image_url: { url: 'https://x.example/a.png' } },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(5000)}` } },
          { type: 'input_audio', input_audio: { format: 'wav' } },
        ],
      }),
    ).toBe(
      'Look:\n\n[image: https://x.example/a.png]\n\n[image: data:image/png;base64,… (5,022 characters)]\n\n{"type":"input_audio","input_audio":{"format":"wav"}}',
    );
    expect(text({ role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' })).toBe('{"ok":true}');
  });
});
