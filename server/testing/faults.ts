/**
 * Test-only fault switch (off by default; `startServer({ faults: true })`, `--faults` or
 * VIEWER_FAULTS=1). With it on, GET of these completion ids, and of their messages, answers
 * with the failure the id names, so the viewer's error states can be exercised end to end.
 * They never appear in lists. The full list, with what each answers, is in docs/security.md.
 *
 * Fixed ids: fault_401, fault_403, fault_429 (Retry-After: 3), fault_429_noretry (no
 * Retry-After), fault_500, fault_502, fault_503, fault_reset (the connection is dropped before
 * any answer), fault_reset_body (status, headers and half the body, then the connection is
 * dropped), fault_malformed (200 with cut-off JSON), fault_hang (never answers), fault_slow
 * (a normal answer after 2 s), fault_empty, fault_broken_message, fault_refuse_update.
 *
 * Parametrized ids: `fault_<family>` then any of `_x<N>`, `_p<P>`, `_t<tag>` (in any order, each
 * at most once); family one of 401, 403, 429, 429_noretry, 500, 502, 503, reset, reset_body,
 * malformed, hang or latency_<ms> (a normal answer after <ms> ms, at most 60000):
 * - `_x<N>`: fail only the first N times (counted per id and endpoint), then answer normally;
 *   POST /__viewer/reset starts the count again.
 * - `_p<P>`: the completion reads fine and its 350 input messages page normally, except the
 *   messages from the P-th page of 100 on (index >= (P-1)*100): only those requests fail.
 * - `_t<tag>`: any tag ([A-Za-z0-9-]), so that tests get their own counters.
 * E.g. `fault_503_p3_x3_tA1` fails the third page of messages three times, then serves it.
 *
 * Mutations: `fault_refuse_update` reads like a normal small completion, but refuses metadata
 * updates (400, after the normal body validation) and deletion (500). POST and DELETE on every
 * other fault id are not faults: they reach the local store, which answers its usual 404
 * ("No chat completion found with id 'fault_401'."), or, in proxy mode, the upstream.
 */
import type { ServerResponse } from 'node:http';
import { answer, assistant, completion, system, user, withIds } from '../data/builders.ts';
import { DEMO_BASE_TIME } from '../data/demo.ts';
import { Rng } from '../data/prng.ts';
import { newRequestId } from '../http-util.ts';
import { ApiError, internalError, invalidParam } from '../api/errors.ts';
import type { ApiResponder, InterceptedRequest } from '../api/index.ts';
import { parseJsonBody } from '../api/local.ts';
import { arrayMessageSource, generatedMessageSource } from '../api/message-source.ts';
import { parseMetadataUpdate } from '../api/metadata.ts';
import { pageByIndex, parsePageParams } from '../api/pagination.ts';
import type { Route } from '../api/router.ts';
import type { CompletionObject, MessageSource } from '../api/types.ts';

/** The fixed fault ids (the parametrized ones are built from these families). */
export const FAULT_IDS = [
  'fault_401',
  'fault_403',
  'fault_429',
  'fault_429_noretry',
  'fault_500',
  'fault_502',
  'fault_503',
  'fault_reset',
  'fault_reset_body',
  'fault_malformed',
  'fault_hang',
  'fault_empty',
  'fault_broken_message',
  'fault_slow',
  'fault_refuse_update',
] as const;

export type FaultId = (typeof FAULT_IDS)[number];

export const SLOW_FAULT_DELAY_MS = 2000;
/** The longest `fault_latency_<ms>`. */
export const MAX_FAULT_LATENCY_MS = 60_000;
/** Input messages of a `_p<P>` (later page) fault conversation. */
export const LATER_PAGE_MESSAGE_COUNT = 350;
/** `_p<P>` counts pages of this size (the viewer's). */
export const FAULT_PAGE_SIZE = 100;

export const REFUSED_UPDATE_MESSAGE =
  'Metadata updates are not allowed on this completion (test fault).';

type FailureFamily =
  | '401'
  | '403'
  | '429'
  | '429_noretry'
  | '500'
  | '502'
  | '503'
  | 'reset'
  | 'reset_body'
  | 'malformed'
  | 'hang'
  | 'latency';

/** What a fault id asks for. */
export type FaultSpec =
  | {
      kind: 'fixed';
      id: 'fault_empty' | 'fault_broken_message' | 'fault_slow' | 'fault_refuse_update';
    }
  | {
      kind: 'failure';
      id: string;
      family: FailureFamily;
      /** latency only. */
      latencyMs: number;
      /** `_x<N>`: fail this many times, then answer normally; null: always. */
      failTimes: number | null;
      /** `_p<P>`: only messages from index (P-1)*100 on fail; null: everything fails. */
      fromPage: number | null;
    };

const FAILURE_FAMILY =
  /^fault_(401|403|429_noretry|429|500|502|503|reset_body|reset|malformed|hang|latency_(\d{1,5}))(?=_|$)/;
const MODIFIER = /_(x\d{1,3}|p\d{1,3}|t[A-Za-z0-9-]{1,40})/y;

