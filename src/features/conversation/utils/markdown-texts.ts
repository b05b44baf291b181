import type { ChatMessage } from '@/api/types.ts';
import { LONG_TEXT_LIMIT } from '../components/message-text.tsx';
import { toolResultJson } from './json-text.ts';

/**
 * The texts a message card renders as markdown, as MessageBody passes them to MessageText:
 * its text parts, else its content, and its refusal. Left out: texts long enough to open
 * collapsed, content with annotations (its citations change the markdown rendered), and a tool
 * result that is JSON (shown as code).
 */
export function markdownTexts(message: ChatMessage): string[] {
  const texts: string[] = [];
  if (message.contentParts) {
    for (const part of message.contentParts) {
      if (part.type === 'text' && 'text' in part) texts.push(part.text);
    }
  } else if (
    message.content &&
    message.extra.annotations === undefined &&
    toolResultJson(message) === null
  ) {
    texts.push(message.content);
  }
  if (message.refusal) texts.push(message.refusal);
  return texts.filter((text) => text.length > 0 && text.length <= LONG_TEXT_LIMIT);
}
