/**
 * Test-only fault switch (off by default; `startServer({ faults: true })`, `--faults` or
 * VIEWER_FAULTS=1). With it on, GET of these completion ids, and of their messages, answers
 * with the failure the id names, so the viewer's error states can be exercised end to end.
 * They never appear in lists.
 *
 * Mutations: `fault_refuse_update` reads like a normal small completion, but refuses metadata
 * updates (400, after the normal body validation) and deletion (500). POST and DELETE on every
 * other fault id are not faults: they reach the local store, which answers its usual 404
 * ("No chat completion found with id 'fault_401'."), or, in proxy mode, the upstream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, assistant, completion, system, user, withIds } from '../data/builders.ts';
import { DEMO_BASE_TIME } from '../data/demo.ts';
import { Rng } from '../data/prng.ts';
import { ApiError, internalError } from './errors.ts';
import { parseJsonBody } from './local.ts';
import { parseMetadataUpdate } from './metadata.ts';
import { pageByIndex } from './pagination.ts';
import type { Route } from './router.ts';
import type { CompletionObject } from './types.ts';

export const FAULT_IDS = [
  'fault_401',
  'fault_403',
  'fault_429',
  'fault_429_noretry',
  'fault_500',
  'fault_502',
  'fault_503',
  'fault_reset',
  'fault_malformed',
  'fault_empty',
  'fault_broken_message',
  'fault_slow',
  'fault_refuse_update',
] as const;

export type FaultId = (typeof FAULT_IDS)[number];

export const SLOW_FAULT_DELAY_MS = 2000;

export const REFUSED_UPDATE_MESSAGE =
  'Metadata updates are not allowed on this completion (test fault).';

const isFaultId = (id: string): id is FaultId => (FAULT_IDS as readonly string[]).includes(id);

/** Errors as OpenAI (or its edge) answers them. */
function faultError(id: FaultId): ApiError | null {
  switch (id) {
    case 'fault_401':
      return new ApiError(
        401,
        'Incorrect API key provided: sk-proj-********************************************WxYz. You can find your API key at https://platform.openai.com/account/api-keys.',
        { code: 'invalid_api_key' },
      );
    case 'fault_403':
      return new ApiError(
        403,
        "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
        { code: null },
      );
    case 'fault_429':
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
    case 'fault_429_noretry':
      // The quota variant of 429: no Retry-After, waiting does not help.
      return new ApiError(
        429,
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        { type: 'insufficient_quota', code: 'insufficient_quota' },
      );
    case 'fault_500':
      return new ApiError(
        500,
        'The server had an error while processing your request. Sorry about that!',
        {
          type: 'server_error',
        },
      );
    case 'fault_502':
      // As OpenAI's Cloudflare edge answers it: note the numeric `code`.
      return new ApiError(502, 'Bad gateway.', { type: 'cf_bad_gateway', code: 502 });
    case 'fault_503':
      return new ApiError(503, 'The server is overloaded or not ready yet.', {
        type: 'server_error',
      });
    default:
      return null;
  }
}

function faultCompletion(id: FaultId, content: string): CompletionObject {
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

function faultAnswer(id: FaultId): string {
  switch (id) {
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

function faultMessages(id: FaultId): unknown[] {
  if (id === 'fault_empty') return [];
  if (id === 'fault_refuse_update') {
    return withIds(id, [
      system('You are a helpful assistant.'),
      user('Can you tag this conversation for review?'),
      assistant('I can’t change my own metadata, but the viewer can.'),
      user('Then I will edit it there.'),
    ]);
  }
  const normal = withIds(id, [
    system('You are a helpful assistant.'),
    user('Hello! This conversation contains a few broken items.'),
    assistant('Hi! The viewer should still show me.'),
    user('And me, after the broken ones.'),
    assistant('And me, last of the input messages.'),
  ]);
  if (id !== 'fault_broken_message') return normal;
  return [
    normal[0],
    normal[1],
    null,
    normal[2],
    'this string is not a message',
    { id: `${id}-5`, content: 'I have no role', name: null, content_parts: null },
    normal[3],
    normal[4],
  ];
}

export interface FaultResponder {
  sendJson(status: number, body: unknown, headers?: Record<string, string>): Promise<void>;
  sendError(error: ApiError): Promise<void>;
  /** The request body, with the API's size limit (413 beyond it). */
  readBody(): Promise<Buffer>;
}

/** POST/DELETE of `fault_refuse_update`; errors are thrown for the API handler to answer. */
async function refuseMutation(method: string, respond: FaultResponder): Promise<never> {
  if (method === 'DELETE') throw internalError();
  // The normal validation first: a bad body gets the same 400 as anywhere else.
  parseMetadataUpdate(parseJsonBody(await respond.readBody()));
  throw new ApiError(400, REFUSED_UPDATE_MESSAGE, { param: 'metadata', code: null });
}

/**
 * Answers the request if `route` names a fault id (GET; POST and DELETE of
 * fault_refuse_update). Returns false when the request is not a fault and should be handled
 * normally.
 */
export async function handleFault(
  route: Route,
  method: string,
  query: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  respond: FaultResponder,
): Promise<boolean> {
  if (route.kind === 'list' || !isFaultId(route.id)) return false;
  const id = route.id;
  if (method !== 'GET') {
    if (id === 'fault_refuse_update' && route.kind === 'completion')
      await refuseMutation(method, respond);
    return false;
  }
  const error = faultError(id);
  if (error) {
    await respond.sendError(error);
    return true;
  }
  switch (id) {
    case 'fault_reset':
      // No answer at all: the client sees a network error.
      req.socket.destroy();
      return true;
    case 'fault_malformed':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        '{"object": "chat.completion", "id": "fault_malformed", "choices": [{"index": 0, "mess',
      );
      return true;
    case 'fault_slow': {
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), SLOW_FAULT_DELAY_MS);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (closed) return true;
      break;
    }
    default:
      break;
  }
  if (route.kind === 'completion') {
    await respond.sendJson(200, faultCompletion(id, faultAnswer(id)));
    return true;
  }
  const items = faultMessages(id);
  const limit = Math.min(100, Math.max(1, Number(query.get('limit')) || 20));
  const order = query.get('order') === 'desc' ? 'desc' : 'asc';
  await respond.sendJson(
    200,
    pageByIndex(items.length, (i) => items[i], null, { limit, order }),
  );
  return true;
}