/** Parses a completion id as a fault id; null when it is none. */
export function parseFaultId(id: string): FaultSpec | null {
  if (
    id === 'fault_empty' ||
    id === 'fault_broken_message' ||
    id === 'fault_slow' ||
    id === 'fault_refuse_update'
  )
    return { kind: 'fixed', id };
  const m = FAILURE_FAMILY.exec(id);
  if (!m) return null;
  const family = (m[2] !== undefined ? 'latency' : m[1]) as FailureFamily;
  const latencyMs = m[2] !== undefined ? Number(m[2]) : 0;
  // Modifiers in any order, each at most once, nothing else after the family.
  const seen = new Map<string, string>();
  MODIFIER.lastIndex = m[0].length;
  while (MODIFIER.lastIndex < id.length) {
    const mod = MODIFIER.exec(id);
    if (!mod || seen.has(mod[1]![0]!)) return null;
    seen.set(mod[1]![0]!, mod[1]!.slice(1));
  }
  const failTimes = seen.has('x') ? Number(seen.get('x')) : null;
  const fromPage = seen.has('p') ? Number(seen.get('p')) : null;
  if (latencyMs > MAX_FAULT_LATENCY_MS || failTimes === 0 || fromPage === 0) return null;
  return { kind: 'failure', id, family, latencyMs, failTimes, fromPage };
}

/**
 * How often each `_x<N>` fault has failed so far, per id and endpoint. One per server; the
 * test-only POST /__viewer/reset clears it.
 */
export class FaultCounters {
  private readonly failures = new Map<string, number>();

  /** Records one more failure unless `limit` is used up; true when this request must fail. */
  shouldFail(key: string, limit: number | null): boolean {
    if (limit === null) return true;
    const done = this.failures.get(key) ?? 0;
    if (done >= limit) return false;
    this.failures.set(key, done + 1);
    return true;
  }

  reset(): void {
    this.failures.clear();
  }
}

/** Errors as OpenAI (or its edge) answers them. */
function faultError(family: FailureFamily): ApiError | null {
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

/** POST/DELETE of `fault_refuse_update`; errors are thrown for the API handler to answer. */
async function refuseMutation(method: string, respond: ApiResponder): Promise<never> {
  if (method === 'DELETE') throw internalError();
  // The normal validation first: a bad body gets the same 400 as anywhere else.
  parseMetadataUpdate(parseJsonBody(await respond.readBody()));
  throw new ApiError(400, REFUSED_UPDATE_MESSAGE, { param: 'metadata', code: null });
}

/** Resolves true when the client went away first. */
function waitOrClose(res: ServerResponse, ms: number | null): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (res.destroyed) return resolve(true);
    const timer = ms === null ? null : setTimeout(() => resolve(false), ms);
    res.once('close', () => {
      if (timer) clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The normal answer of a fault id: its completion, or a page of its messages. */
function normalAnswer(spec: FaultSpec, route: Route, query: URLSearchParams): unknown {
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

/** Whether this request falls on the failing part: everything, or the later pages only. */
function hitsFault(
  spec: Extract<FaultSpec, { kind: 'failure' }>,
  route: Route,
  page: unknown,
): boolean {
  if (spec.fromPage === null) return true;
  if (route.kind !== 'messages') return false;
  const first = (spec.fromPage - 1) * FAULT_PAGE_SIZE;
  const data = (page as { data: { id: string }[] }).data;
  return data.some((m) => Number(m.id.slice(spec.id.length + 1)) >= first);
}

/**
 * Answers the request if `route` names a fault id (GET; POST and DELETE of
 * fault_refuse_update). Returns false when the request is not a fault and should be handled
 * normally. The API's interceptor (see testing/index.ts).
 */
export async function handleFault(
  { route, method, query, req, res, respond }: InterceptedRequest,
  counters: FaultCounters,
): Promise<boolean> {
  if (route.kind === 'list') return false;
  const spec = parseFaultId(route.id);
  if (!spec) return false;
  if (method !== 'GET') {
    if (spec.id === 'fault_refuse_update' && route.kind === 'completion')
      await refuseMutation(method, respond);
    return false;
  }
  if (spec.kind === 'fixed') {
    if (spec.id === 'fault_slow' && (await waitOrClose(res, SLOW_FAULT_DELAY_MS))) return true;
    await respond.sendJson(200, normalAnswer(spec, route, query));
    return true;
  }

  // Built first: a bad cursor is a 400 whatever the fault, and `_p` needs the page's range.
  const body = normalAnswer(spec, route, query);
  if (
    !hitsFault(spec, route, body) ||
    !counters.shouldFail(`${spec.id}:${route.kind}`, spec.failTimes)
  ) {
    await respond.sendJson(200, body);
    return true;
  }
  const error = faultError(spec.family);
  if (error) {
    await respond.sendError(error);
    return true;
  }
  switch (spec.family) {
    case 'reset':
      // No answer at all: the client sees a network error.
      req.socket.destroy();
      return true;
    case 'reset_body': {
      // Status, headers and half the body, then the connection drops (a reset mid-answer).
      const full = Buffer.from(JSON.stringify(body), 'utf8');
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': full.length,
        'x-request-id': newRequestId(),
      });
      res.write(full.subarray(0, Math.floor(full.length / 2)));
      // Long enough for the partial body to reach the client before the reset.
      if (!(await waitOrClose(res, 100))) res.destroy();
      return true;
    }
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        `{"object": "${route.kind === 'completion' ? 'chat.completion' : 'list'}", "id": "${spec.id}", "choices": [{"index": 0, "mess`,
      );
      return true;
    case 'hang':
      // Never answers; the socket is freed when the client gives up (or the server closes).
      await waitOrClose(res, null);
      return true;
    case 'latency':
      if (await waitOrClose(res, spec.latencyMs)) return true;
      await respond.sendJson(200, body);
      return true;
    default:
      throw new Error(`unhandled fault family ${spec.family}`);
  }
}
