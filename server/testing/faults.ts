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
import { ApiError, internalError } from '../api/errors.ts';
import type { ApiResponder, InterceptedRequest } from '../api/index.ts';
import { parseJsonBody } from '../api/local.ts';
import { parseMetadataUpdate } from '../api/metadata.ts';
import type { Route } from '../api/router.ts';
import { newRequestId } from '../http-util.ts';
import { faultError, normalAnswer } from './fault-content.ts';
import {
  FAULT_PAGE_SIZE,
  REFUSED_UPDATE_MESSAGE,
  SLOW_FAULT_DELAY_MS,
  parseFaultId,
  type FaultCounters,
  type FaultSpec,
} from './fault-ids.ts';

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
