/**
 * The bulk of the demo dataset: ordinary conversations of 1 to 60 messages with varied roles,
 * names, tool rounds, metadata and answers. Each completion has its own seeded Rng so editing
 * one does not reshuffle the others.
 */
import {
  answer,
  assistant,
  developer,
  functionCall,
  system,
  tool,
  toolCallId,
  user,
  type Choice,
  type DraftMessage,
} from './builders.ts';
import type { Rng } from './prng.ts';
import {
  CUSTOMERS,
  DEVELOPER_PROMPTS,
  ENVS,
  FEATURES,
  SYSTEM_PROMPTS,
  USER_NAMES,
  USER_QUESTIONS,
  markdownAnswer,
  paragraph,
  sentence,
  variedText,
} from './text.ts';
import type { Metadata } from '../api/types.ts';

export const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1',
  'gpt-4.1-mini',
  'o4-mini',
  'gpt-5',
  'gpt-5-mini',
];

/** 1–60 messages, skewed towards short conversations like real traffic. */
export function conversationLength(rng: Rng): number {
  const roll = rng.next();
  if (roll < 0.5) return rng.int(1, 4);
  if (roll < 0.8) return rng.int(5, 12);
  if (roll < 0.95) return rng.int(13, 30);
  return rng.int(31, 60);
}

function toolRound(rng: Rng, maxCalls: number): DraftMessage[] {
  const calls = Array.from({ length: rng.int(1, maxCalls) }, () =>
    rng.chance(0.5)
      ? functionCall(
          toolCallId(rng),
          'get_weather',
          JSON.stringify({ city: rng.pick(['Oslo', 'Lima', 'Cairo', 'Osaka']) }),
        )
      : functionCall(
          toolCallId(rng),
          'lookup_order',
          JSON.stringify({ order_id: `A-${rng.int(1000, 9999)}` }),
        ),
  );
  return [
    assistant(rng.chance(0.3) ? 'Checking that for you.' : null, calls),
    ...calls.map((c) =>
      tool(c.id, JSON.stringify({ ok: true, value: rng.int(1, 100), note: sentence(rng) })),
    ),
  ];
}

/** Input messages of exactly `count` items. */
export function randomDrafts(rng: Rng, count: number, withTools: boolean): DraftMessage[] {
  const drafts: DraftMessage[] = [];
  if (count >= 2) {
    const roll = rng.next();
    if (roll < 0.6) drafts.push(system(rng.pick(SYSTEM_PROMPTS)));
    else if (roll < 0.8) drafts.push(developer(rng.pick(DEVELOPER_PROMPTS)));
    if (count >= 4 && rng.chance(0.2)) drafts.push(developer(rng.pick(DEVELOPER_PROMPTS)));
  }
  const name = rng.chance(0.3) ? rng.pick(USER_NAMES) : undefined;
  while (drafts.length < count) {
    const last = drafts[drafts.length - 1];
    const remaining = count - drafts.length;
    if (!last || last.role !== 'user') {
      drafts.push(user(drafts.length < 3 ? rng.pick(USER_QUESTIONS) : variedText(rng), name));
    } else if (withTools && remaining >= 3 && rng.chance(0.35)) {
      drafts.push(...toolRound(rng, Math.min(3, remaining - 1)));
    } else {
      drafts.push(assistant(rng.chance(0.3) ? markdownAnswer(rng) : variedText(rng)));
    }
  }
  // Stored inputs end with the user (or a tool result): turn a trailing assistant turn around.
  const last = drafts[drafts.length - 1];
  if (last && last.role === 'assistant' && !last.tool_calls)
    drafts[drafts.length - 1] = user(sentence(rng), name);
  return drafts;
}

export function randomMetadata(rng: Rng, index: number): Metadata {
  if (rng.chance(0.2)) return {};
  const md: Metadata = {};
  if (rng.chance(0.8)) md.customer = rng.pick(CUSTOMERS);
  if (rng.chance(0.7)) md.env = rng.pick(ENVS);
  if (rng.chance(0.6)) md.feature = rng.pick(FEATURES);
  if (rng.chance(0.5)) md.user_id = `user_${rng.base62(8)}`;
  if (rng.chance(0.15)) md.prompt_version = `v${rng.int(1, 4)}.${rng.int(0, 9)}`;
  if (rng.chance(0.1)) md.trace_id = `trace-${index}-${rng.hex(12)}`;
  return md;
}

export function randomChoices(
  rng: Rng,
  drafts: readonly DraftMessage[],
  withTools: boolean,
): Omit<Choice, 'index'>[] {
  const roll = rng.next();
  if (withTools && roll < 0.15) {
    return [
      answer(null, 'tool_calls', {
        tool_calls: [functionCall(toolCallId(rng), 'get_weather', '{"city":"Reykjavik"}')],
      }),
    ];
  }
  if (roll < 0.22) {
    // Truncated by max_tokens: the text stops mid-sentence.
    const t = paragraph(rng, 3, 6);
    return [answer(t.slice(0, Math.floor(t.length * 0.6)), 'length')];
  }
  if (roll < 0.25) return [answer('I can share general information, but ', 'content_filter')];
  const lastUser = [...drafts].reverse().find((d) => d.role === 'user');
  const body = rng.chance(0.35) ? markdownAnswer(rng) : variedText(rng);
  return [
    answer(
      lastUser && rng.chance(0.1)
        ? `You asked: “${(lastUser.content ?? '').slice(0, 60)}”.\n\n${body}`
        : body,
    ),
  ];
}
