import { describe, expect, it } from 'vitest';
import { chatMessage } from '@/api/chat-message.fixture.ts';
import type { ChatMessage, ContentPart, MessageItem } from '@/api/types.ts';
import { LONG_TEXT_LIMIT } from '../components/message-text.tsx';
import { markdownTexts } from '../utils/markdown-texts.ts';
import type { ListRow } from '../utils/rows.ts';
import { AHEAD_ROWS, textsAhead } from './use-render-ahead.ts';

const chat = (overrides: Partial<ChatMessage>) => chatMessage({ id: 'm', ...overrides });
const row = (i: number, content: string): ListRow => ({
  kind: 'message',
  key: `m-${i}`,
  label: `#${i}`,
  item: { ok: true, message: chat({ id: `m-${i}`, content }) } satisfies MessageItem,
});

describe('markdownTexts', () => {
  it('takes the text parts, else the content, and the refusal, as the card renders them', () => {
    const parts: ContentPart[] = [
      { type: 'text', text: 'first' },
      { type: 'image_url', image_url: { url: 'https://x/a.png' } },
      { type: 'text', text: 'second' },
    ];
    expect(markdownTexts(chat({ content: 'ignored', contentParts: parts }))).toEqual([
      'first',
      'second',
    ]);
    expect(markdownTexts(chat({ content: 'hello', refusal: 'no' }))).toEqual(['hello', 'no']);
  });

  it('leaves out texts that open collapsed and content whose citations change it', () => {
    expect(markdownTexts(chat({ content: 'x'.repeat(LONG_TEXT_LIMIT + 1) }))).toEqual([]);
    expect(markdownTexts(chat({ content: 'see [1]', extra: { annotations: [] } }))).toEqual([]);
  });

  it('leaves out a tool result that is JSON (shown as code), not one that is text', () => {
    const result = (content: string) => chat({ role: 'tool', toolCallId: 'call_1', content });
    expect(markdownTexts(result('{"city":"Paris"}'))).toEqual([]);
    expect(markdownTexts(result('Done: **1** file changed.'))).toEqual([
      'Done: **1** file changed.',
    ]);
  });
});

describe('textsAhead', () => {
  const rows = Array.from({ length: 100 }, (_, i) => row(i, `text ${i}`));

  it('prepares the rows just outside the window, nearest first, both ways', () => {
    const texts = textsAhead(rows, 40, 50);
    expect(texts.slice(0, 4)).toEqual(['text 51', 'text 39', 'text 52', 'text 38']);
    expect(texts).toHaveLength(2 * AHEAD_ROWS);
    expect(texts).not.toContain('text 45'); // already rendered
  });

  it('stops at the ends of the loaded rows and skips rows without a message', () => {
    const withHeader: ListRow[] = [{ kind: 'header', key: 'header' }, ...rows.slice(0, 5)];
    expect(textsAhead(withHeader, 0, 1)).toEqual(['text 1', 'text 2', 'text 3', 'text 4']);
  });
});
