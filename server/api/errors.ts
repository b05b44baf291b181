/**
 * Errors in OpenAI's shape: `{"error": {"message", "type", "param", "code"}}`. Messages follow
 * the wording the real API uses for the same situations so the viewer shows realistic text.
 */

export interface ErrorObject {
  message: string;
  type: string;
  param: string | null;
  // Usually a string or null; OpenAI's edge (Cloudflare) has been seen answering a number.
  code: string | number | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | number | null;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    message: string,
    options: {
      type?: string;
      param?: string | null;
      code?: string | number | null;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.type = options.type ?? 'invalid_request_error';
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.headers = options.headers ?? {};
  }

  toJSON(): { error: ErrorObject } {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

export const invalidParam = (
  param: string,
  message: string,
  code: string | null = 'invalid_value',
) => new ApiError(400, message, { param, code });

export const completionNotFound = (id: string) =>
  new ApiError(404, `No chat completion found with id '${id}'.`, { code: null });

export const invalidUrl = (method: string, pathname: string) =>
  new ApiError(404, `Invalid URL (${method} ${pathname})`);

export const methodNotAllowed = (method: string, pathname: string, allow: readonly string[]) =>
  new ApiError(
    405,
    `Invalid method for URL (${method} ${pathname}). Allowed: ${allow.join(', ')}.`,
    {
      headers: { Allow: allow.join(', ') },
    },
  );

export const internalError = () =>
  new ApiError(500, 'The server had an error while processing your request. Sorry about that!', {
    type: 'server_error',
  });

/** 413; `Connection: close` so the rest of the body is not read after the answer. */
export const requestTooLarge = (limit: number) =>
  new ApiError(413, `Request body larger than ${limit} bytes.`, {
    code: 'request_too_large',
    headers: { Connection: 'close' },
  });
