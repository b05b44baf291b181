/**
 * The 10,000-message conversation, produced lazily: message i is a pure function of (seed, i),
 * so any page can be generated without the ones before it and nothing is held in memory.
 * Layout: 0 = system, 1 = developer, then blocks of 10 roles
 *   user, assistant, user, assistant(tool_calls), tool, assistant, user, assistant, user, assistant
 * where the tool message answers the tool call of the message just before it.
 */
import { Rng, hashString } from './prng.ts';
import {
  assistant,
  functionCall,
  image,
  system,
  developer,
  text,
  tool,
  user,
  userParts,
} from './builders.ts';
import type { DraftMessage } from './builders.ts';
import { DEMO_IMAGES } from './demo-ids.ts';
import { SMALL_DATA_IMAGES, smallDataUrl } from './images.ts';
import { USER_NAMES, paragraph, variedText } from './text.ts';
import type { StoredMessage } from '../api/types.ts';

const BLOCK = [
  'user',
  'assistant',
  'user',
  'call',
  'tool',
  'assistant',
  'user',
  'assistant',
  'user',
  'assistant',
] as const;

function rngFor(seed: number, index: number): Rng {
  return new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
}

function callIdFor(seed: number, index: number): string {
  return `call_${rngFor(seed ^ 0x5a5a5a5a, index).base62(24)}`;
}

const IMAGE_NAMES = Object.keys(DEMO_IMAGES).filter((n) => !n.startsWith('poster')); // keep pages light
const DETAILS = ['low', 'high', 'auto'] as const;

/**
 * Returns a generator for a long conversation of `count` messages whose ids are
 * `<completionId>-<index>`; local image URLs are built from `origin`.
 */
export function longConversation(
  completionId: string,
  count: number,
  origin: string,
): (index: number) => StoredMessage {
  const seed = hashString(completionId);
  return (i: number) => {
    const rng = rngFor(seed, i);
    let draft: DraftMessage;
    if (i === 0)
      draft = system(
        'You are a patient pair-programming assistant. This session is very long on purpose.',
      );
    else if (i === 1)
      draft = developer('Keep answers focused. Use tools for anything about the repository state.');
    else {
      let role: (typeof BLOCK)[number] = BLOCK[(i - 2) % BLOCK.length]!;
      // Input conversations end with the user speaking (or a tool result): swap a trailing
      // plain assistant turn for a user turn.
      if (i === count - 1 && role === 'assistant') role = 'user';
      switch (role) {
        case 'user': {
          const name = rng.chance(0.2) ? rng.pick(USER_NAMES) : undefined;
          if (rng.chance(0.06)) {
            const useData = rng.chance(0.3);
            const url = useData
              ? smallDataUrl(rng.pick(SMALL_DATA_IMAGES))
              : `${origin}/demo-assets/images/${rng.pick(IMAGE_NAMES)}`;
            const parts = [text(variedText(rng)), image(url, rng.pick(DETAILS))];
            if (rng.chance(0.3)) parts.push(text(`(attachment ${i})`));
            draft = userParts(parts, name);
          } else {
            draft = user(`#${i} ${variedText(rng)}`, name);
          }
          break;
        }
        case 'call':
          draft = assistant(rng.chance(0.5) ? null : 'Let me check the repository.', [
            functionCall(
              callIdFor(seed, i),
              'search_code',
              JSON.stringify({
                query: rng.pick(['retry', 'cursor', 'cache key', 'locale']),
                limit: rng.int(1, 20),
              }),
            ),
          ]);
          break;
        case 'tool':
          draft = tool(
            callIdFor(seed, i - 1),
            JSON.stringify({
              matches: rng.int(0, 12),
              files: ['src/api/list.ts', 'src/cache.ts'].slice(0, rng.int(0, 2)),
            }),
          );
          break;
        case 'assistant':
          draft = assistant(rng.chance(0.7) ? variedText(rng) : paragraph(rng, 1, 3));
          break;
      }
    }
    return { id: `${completionId}-${i}`, ...draft };
  };
}
