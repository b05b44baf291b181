import { describe, expect, it } from 'vitest';
import { parseCompletion, parseMessage } from '@/api/parse.ts';
import { buildConversationRows } from './rows.ts';

// Found by the schema fuzz (duplicate-ids family): repeated ids gave two rows one key, and the
// virtualized list drew one row twice or two rows over each other.
describe('row keys stay unique when the data repeats ids', () => {
  it('suffixes a message id seen before, keeping the first as is', () => {
    const items = ['m-0', 'm-1', 'm-0', 'm-0', 'm-2'].map((id, i) =>
      parseMessage({ id, role: 'user', content: `text ${i}` }, i),
    );
    const keys = buildConversationRows('m', items, undefined, true).map((row) => row.key);
    expect(keys).toEqual(['m-0', 'm-1', 'm-0#2', 'm-0#3', 'm-2', 'more']);
  });

  it('two choices with one index, and ids named like the page rows', () => {
    const completion = parseCompletion({
      id: 'c',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'a' } },
        { index: 0, message: { role: 'assistant', content: 'b' } },
      ],
    });
    if (!completion.ok) throw new Error(completion.reason);
    const items = ['more', 'answer-heading', 'header', 'c-#4', null].map((id, i) =>
      parseMessage(id === null ? 5 : { id, role: 'user', content: 'x' }, i),
    );
    const rows = buildConversationRows('c', items, completion.value.choices, false);
    const keys = rows.map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([
      'more#2',
      'answer-heading#2',
      'header#2',
      'c-#4',
      // The broken item's position key collides with a real id: it gets a suffix.
      'c-#4#2',
      'answer-heading',
      'choice-0',
      'choice-0#2',
    ]);
  });
});
