/**
 * The demo dataset, generated in memory at startup: deterministic (seeded PRNG, fixed base date),
 * ~240 stored completions over 90 days. Image URLs are absolute, built from `origin`.
 */
import { completion, answer, user, withIds, type CompletionInput } from './builders.ts';
import {
  DEMO_IDS,
  HUGE_MESSAGE_COUNT,
  LONG_MESSAGE_COUNT,
  ODD_METADATA_KEY,
  ODD_METADATA_VALUE,
} from './demo-ids.ts';
import { longConversation } from './long.ts';
import { Rng } from './prng.ts';
import {
  MODELS,
  conversationLength,
  randomChoices,
  randomDrafts,
  randomMetadata,
} from './random.ts';
import {
  DEMO_TOOLS,
  bigImageConversation,
  expiredImageConversation,
  hostileConversation,
  imagesConversation,
  markdownConversation,
  refusalConversation,
  rtlConversation,
  toolsConversation,
  type SpecialConversation,
} from './special.ts';
import { richConversation } from './special-rich.ts';
import { toolPagesConversation } from './special-tool-pages.ts';
import { arrayMessageSource, generatedMessageSource } from '../api/message-source.ts';
import type { StoredCompletion } from '../api/types.ts';

/** 2026-11-01T00:00:00Z: every `created` is at most this, never derived from the clock. */
export const DEMO_BASE_TIME = Date.UTC(2026, 10, 1) / 1000;
const DAY = 86_400;
/** Ordinary conversations besides the special ones. */
export const DEMO_RANDOM_COUNT = 232;

export interface DemoOptions {
  /** Public origin for image URLs, e.g. "http://127.0.0.1:4173" (no trailing slash). */
  origin: string;
}

function special(
  id: string,
  created: number,
  conv: SpecialConversation,
  rng: Rng,
  metadata = {},
): StoredCompletion {
  const input: CompletionInput = {
    id,
    created,
    model: conv.model,
    rng,
    drafts: conv.drafts,
    choices: conv.choices,
    metadata,
    tools: conv.tools ?? null,
    toolChoice: conv.toolChoice,
    request: conv.request,
  };
  return { completion: completion(input), messages: arrayMessageSource(withIds(id, conv.drafts)) };
}

