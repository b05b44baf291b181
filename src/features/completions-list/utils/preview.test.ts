import { describe, expect, it } from 'vitest';
import { parseCompletion } from '@/api/parse.ts';
import { answerPreview } from './preview.ts';

function completion(message: unknown) {
  const parsed = parseCompletion({
    id: 'c',
    choices: message === undefined ? [] : [{ index: 0, message }],
  });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

describe('answerPreview', () => {
  it('takes the first non-empty line, without its markdown', () => {
    expect(
      answerPreview(completion({ role: 'assistant', content: '\n## **Summary**\nmore' })),
    ).toBe('Summary');
    expect(answerPreview(completion({ role: 'assistant', content: '- item one\n- two' }))).toBe(
      'item one',
    );
  });
  it('says what else the answer was', () => {
    expect(answerPreview(completion({ role: 'assistant', content: null, refusal: 'No.' }))).toBe(
      'Refused: No.',
    );
    expect(
      answerPreview(
        completion({
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{}' } }],
        }),
      ),
    ).toBe('Calls f');
    expect(answerPreview(completion(undefined))).toBe('(no answer stored)');
    expect(answerPreview(completion('broken'))).toBe('(unreadable answer)');
  });
});
