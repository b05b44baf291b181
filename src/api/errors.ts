/** What went wrong with a request, in terms the UI can explain to the user. */
export type ApiErrorKind =
  /** The server answered with an error status. */
  | 'http'
  /** No answer: the network is down, the server is unreachable, or CORS refused it. */
  | 'network'
  /** An answer that is not what the endpoint promises (bad JSON, wrong shape). */
  | 'malformed';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly type: string | null;
  readonly code: string | null;
  readonly param: string | null;
  /** Seconds to wait before retrying, from a `Retry-After` header. */
  readonly retryAfterSeconds: number | null;
  readonly requestId: string | null;

  constructor(
    kind: ApiErrorKind,
    message: string,
    details: {
      status?: number | null;
      type?: string | null;
      code?: string | null;
      param?: string | null;
      retryAfterSeconds?: number | null;
      requestId?: string | null;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = details.status ?? null;
    this.type = details.type ?? null;
    this.code = details.code ?? null;
    this.param = details.param ?? null;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.requestId = details.requestId ?? null;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Parses `Retry-After` (seconds or an HTTP date) into whole seconds, or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** `code` of a network ApiError that got no answer (or no more of it) in time. */
export const REQUEST_TIMEOUT = 'request_timeout';
/** `code` of a network ApiError whose answer broke off after it had started. */
export const CONNECTION_LOST = 'connection_lost';
/** `code` of a network ApiError the page's Content-Security-Policy blocked (connect-src). */
export const CSP_BLOCKED = 'csp_blocked';

/**
 * Worth retrying automatically: the same request may well succeed in a moment. Not a request the
 * CSP blocked (it always will be), nor one that timed out (the reader already waited long).
 */
export function isTransient(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.kind === 'network') return error.code !== CSP_BLOCKED && error.code !== REQUEST_TIMEOUT;
  return error.status != null && (error.status === 429 || error.status >= 500);
}