export function generateDemoDataset(options: DemoOptions): StoredCompletion[] {
  const origin = options.origin.replace(/\/+$/, '');
  const out: StoredCompletion[] = [];
  const at = (daysAgo: number) => DEMO_BASE_TIME - Math.round(daysAgo * DAY);

  // --- the well-known conversations -------------------------------------------------------
  out.push(
    special(DEMO_IDS.images, at(3.2), imagesConversation(origin), new Rng('images'), {
      feature: 'vision',
      env: 'prod',
    }),
  );
  out.push(
    special(DEMO_IDS.tools, at(5.1), toolsConversation(), new Rng('tools'), {
      customer: 'acme',
      feature: 'support-bot',
      env: 'prod',
    }),
  );
  out.push(
    special(DEMO_IDS.refusal, at(7.4), refusalConversation(), new Rng('refusal'), { env: 'prod' }),
  );
  out.push(
    special(
      DEMO_IDS.markdown,
      at(9.6),
      markdownConversation(new Rng('markdown-text')),
      new Rng('markdown'),
      { feature: 'code-review' },
    ),
  );
  out.push(
    special(DEMO_IDS.rtl, at(12.3), rtlConversation(), new Rng('rtl'), {
      customer: 'globex',
      feature: 'translate',
      locale: 'ar-EG',
    }),
  );
  out.push(special(DEMO_IDS.bigImage, at(15.8), bigImageConversation(), new Rng('big')));
  out.push(special(DEMO_IDS.hostile, at(17.1), hostileConversation(origin), new Rng('hostile')));
  out.push(
    special(DEMO_IDS.expiredImage, at(20.5), expiredImageConversation(origin), new Rng('expired'), {
      feature: 'vision',
      env: 'staging',
    }),
  );

  out.push(
    special(DEMO_IDS.rich, at(2.4), richConversation(at(2.4), DEMO_BASE_TIME), new Rng('rich'), {
      feature: 'research',
      env: 'prod',
    }),
  );

  out.push(
    special(
      DEMO_IDS.toolPages,
      at(4.3),
      toolPagesConversation(new Rng('tool-pages-text')),
      new Rng('tool-pages'),
      { customer: 'acme', feature: 'finance-bot', env: 'staging' },
    ),
  );

  // The long conversation is generated per index on request; only its count is known upfront.
  const longRng = new Rng('long');
  out.push({
    completion: completion({
      id: DEMO_IDS.long,
      created: at(1.5),
      model: 'gpt-4.1',
      rng: longRng,
      drafts: [],
      promptTokens: LONG_MESSAGE_COUNT * 71, // estimate: the messages are never all materialized
      choices: [
        answer(
          'That wraps up the session. Summary of the last 10,000 messages: the cursor bug is fixed, the cache key includes the locale, and retries back off exponentially. 🎉',
        ),
      ],
      metadata: { customer: 'hooli', env: 'dev', feature: 'code-review', user_id: 'user_l0ngS3ss' },
      serviceTier: 'flex',
    }),
    messages: generatedMessageSource(
      DEMO_IDS.long,
      LONG_MESSAGE_COUNT,
      longConversation(DEMO_IDS.long, LONG_MESSAGE_COUNT, origin),
    ),
  });

  // The 100,000-message conversation: the same generator, page by page, nothing held.
  out.push({
    completion: completion({
      id: DEMO_IDS.huge,
      created: at(26.3),
      model: 'gpt-4.1',
      rng: new Rng('huge'),
      drafts: [],
      promptTokens: HUGE_MESSAGE_COUNT * 71, // estimate, as for the long one
      choices: [
        answer(
          'Done: all 100,000 messages are read. The flaky test was a race in the cursor cache.',
        ),
      ],
      metadata: { customer: 'hooli', env: 'dev', feature: 'scale-test' },
    }),
    messages: generatedMessageSource(
      DEMO_IDS.huge,
      HUGE_MESSAGE_COUNT,
      longConversation(DEMO_IDS.huge, HUGE_MESSAGE_COUNT, origin),
    ),
  });

  // --- ordinary conversations -------------------------------------------------------------
  const idRng = new Rng('completion-ids');
  let previousCreated = at(45);
  for (let i = 0; i < DEMO_RANDOM_COUNT; i++) {
    const rng = new Rng(`completion:${i}`);
    let id = `chatcmpl-${idRng.base62(29)}`;
    if (i === 50) id = DEMO_IDS.oddMetadataA;
    if (i === 51) id = DEMO_IDS.oddMetadataB;
    // 1 message exactly, 60 messages exactly, then the usual distribution.
    const count = i === 0 ? 1 : i === 1 ? 60 : conversationLength(rng);
    const withTools = rng.chance(0.25);
    const drafts = randomDrafts(rng, count, withTools);
    let choices = randomChoices(rng, drafts, withTools);
    // A few completions share a timestamp so the (created, id) tie-break is exercised.
    const created =
      i >= 10 && i <= 12 ? previousCreated : DEMO_BASE_TIME - rng.int(3_600, 90 * DAY);
    previousCreated = created;
    let model = rng.pick(MODELS);
    const metadata = randomMetadata(rng, i);
    if (i === 50 || i === 51) {
      metadata[ODD_METADATA_KEY] = ODD_METADATA_VALUE;
      metadata.customer = i === 50 ? 'acme' : 'globex';
    }
    if (i === 20 || i === 21) {
      // n=2: two alternative answers.
      choices = [
        answer(`Option A: ${drafts.length} messages read.`),
        answer('Option B: a shorter answer.'),
      ];
    }
    let request: Record<string, unknown> | undefined;
    if (i === 20 || i === 21) request = { n: 2 };
    if (i === 30) {
      // A request parameter the viewer has no view of its own for: listed as another field.
      request = { web_search_options: { search_context_size: 'medium' } };
      model = 'gpt-4o-search-preview';
      const cite = 'the OpenAI API reference';
      const content = `According to ${cite}, stored completions are listed with cursor pagination.`;
      const start = content.indexOf(cite);
      choices = [
        answer(content, 'stop', {
          annotations: [
            {
              type: 'url_citation',
              url_citation: {
                start_index: start,
                end_index: start + cite.length,
                url: 'https://platform.openai.com/docs/api-reference/chat/list',
                title: 'List Chat Completions',
              },
            },
          ],
        }),
      ];
    }
    if (i === 40) {
      choices = [
        {
          ...answer('Yes.'),
          logprobs: {
            content: [
              {
                token: 'Yes',
                logprob: -0.0012,
                bytes: [89, 101, 115],
                top_logprobs: [{ token: 'Yes', logprob: -0.0012, bytes: [89, 101, 115] }],
              },
              { token: '.', logprob: -0.02, bytes: [46], top_logprobs: [] },
            ],
            refusal: null,
          },
        },
      ];
      drafts.push(user('Answer with yes or no.'));
    }
    out.push({
      completion: completion({
        id,
        created,
        model,
        rng,
        drafts,
        choices,
        metadata,
        tools: withTools ? DEMO_TOOLS.slice(0, 2) : null,
        toolChoice: withTools ? 'auto' : null,
        serviceTier: rng.chance(0.1) ? 'flex' : rng.chance(0.05) ? 'priority' : 'default',
        request,
      }),
      messages: arrayMessageSource(withIds(id, drafts)),
    });
  }
  return out;
}
