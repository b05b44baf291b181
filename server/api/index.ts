/**
 * The /v1 request handler: CORS and the key check (key-required mode only), routing, 404/405,
 * an optional interceptor (the test-only faults, mounted by app.ts when they are on), then
 * either the local store or the proxy. Every answer (except a CORS preflight) is JSON with an
 * x-request-id; errors use OpenAI's error shape.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLargeError,
  MAX_BODY_BYTES,
  newRequestId,
  readBody,
  safeHost,
  sendBody,
  type RouteHandler,
} from '../http-util.ts';
import { crossSiteRefusal, isJsonContentType, unsupportedMediaType } from '../security.ts';
import { createKeyCheck } from './auth.ts';
import { answerPreflight, setCorsHeaders } from './cors.ts';
import {
  ApiError,
  internalError,
  invalidUrl,
  methodNotAllowed,
  requestTooLarge,
} from './errors.ts';
import { handleLocal } from './local.ts';
import { createProxy, type ProxyConfig } from './proxy.ts';
import { ALLOWED_METHODS, matchRoute, type Route } from './router.ts';
import type { Store } from './store.ts';

export interface ApiHandlerOptions {
  /** Local mode: the data to serve. Ignored when `proxy` is set. */
  store?: Store;
  proxy?: ProxyConfig | null;
  /**
   * Sees every routed request (after the key, cross-site, method and content-type checks)
   * before the store or the proxy, and may answer it: the test-only faults (testing/faults.ts).
   * Absent in production.
   */
  intercept?: ApiInterceptor | null;
  /**
   * Demo data holds image URLs with this placeholder origin; each JSON answer replaces it with
   * the origin the browser used (Host header), so links work behind any host/port, including
   * the Vite dev server.
   */
  originPlaceholder?: string;
  /** Used when the Host header is missing or unusable. */
  fallbackOrigin?: () => string;
  /** Where unexpected errors are reported (never with request bodies). */
  log?: (line: string) => void;
  /**
   * Local mode only: every request needs `Authorization: Bearer <requireKey>` (401 otherwise,
   * as OpenAI answers), and /v1 speaks CORS like api.openai.com (see cors.ts). It also takes
   * cross-site requests and any content type, as api.openai.com does: the key guards it.
   */
  requireKey?: string | null;
}

/** How an interceptor answers: the API's own JSON and error answers, and its body limit. */
export interface ApiResponder {
  sendJson(status: number, body: unknown, headers?: Record<string, string>): Promise<void>;
  sendError(error: ApiError): Promise<void>;
  /** The request body, with the API's size limit (413 beyond it). */
  readBody(): Promise<Buffer>;
}

export interface InterceptedRequest {
  route: Route;
  /** Upper case. */
  method: string;
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  respond: ApiResponder;
}

/** Resolves true when it answered the request (or threw an ApiError for the API to answer). */
export type ApiInterceptor = (request: InterceptedRequest) => Promise<boolean>;

/** Mounted at /v1 (routes/v1.ts). */
export type ApiHandler = RouteHandler;

export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const proxy = options.proxy ? createProxy(options.proxy) : null;
  const log = options.log ?? ((line: string) => console.error(line));
  const requireKey = options.requireKey ?? null;
  if (requireKey !== null && proxy)
    throw new Error('requireKey is for the local API only; it cannot be combined with a proxy');
  const checkKey = requireKey !== null ? createKeyCheck(requireKey) : null;
  const intercept = options.intercept ?? null;

  const readPostBody = async (req: IncomingMessage): Promise<Buffer> => {
    try {
      return await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw requestTooLarge(MAX_BODY_BYTES);
      throw error;
    }
  };

  return async function handleApi(req, res, pathname, search) {
    const requestId = newRequestId();
    const method = (req.method ?? 'GET').toUpperCase();

    const sendJson = async (
      status: number,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      let json = JSON.stringify(body);
      if (options.originPlaceholder && json.includes(options.originPlaceholder)) {
        const host = safeHost(req.headers.host);
        const origin = host ? `http://${host}` : (options.fallbackOrigin?.() ?? 'http://localhost');
        json = json.split(options.originPlaceholder).join(origin);
      }
      await sendBody(
        req,
        res,
        status,
        { 'Content-Type': 'application/json', 'x-request-id': requestId, ...headers },
        Buffer.from(json, 'utf8'),
      );
    };
    const sendError = (error: ApiError) => sendJson(error.status, error.toJSON(), error.headers);

    if (checkKey) {
      // Before anything else, so 401s, 404s, faults and 500s all carry them.
      setCorsHeaders(res);
      if (method === 'OPTIONS') {
        answerPreflight(req, res);
        return;
      }
    }

    try {
      if (checkKey) {
        const denied = checkKey(req.headers.authorization);
        if (denied) throw denied;
      } else {
        // Another site's page must not read the local data nor spend the proxy's key.
        const refused = crossSiteRefusal(req);
        if (refused) throw refused;
      }
      const route = matchRoute(pathname);
      if (!route) throw invalidUrl(method, pathname);
      const allowed = ALLOWED_METHODS[route.kind];
      if (!allowed.includes(method)) throw methodNotAllowed(method, pathname, allowed);
      // A form or a "simple" fetch from elsewhere can send text/plain without a preflight.
      if (method === 'POST' && !checkKey && !isJsonContentType(req.headers['content-type']))
        throw unsupportedMediaType(req.headers['content-type']);
      const query = new URLSearchParams(search);

      if (intercept) {
        const respond = { sendJson, sendError, readBody: () => readPostBody(req) };
        if (await intercept({ route, method, query, req, res, respond })) return;
      }

      if (proxy) {
        res.setHeader('x-request-id', requestId); // replaced by the upstream's when it sends one
        await proxy(req, res, route, method, search);
        return;
      }
      if (!options.store) throw new Error('API handler has neither a store nor a proxy');

      const body = method === 'POST' ? await readPostBody(req) : undefined;
      const result = handleLocal(options.store, { method, route, query, body });
      await sendJson(result.status, result.body);
    } catch (error) {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (error instanceof ApiError) {
        await sendError(error);
        return;
      }
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`[viewer] 500 ${method} ${pathname} (${requestId}): ${message}`);
      await sendError(internalError());
    }
  };
}
