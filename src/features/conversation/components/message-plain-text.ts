import type { ChatMessage } from '@/api/types.ts';
import { describeUrl } from '@/lib/safe-url.ts';
import { readAudio } from './audio-data.ts';

/**
 * A message as readable text, for "Copy text": its text (or text parts), image parts as
 * `[image: url]` (data URLs shortened), the refusal, tool calls as `name(arguments)`, and the
 * audio transcript; blocks separated by a blank line.
 */
export function messagePlainText(message: ChatMessage): string {
  const blocks: string[] = [];
  if (message.contentParts) {
    for (const part of message.contentParts) {
      if (part.type === 'text' && 'text' in part) blocks.push(part.text);
      else if (part.type === 'image_url' && 'image_url' in part)
        blocks.push(`[image: ${describeUrl(part.image_url.url)}]`);
      else if ('raw' in part) blocks.push(JSON.stringify(part.raw));
    }
  } else if (message.content) {
    blocks.push(message.content);
  }
  if (message.refusal) blocks.push(`Refusal: ${message.refusal}`);
  for (const call of message.toolCalls) {
    if (call.function) blocks.push(`${call.function.name}(${call.function.arguments})`);
    else if (call.custom) blocks.push(`${call.custom.name}(${call.custom.input})`);
    else blocks.push(JSON.stringify(call.raw));
  }
  const audio = readAudio(message.extra.audio);
  if (audio?.transcript) blocks.push(`Audio transcript: ${audio.transcript}`);
  return blocks.join('\n\n');
}
