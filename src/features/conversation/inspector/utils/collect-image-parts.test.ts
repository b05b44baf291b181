import { describe, expect, it } from 'vitest';
import { chatMessage } from '@/api/chat-message.fixture.ts';
import type { ContentPart, MessageItem } from '@/api/types.ts';
import type { ConversationRow } from '../../utils/rows.ts';
import { collectImageParts, findImage } from './collect-image-parts.ts';

function message(id: string | null, parts: ContentPart[] | null, content: string | null = null) {
  const m = chatMessage({ id, content, contentParts: parts });
  return { ok: true, message: m } satisfies MessageItem;
}
const image = (url: string, detail?: string): ContentPart => ({
  type: 'image_url',
  image_url: detail ? { url, detail } : { url },
});
const text = (t: string): ContentPart => ({ type: 'text', text: t });

const rows: ConversationRow[] = [
  { kind: 'message', key: 'c-0', label: '#0', item: message('c-0', null, 'hello') },
  {
    kind: 'message',
    key: 'c-1',
    label: '#1',
    item: message('c-1', [
      text('two images'),
      image('https://x/a.png', 'high'),
      image('data:image/png;base64,AAAA'),
    ]),
  },
  {
    kind: 'message',
    key: 'c-#2',
    label: '#2',
    item: { ok: false, raw: null, reason: 'bad', position: 2 },
  },
  {
    kind: 'message',
    key: 'c-3',
    label: '#3',
    item: message('c-3', [image('https://x/b.jpg', 'low')]),
  },
  { kind: 'answer-heading', key: 'answer-heading', count: 1 },
  {
    kind: 'choice',
    key: 'choice-0',
    choice: {
      index: 0,
      finishReason: 'stop',
      message: message(null, [image('https://x/c.webp', 'auto')]),
    },
  },
];

describe('collectImageParts', () => {
  it('lists every image part in reading order, with where it sits and its detail', () => {
    expect(collectImageParts(rows)).toEqual([
      {
        key: 'c-1:1',
        messageId: 'c-1',
        messageLabel: '#1',
        partIndex: 1,
        url: 'https://x/a.png',
        detail: 'high',
      },
      {
        key: 'c-1:2',
        messageId: 'c-1',
        messageLabel: '#1',
        partIndex: 2,
        url: 'data:image/png;base64,AAAA',
        detail: undefined,
      },
      {
        key: 'c-3:0',
        messageId: 'c-3',
        messageLabel: '#3',
        partIndex: 0,
        url: 'https://x/b.jpg',
        detail: 'low',
      },
      {
        key: 'choice-0:0',
        messageId: null,
        messageLabel: 'choice 0',
        partIndex: 0,
        url: 'https://x/c.webp',
        detail: 'auto',
      },
    ]);
  });

  it('finds a part by message id and index, or by URL and index when the message has no id', () => {
    const items = collectImageParts(rows);
    expect(findImage(items, { messageId: 'c-3', partIndex: 0, url: 'ignored' })?.key).toBe('c-3:0');
    expect(findImage(items, { messageId: null, partIndex: 0, url: 'https://x/c.webp' })?.key).toBe(
      'choice-0:0',
    );
    expect(
      findImage(items, { messageId: 'c-9', partIndex: 0, url: 'https://x/b.jpg' }),
    ).toBeUndefined();
  });
});
