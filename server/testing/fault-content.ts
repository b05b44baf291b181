/** What fault ids answer: OpenAI's errors, and their completions and messages when they answer. */
import { answer, assistant, completion, system, user, withIds } from '../data/builders.ts';
import { DEMO_BASE_TIME } from '../data/demo.ts';
import { Rng } from '../data/prng.ts';
import { ApiError, invalidParam } from '../api/errors.ts';
import { arrayMessageSource, generatedMessageSource } from '../api/message-source.ts';
import { pageByIndex, parsePageParams } from '../api/pagination.ts';
import type { Route } from '../api/router.ts';
import type { CompletionObject, MessageSource } from '../api/types.ts';
import { LATER_PAGE_MESSAGE_COUNT, type FailureFamily, type FaultSpec } from './fault-ids.ts';

/** Errors as OpenAI (or its edge) answers them. */
export function faultError(family: FailureFamily): ApiError | null {
  switch (family) {
    case '401':
      return new ApiError(
        401,
        'Incorrect API key provided: sk-proj-********************************************WxYz. You can find your API key at https://platform.openai.com/account/api-keys.',
        { code: 'invalid_api_key' },
      );
    case '403':
      return new ApiError(
        403,
        "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
        { code: null },
      );
    case '429':
      return new ApiError(
        429,
        'Rate limit reached for requests in organization org-demo on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 3s. Visit https://platform.openai.com/account/rate-limits to learn more.',
        {
          type: 'requests',
          code: 'rate_limit_exceeded',
          headers: {
            'Retry-After': '3',
            'x-ratelimit-limit-requests': '3',
            'x-ratelimit-remaining-requests': '0',
            'x-ratelimit-reset-requests': '3s',
          },
        },
      );
    case '429_noretry':
      // The quota variant of 429: no Retry-After, waiting does not help.
      return new ApiError(
        429,
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        { type: 'insufficient_quota', code: 'insufficient_quota' },
      );
    case '500':
      return new ApiError(
        500,
        'The server had an error while processing your request. Sorry about that!',
        {
          type: 'server_error',
        },
      );
    case '502':
      // As OpenAI's Cloudflare edge answers it: note the numeric `code`.
      return new ApiError(502, 'Bad gateway.', { type: 'cf_bad_gateway', code: 502 });
    case '503':
      return new ApiError(503, 'The server is overloaded or not ready yet.', {
        type: 'server_error',
      });
    default:
      return null;
  }
}

function faultCompletion(id: string, content: string): CompletionObject {
  return completion({
    id,
    created: DEMO_BASE_TIME - 600,
    model: 'gpt-4o-mini',
    rng: new Rng(id),
    drafts: [],
    promptTokens: 42,
    choices: [answer(content)],
    metadata: id === 'fault_refuse_update' ? { env: 'test', fault: id } : { fault: id },
  });
}

function faultAnswer(spec: FaultSpec): string {
  if (spec.kind === 'failure') {
    if (spec.fromPage !== null)
      return `The answer after ${LATER_PAGE_MESSAGE_COUNT} input messages; only later pages of them fail.`;
    return 'This answer arrived once the fault let go.';
  }
  switch (spec.id) {
    case 'fault_empty':
      return 'This completion has no stored input messages, only this answer.';
    case 'fault_slow':
      return 'This answer took two seconds to arrive.';
    case 'fault_refuse_update':
      return 'Reading me works; editing my metadata or deleting me fails.';
    default:
      return 'The answer is fine even though some input messages are broken.';
  }
}

const FILLER = [
  'The cursor moved on as it should.',
  'Nothing was lost between the pages.',
  'Retrying from the failed page keeps what was read.',
  'Scrolling stays where the reader left it.',
];

/** Message i of a later-page conversation: numbered, of varying height. */
function laterPageMessage(id: string) {
  return (i: number) => {
    const lines = [`Message ${i} of ${LATER_PAGE_MESSAGE_COUNT}.`];
    for (let k = 0; k < i % 4; k++) lines.push(FILLER[(i + k) % FILLER.length]!);
    const draft =
      i === 0
        ? system(lines.join('\n\n'))
        : i % 2
          ? user(lines.join('\n\n'))
          : assistant(lines.join('\n\n'));
    return { id: `${id}-${i}`, ...draft };
  };
}

function faultMessages(spec: FaultSpec): MessageSource {
  const id = spec.id;
  if (spec.kind === 'failure' && spec.fromPage !== null)
    return generatedMessageSource(id, LATER_PAGE_MESSAGE_COUNT, laterPageMessage(id));
  if (id === 'fault_empty') return arrayMessageSource([]);
  if (id === 'fault_refuse_update') {
    return arrayMessageSource(
      withIds(id, [
        system('You are a helpful assistant.'),
        user('Can you tag this conversation for review?'),
        assistant('I can’t change my own metadata, but the viewer can.'),
        user('Then I will edit it there.'),
      ]),
    );
  }
  const normal = withIds(id, [
    system('You are a helpful assistant.'),
    user('Hello! This conversation contains a few broken items.'),
    assistant('Hi! The viewer should still show me.'),
    user('And me, after the broken ones.'),
    assistant('And me, last of the input messages.'),
  ]);
  if (id !== 'fault_broken_message') return arrayMessageSource(normal);
  return arrayMessageSource([
    normal[0],
    normal[1],
    null,
    normal[2],
    'this string is not a message',
    { id: `${id}-5`, content: 'I have no role', name: null, content_parts: null },
    normal[3],
    normal[4],
  ]);
}

/** The normal answer of a fault id: its completion, or a page of its messages. */
export function normalAnswer(spec: FaultSpec, route: Route, query: URLSearchParams): unknown {
  if (route.kind === 'completion') return faultCompletion(spec.id, faultAnswer(spec));
  const source = faultMessages(spec);
  const params = parsePageParams(query);
  let afterIndex: number | null = null;
  if (params.after !== null) {
    afterIndex = source.indexOf(params.after);
    if (afterIndex < 0)
      throw invalidParam(
        'after',
        `Invalid 'after': no message found with id '${params.after}' in chat completion '${spec.id}'.`,
      );
  }
  return pageByIndex(source.count, (i) => source.at(i), afterIndex, params);
}
