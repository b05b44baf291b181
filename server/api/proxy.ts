/**
 * Proxy mode: with OPENAI_API_KEY set, the stored-completions operations are forwarded to the
 * real API. The key is added here, on the server; whatever Authorization the browser sent is
 * dropped, and the key never reaches logs or responses. Only the five viewer operations are
 * forwarded (anything else under /v1 is a local 404/405), so a page cannot spend the key on
 * other endpoints such as creating completions.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BodyTooLargeError,
  MAX_BODY_BYTES,
  newRequestId,
  readBody,
  sendBody,
} from '../http-util.ts';
import { ApiError, requestTooLarge } from './errors.ts';
import type { Route } from './router.ts';

export interface ProxyConfig {
  apiKey: string;
  /** e.g. https://api.openai.com/v1 (OPENAI_BASE_URL). */
  baseURL: string;
  organization?: string;
  project?: string;
  /** Upstream timeout; default 60 s. */
  timeoutMs?: number;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Upstream response headers worth passing to the browser. */
function passHeader(name: string): boolean {
  return (
    name === 'content-type' ||
    name === 'retry-after' ||
    name === 'retry-after-ms' ||
    name === 'x-request-id' ||
    name.startsWith('openai-') ||
    name.startsWith('x-ratelimit-')
  );
}

/** Reads the proxy settings the way the official SDK reads its environment. */
export function proxyConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ProxyConfig | null {
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (!apiKey) return null;
  const config: ProxyConfig = { apiKey, baseURL: env.OPENAI_BASE_URL?.trim() || DEFAULT_BASE_URL };
  if (env.OPENAI_ORG_ID?.trim()) config.organization = env.OPENAI_ORG_ID.trim();
  if (env.OPENAI_PROJECT_ID?.trim()) config.project = env.OPENAI_PROJECT_ID.trim();
  return config;
}

function upstreamPath(route: Route): string {
  switch (route.kind) {
    case 'list':
      return '/chat/completions';
    case 'completion':
      return `/chat/completions/${route.rawId}`;
    case 'messages':
      return `/chat/completions/${route.rawId}/messages`;
  }
}

/** Masks the key if an upstream ever echoed it back (real OpenAI already masks it). */
function scrub(text: string, key: string): string {
  return key.length >= 8 && text.includes(key)
    ? text.split(key).join(`${key.slice(0, 3)}***`)
    : text;
}

function describeFailure(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const code =
      cause && typeof cause === 'object' && 'code' in cause
        ? String((cause as { code: unknown }).code)
        : '';
    return code || error.name;
  }
  return 'unknown error';
}

export function createProxy(config: ProxyConfig) {
  const base = config.baseURL.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 60_000;

  return async function proxy(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    method: string,
    search: string,
  ): Promise<void> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${config.apiKey}`,
      Accept: 'application/json',
      'User-Agent': 'stored-completions-viewer/0.1',
    };
    if (config.organization) headers['OpenAI-Organization'] = config.organization;
    if (config.project) headers['OpenAI-Project'] = config.project;

    let body: Buffer | undefined;
    if (method === 'POST') {
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) throw requestTooLarge(MAX_BODY_BYTES);
        throw error;
      }
      headers['Content-Type'] = req.headers['content-type'] ?? 'application/json';
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), timeoutMs);
    // Stop waiting for the upstream when the browser goes away.
    const onClose = () => {
      if (!res.writableFinished) controller.abort(new Error('client closed'));
    };
    res.once('close', onClose);
    let upstream: Response;
    let payload: Buffer;
    try {
      upstream = await fetch(`${base}${upstreamPath(route)}${search}`, {
        method,
        headers,
        body: body ? new Uint8Array(body) : undefined,
        signal: controller.signal,
        redirect: 'manual',
      });
      payload = Buffer.from(await upstream.arrayBuffer());
    } catch (error) {
      if (res.destroyed) return;
      const timedOut = controller.signal.aborted;
      throw new ApiError(
        timedOut ? 504 : 502,
        timedOut
          ? `The upstream API at ${base} did not answer within ${Math.round(timeoutMs / 1000)} s.`
          : `The upstream API at ${base} could not be reached (${describeFailure(error)}).`,
        { type: 'upstream_error', code: timedOut ? 'upstream_timeout' : 'upstream_unreachable' },
      );
    } finally {
      clearTimeout(timer);
      res.off('close', onClose);
    }

    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (passHeader(name) && !value.includes(config.apiKey)) out[name] = value;
    });
    if (!out['x-request-id']) out['x-request-id'] = newRequestId();
    if (!out['content-type']) out['content-type'] = 'application/octet-stream';
    const text = payload.toString('utf8');
    const clean = scrub(text, config.apiKey);
    if (clean !== text) payload = Buffer.from(clean, 'utf8');
    await sendBody(req, res, upstream.status, out, payload);
  };
}
