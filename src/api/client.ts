import { blockedByCsp, watchCspViolations } from './csp-violations.ts';
import {
  ApiError,
  CONNECTION_LOST,
  CSP_BLOCKED,
  REQUEST_TIMEOUT,
  parseRetryAfter,
} from './errors.ts';
import { parseCompletion, parseMessagesPage, parseCompletionsPage } from './parse.ts';
import { parseJson } from './exact-json.ts';
import type { CursorPage, MessageItem, StoredCompletion } from './types.ts';

/** Where requests go. The default is the same-origin `/v1` of `npm start` (local API or proxy). */
export interface Connection {
  baseURL: string;
  /** Only for a direct connection from a static build; never sent anywhere but `baseURL`. */
  apiKey?: string;
  organization?: string;
  project?: string;
}

export const defaultConnection: Connection = { baseURL: '/v1' };

export type Order = 'asc' | 'desc';

export interface PageParams {
  after?: string | undefined;
  limit?: number | undefined;
  order?: Order | undefined;
}

export interface ListCompletionsParams extends PageParams {
  model?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Builds a query string the way the official SDK does (`metadata[key]=value`). */
export function toQueryString(params: ListCompletionsParams): string {
  const search = new URLSearchParams();
  if (params.after) search.set('after', params.after);
  if (params.limit != null) search.set('limit', String(params.limit));
  if (params.order) search.set('order', params.order);
  if (params.model) search.set('model', params.model);
  for (const [key, value] of Object.entries(params.metadata ?? {})) {
    search.append(`metadata[${key}]`, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function joinUrl(baseURL: string, path: string): string {
  return baseURL.replace(/\/+$/, '') + path;
}

/** The path (below the base URL) of one stored completion. */
export function completionPath(id: string): string {
  return `/chat/completions/${encodeURIComponent(id)}`;
}

/** The path (below the base URL) of a page of a stored completion's input messages. */
export function messagesPath(id: string, params: PageParams): string {
  return `${completionPath(id)}/messages${toQueryString(params)}`;
}

/**
 * How long a request may go without any sign of life (the answer's headers, then each piece of
 * its body) before it is given up as hung. A build can shorten it with VITE_REQUEST_TIMEOUT_MS
 * (the e2e build does, to test a server that never answers without waiting this long).
 */
export const REQUEST_TIMEOUT_MS = ((): number => {
  const fromBuild = Number(import.meta.env.VITE_REQUEST_TIMEOUT_MS);
  return Number.isFinite(fromBuild) && fromBuild > 0 ? fromBuild : 30_000;
})();

/** An AbortSignal that fires when `outer` does, or after `ms` without a `touch()`. */
function idleTimeout(ms: number, outer: AbortSignal | undefined) {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const onAbort = () => controller.abort();
  if (outer?.aborted) controller.abort();
  else outer?.addEventListener('abort', onAbort, { once: true });
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/** Bodies larger than this are decoded and parsed in tasks of their own. */
const LARGE_BODY_BYTES = 1_000_000;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The body as text, restarting the idle timeout on every piece that arrives. Pieces are kept as
 * bytes and decoded once at the end: when the page is busy, many pieces queue up and would all
 * be decoded in one task. A large body (a data-URL image of megabytes) is decoded in a task of
 * its own, after the reading.
 */
async function readText(response: Response, touch: () => void): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const pieces: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    touch();
    pieces.push(value);
    size += value.byteLength;
  }
  if (size > LARGE_BODY_BYTES) await nextTask();
  const bytes = pieces.length === 1 ? pieces[0]! : new Uint8Array(size);
  if (pieces.length > 1) {
    let at = 0;
    for (const piece of pieces) {
      bytes.set(piece, at);
      at += piece.byteLength;
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (size > LARGE_BODY_BYTES) await nextTask();
  return text;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** The fetch options of every request: the connection's headers, no referrer. */
function fetchInit(
  connection: Connection,
  method: string,
  body: unknown,
  signal: AbortSignal,
): RequestInit {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (connection.apiKey) headers.Authorization = `Bearer ${connection.apiKey}`;
  if (connection.organization) headers['OpenAI-Organization'] = connection.organization;
  if (connection.project) headers['OpenAI-Project'] = connection.project;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
    signal,
    credentials: 'same-origin',
    referrerPolicy: 'no-referrer',
  };
}

/**
 * GETs started before the app's code had loaded (src/app/early-requests.ts starts them from the
 * page's URL), by URL. The first request for the same URL takes the answer instead of asking
 * again; one nobody takes is dropped after EARLY_REQUEST_TTL_MS.
 */
interface EarlyRequest {
  response: Promise<Response>;
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
}
const earlyRequests = new Map<string, EarlyRequest>();
/** Cleared when the app starts: from then on it asks for itself. */
let earlyStartOpen = true;
/** Long enough for a slow device to boot the app; short enough not to serve a stale answer. */
const EARLY_REQUEST_TTL_MS = 15_000;

function dropEarlyRequest(url: string) {
  const early = earlyRequests.get(url);
  if (!early) return;
  earlyRequests.delete(url);
  clearTimeout(early.timer);
  early.controller.abort();
}

/**
 * Starts GETs of `paths` (below `baseURL`) exactly as a client for a connection without a key
 * would send them, for that client's first request of each URL to take over.
 */
export function startEarlyRequests(baseURL: string, paths: readonly string[]): void {
  if (!earlyStartOpen) return;
  for (const path of paths) {
    const url = joinUrl(baseURL, path);
    if (earlyRequests.has(url)) continue;
    const controller = new AbortController();
    const response = fetch(url, fetchInit({ baseURL }, 'GET', undefined, controller.signal));
    // Its failure belongs to whoever takes it; untaken, it is nobody's.
    response.catch(() => {});
    const timer = setTimeout(() => dropEarlyRequest(url), EARLY_REQUEST_TTL_MS);
    earlyRequests.set(url, { response, controller, timer });
  }
}

/**
 * The app has started: early requests started later would only ask again for what its queries
 * ask for (the early entry loads `async`, so it could in principle run after the app).
 */
export function endEarlyStart(): void {
  earlyStartOpen = false;
}

/** Cancels the early requests nobody took (e.g. the connection changed). */
export function dropEarlyRequests(): void {
  for (const url of [...earlyRequests.keys()]) dropEarlyRequest(url);
}

/**
 * The early request for this URL, if one is waiting and this request would be the same: a GET
 * without a body through a connection that adds no headers. Each is taken once.
 */
function takeEarlyRequest(
  connection: Connection,
  url: string,
  method: string,
  body: unknown,
): EarlyRequest | null {
  if (method !== 'GET' || body !== undefined) return null;
  if (connection.apiKey || connection.organization || connection.project) return null;
  const early = earlyRequests.get(url);
  if (!early) return null;
  earlyRequests.delete(url);
  clearTimeout(early.timer);
  return early;
}

/** The early request's answer, given up like a fetch of our own when `signal` aborts. */
function earlyResponse(early: EarlyRequest, signal: AbortSignal): Promise<Response> {
  if (signal.aborted) early.controller.abort();
  else signal.addEventListener('abort', () => early.controller.abort(), { once: true });
  return early.response;
}

async function request(
  connection: Connection,
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal | undefined } = {},
  timeoutMs: number = REQUEST_TIMEOUT_MS,
): Promise<unknown> {
  const url = joinUrl(connection.baseURL, path);
  const method = init.method ?? 'GET';
  const early = takeEarlyRequest(connection, url, method, init.body);
  watchCspViolations();
  const timeout = idleTimeout(timeoutMs, init.signal);
  let response: Response;
  let text: string;
  try {
    try {
      response = early
        ? await earlyResponse(early, timeout.signal)
        : await fetch(url, fetchInit(connection, method, init.body, timeout.signal));
    } catch (cause) {
      // Aborts are not failures: let TanStack Query see them as cancellations.
      if (init.signal?.aborted) throw cause;
      if (timeout.timedOut())
        throw new ApiError(
          'network',
          `The server did not answer within ${seconds(timeoutMs)}. It may be overloaded or stuck; try again.`,
          { code: REQUEST_TIMEOUT },
        );
      if (await blockedByCsp(url)) {
        const origin = new URL(url, globalThis.location?.href).origin;
        throw new ApiError(
          'network',
          `This page’s Content-Security-Policy does not allow connections to ${origin}, so the browser blocked the request. Where npm start serves the viewer, add ${origin} to VIEWER_CONNECT_SRC (origins separated by spaces) and restart it; on another host, add it to connect-src in the page’s Content-Security-Policy header (see docs/security.md).`,
          { code: CSP_BLOCKED },
        );
      }
      throw new ApiError(
        'network',
        'The server could not be reached (network down, server stopped, or the request was blocked by the browser, e.g. CORS).',
      );
    }
    timeout.touch();
    try {
      text = await readText(response, timeout.touch);
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      const requestId = response.headers.get('x-request-id');
      if (timeout.timedOut())
        throw new ApiError(
          'network',
          `The answer stopped arriving: nothing came for ${seconds(timeoutMs)}. Try again.`,
          { status: response.status, requestId, code: REQUEST_TIMEOUT },
        );
      throw new ApiError('network', 'The connection was lost while the answer was arriving.', {
        status: response.status,
        requestId,
        code: CONNECTION_LOST,
      });
    }
  } finally {
    timeout.dispose();
  }

  const requestId = response.headers.get('x-request-id');

  let body: unknown = undefined;
  let parsed = true;
  try {
    body = text === '' ? undefined : parseJson(text);
  } catch {
    parsed = false;
  }

  if (!response.ok) {
    const error = errorObject(body);
    throw new ApiError('http', error?.message ?? defaultMessage(response.status), {
      status: response.status,
      type: error?.type ?? null,
      code: error?.code ?? null,
      param: error?.param ?? null,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
      requestId,
    });
  }
  if (!parsed || body === undefined) {
    throw new ApiError('malformed', 'The server answered with something that is not JSON.', {
      status: response.status,
      requestId,
    });
  }
  return body;
}

function errorObject(
  body: unknown,
): { message?: string; type?: string; code?: string; param?: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const pick = (key: string) => {
    const value = (error as Record<string, unknown>)[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const result: { message?: string; type?: string; code?: string; param?: string } = {};
  const message = pick('message');
  if (message !== undefined) result.message = message;
  const type = pick('type');
  if (type !== undefined) result.type = type;
  const code = pick('code');
  if (code !== undefined) result.code = code;
  const param = pick('param');
  if (param !== undefined) result.param = param;
  return result;
}

function defaultMessage(status: number): string {
  return `The server answered ${status} without an error message.`;
}

function malformed(what: string, reason: string): ApiError {
  return new ApiError('malformed', `The server's answer is not a valid ${what}: ${reason}.`);
}

export interface ApiClientOptions {
  /** See REQUEST_TIMEOUT_MS (its default). */
  timeoutMs?: number;
}

/** The typed client for the stored-completions endpoints. */
export function createApiClient(
  connection: Connection = defaultConnection,
  options: ApiClientOptions = {},
) {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const requestJson = (
    conn: Connection,
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal | undefined } = {},
  ) => request(conn, path, init, timeoutMs);
  return {
    async listCompletions(
      params: ListCompletionsParams,
      signal?: AbortSignal,
    ): Promise<CursorPage<StoredCompletion>> {
      const body = await requestJson(connection, `/chat/completions${toQueryString(params)}`, {
        signal,
      });
      const page = parseCompletionsPage(body);
      if (!page.ok) throw malformed('list of stored completions', page.reason);
      return page.value;
    },

    async getCompletion(id: string, signal?: AbortSignal): Promise<StoredCompletion> {
      const body = await requestJson(connection, completionPath(id), { signal });
      const completion = parseCompletion(body);
      if (!completion.ok) throw malformed('stored completion', completion.reason);
      return completion.value;
    },

    /** Replaces the metadata of a stored completion; answers the updated completion. */
    async updateCompletion(
      id: string,
      metadata: Record<string, string>,
      signal?: AbortSignal,
    ): Promise<StoredCompletion> {
      const body = await requestJson(connection, completionPath(id), {
        method: 'POST',
        body: { metadata },
        signal,
      });
      const completion = parseCompletion(body);
      if (!completion.ok) throw malformed('stored completion', completion.reason);
      return completion.value;
    },

    async deleteCompletion(
      id: string,
      signal?: AbortSignal,
    ): Promise<{ id: string; deleted: boolean }> {
      const body = await requestJson(connection, completionPath(id), {
        method: 'DELETE',
        signal,
      });
      if (typeof body !== 'object' || body === null || !('deleted' in body)) {
        throw malformed('deletion answer', 'it has no `deleted` field');
      }
      const deleted = (body as { deleted: unknown }).deleted === true;
      return { id, deleted };
    },

    async listMessages(
      id: string,
      params: PageParams,
      signal?: AbortSignal,
    ): Promise<CursorPage<MessageItem>> {
      const body = await requestJson(connection, messagesPath(id, params), { signal });
      const page = parseMessagesPage(body);
      if (!page.ok) throw malformed('page of messages', page.reason);
      return page.value;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * GET a JSON answer from the viewer's own server (`/__viewer/…`, beside the page, never the
 * API's base URL), with the same errors, timeout and abort handling as the API's requests.
 */
export function requestViewerJson(path: string, signal?: AbortSignal): Promise<unknown> {
  return request({ baseURL: `${import.meta.env.BASE_URL}__viewer` }, path, { signal });
}
