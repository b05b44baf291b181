import { CSP_BLOCKED, isApiError } from '@/api/errors.ts';
import type { ConnectionTestSuccess } from '../api/test-connection.ts';

export interface TestReport {
  ok: boolean;
  title: string;
  detail: string;
  /** The server's own error message, when it sent one. */
  serverSaid: string | null;
}

/**
 * Removes the key from text shown on the page. OpenAI masks keys in its 401 message already; a
 * server that echoes the key in full must not get it onto the screen either.
 */
export function redactKey(text: string, apiKey: string | undefined): string {
  if (!apiKey || apiKey.length < 4) return text;
  return text.split(apiKey).join('[your key]');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeTestSuccess(result: ConnectionTestSuccess): TestReport {
  if (result.count === 0) {
    return {
      ok: true,
      title: 'Connected: no stored completions yet',
      detail:
        'The base URL and the key work, and this key’s project has no stored completions. Chat completions are stored only when created with store: true.',
      serverSaid: null,
    };
  }
  return {
    ok: true,
    title: `Connected: ${result.hasMore ? 'stored completions are' : plural(result.count, 'completion') + ' is'} visible`,
    detail: `The base URL and the key work${result.newestId ? `; the newest is ${result.newestId}` : ''}. Press Connect to use this connection.`,
    serverSaid: null,
  };
}

/**
 * The exact failure of a connection test, in words that say what to check. `allowedOrigins`:
 * where this server's CSP lets the page connect besides itself (from /__viewer/info), if known.
 */
export function describeTestFailure(
  error: unknown,
  apiKey: string | undefined,
  allowedOrigins?: readonly string[],
): TestReport {
  const report = (title: string, detail: string, serverSaid: string | null = null): TestReport => ({
    ok: false,
    title,
    detail,
    serverSaid: serverSaid == null ? null : redactKey(serverSaid, apiKey),
  });
  if (!isApiError(error)) {
    return report(
      'The test failed',
      redactKey(error instanceof Error ? error.message : String(error), apiKey),
    );
  }
  const serverSaid = error.kind === 'http' ? error.message : null;
  if (error.kind === 'network' && error.code === CSP_BLOCKED) {
    const allowed =
      allowedOrigins === undefined
        ? ''
        : ` This server allows: ${allowedOrigins.length > 0 ? allowedOrigins.join(', ') : 'only its own origin'}.`;
    return report('Blocked by this page’s Content-Security-Policy', `${error.message}${allowed}`);
  }
  if (error.kind === 'network') {
    return report(
      'Network error or CORS',
      'The browser blocked the request or the server is unreachable; it does not tell the page which. Check the base URL and that the server is up; the API must also allow requests from this page’s origin (CORS). A wrong host or port fails this way too.',
    );
  }
  if (error.kind === 'malformed') {
    return report(
      'The answer is not an API answer',
      `${redactKey(error.message, apiKey)} Check the base URL: it should point to an OpenAI-compatible API and end in /v1.`,
    );
  }
  switch (error.status) {
    case 401:
      return report(
        'The API key was refused (401)',
        'The key is missing, mistyped or revoked. Check it on the API keys page of your account.',
        serverSaid,
      );
    case 403:
      return report(
        'No access (403)',
        'The key is valid but may not list stored completions: check its permissions, and the organization and project ids (or leave them empty).',
        serverSaid,
      );
    case 404:
      return report(
        'Not found (404): wrong base URL?',
        'The server has no stored-completions endpoint at this address. The base URL should end in /v1, e.g. https://api.openai.com/v1.',
        serverSaid,
      );
    case 429:
      return report(
        'Rate limited (429)',
        'Too many requests for now; try again in a moment.',
        serverSaid,
      );
    default:
      if (error.status != null && error.status >= 500)
        return report(
          `The server had a problem (${error.status})`,
          'This is usually brief; try again in a moment.',
          serverSaid,
        );
      return report(
        `Request failed (${error.status ?? 'no status'})`,
        'See what the server said.',
        serverSaid,
      );
  }
}
