/** The validators themselves: they must reject what the spec rejects, or the contract tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { validators } from './spec.ts';

const v = validators();
const completion = {
  id: 'chatcmpl-x',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      finish_reason: 'stop',
      logprobs: null,
      message: { role: 'assistant', content: 'hi', refusal: null },
    },
  ],
};
const message = {
  id: 'chatcmpl-x-0',
  role: 'user',
  content: 'hi',
  refusal: null,
  name: null,
  content_parts: null,
};
const list = (data: unknown[]) => ({
  object: 'list',
  data,
  first_id: null,
  last_id: null,
  has_more: false,
});

describe('spec validators', () => {
  it('accept valid objects, including the patched gaps', () => {
    expect(v.completion(completion)).toBe(true);
    expect(v.list(list([completion]))).toBe(true);
    expect(v.messages(list([message, { ...message, role: 'tool', tool_call_id: 'call_1' }]))).toBe(
      true,
    );
  });

  it('reject broken objects', () => {
    expect(v.completion({ ...completion, choices: undefined })).toBe(false);
    expect(v.completion({ ...completion, object: 'chat.completion.chunk' })).toBe(false);
    // choices[].message keeps the strict assistant-only role.
    const userChoice = {
      ...completion.choices[0],
      message: { role: 'user', content: 'x', refusal: null },
    };
    expect(v.completion({ ...completion, choices: [userChoice] })).toBe(false);
    expect(
      v.completion({
        ...completion,
        choices: [
          {
            ...completion.choices[0],
            message: { ...completion.choices[0]!.message, tool_calls: null },
          },
        ],
      }),
    ).toBe(false);
    expect(v.messages(list([{ ...message, role: 'robot' }]))).toBe(false);
    expect(v.messages(list([{ ...message, id: undefined }]))).toBe(false);
    expect(v.messages(list([{ ...message, name: 3 }]))).toBe(false);
    expect(
      v.messages(
        list([
          { ...message, content_parts: [{ type: 'image_url', image_url: { url: 'not a uri' } }] },
        ]),
      ),
    ).toBe(false);
    expect(
      v.messages(
        list([
          {
            ...message,
            content_parts: [
              {
                type: 'image_url',
                image_url: { url: 'data:image/png;base64,AA', detail: 'medium' },
              },
            ],
          },
        ]),
      ),
    ).toBe(false);
    expect(v.list({ ...list([]), has_more: undefined })).toBe(false);
    expect(v.error({ error: { message: 'x', type: 'y', param: null } })).toBe(false);
  });
});
