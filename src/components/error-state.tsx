import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { lastListHref } from '@/lib/navigation-memory.ts';
import { directBaseUrl, requestConnectionSettings } from '@/api/current.ts';
import { CONNECTION_LOST, CSP_BLOCKED, REQUEST_TIMEOUT, isApiError } from '@/api/errors.ts';

interface Explanation {
  title: string;
  detail: string;
  retry: boolean;
}

/** Turns any failure into words a user can act on. Exported for the unit tests. */
export function explainError(
  error: unknown,
  subject: string,
  notFoundDetail?: string,
): Explanation {
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong',
      detail: error instanceof Error ? error.message : String(error),
      retry: true,
    };
  }
  if (error.kind === 'network') {
    // Timeouts, answers cut off and CSP blocks say exactly what happened (see api/client.ts).
    const titles: Record<string, string> = {
      [REQUEST_TIMEOUT]: 'The server did not answer in time',
      [CONNECTION_LOST]: 'The connection was lost mid-answer',
      [CSP_BLOCKED]: 'Blocked by this page’s Content-Security-Policy',
    };
    const title = error.code === null ? undefined : titles[error.code];
    if (title) return { title, detail: error.message, retry: error.code !== CSP_BLOCKED };
    const direct = directBaseUrl();
    return direct === null
      ? {
          title: 'The server could not be reached',
          detail: 'Check your connection and that the viewer’s server is still running.',
          retry: true,
        }
      : {
          title: 'The API could not be reached',
          detail: `This browser could not reach ${direct} (the direct connection): check the base URL in the connection settings, your network, and that the API allows requests from this page (CORS).`,
          retry: true,
        };
  }
  if (error.kind === 'malformed') {
    return {
      title: 'The answer could not be read',
      detail: `${error.message} It may be a proxy or a server that is not OpenAI-compatible.`,
      retry: true,
    };
  }
  switch (error.status) {
    case 400:
      return { title: 'The request was refused', detail: error.message, retry: false };
    case 401:
      return {
        title: 'The API key was refused (401)',
        detail:
          'The key is missing, mistyped or revoked. With `npm start`, set OPENAI_API_KEY on the server; with a direct connection, check the key in the settings.',
        retry: true,
      };
    case 403:
      return {
        title: 'No access (403)',
        detail:
          'The key is valid but may not read this: check its permissions, and the organization and project it belongs to.',
        retry: true,
      };
    case 404:
      return {
        title: `${subject} not found`,
        detail:
          notFoundDetail ??
          'Only chat completions created with `store: true` are kept, and only in the project that created them. Check the id, and that your key belongs to that project. It may also have been deleted.',
        retry: false,
      };
    case 429:
      return {
        title: 'Rate limited (429)',
        detail: 'Too many requests for now.',
        retry: true,
      };
    default:
      if (error.status != null && error.status >= 500) {
        return {
          title: `The server had a problem (${error.status})`,
          detail: 'This is usually brief; try again in a moment.',
          retry: true,
        };
      }
      return {
        title: `Request failed (${error.status ?? 'no status'})`,
        detail: error.message,
        retry: true,
      };
  }
}

function useCountdown(seconds: number | null, onDone: () => void): number | null {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    if (seconds == null) return;
    const started = Date.now();
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        window.clearInterval(timer);
        onDone();
      }
    }, 250);
    return () => window.clearInterval(timer);
    // onDone is a retry callback; restarting the countdown when its identity changes is wrong.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seconds]);
  return seconds == null ? null : left;
}

export function ErrorState({
  error,
  subject,
  onRetry,
  compact = false,
  notFoundDetail,
}: {
  error: unknown;
  /** What failed to load, e.g. "Completion" or "The next page of messages". */
  subject: string;
  onRetry?: () => void;
  compact?: boolean;
  /** What a 404 means here, when it is not "no such completion". */
  notFoundDetail?: string;
}) {
  const explanation = explainError(error, subject, notFoundDetail);
  const apiError = isApiError(error) ? error : null;
  const waitSeconds = apiError?.status === 429 ? apiError.retryAfterSeconds : null;
  const left = useCountdown(waitSeconds, () => onRetry?.());
  const serverMessage =
    apiError && apiError.kind === 'http' && apiError.message !== explanation.detail
      ? apiError.message
      : null;

  return (
    <div
      role="alert"
      className={`rounded-lg border border-rose-200 bg-rose-50 text-rose-950 ${compact ? 'p-3' : 'p-6'}`}
    >
      <h2 className="font-semibold">{explanation.title}</h2>
      <p className="mt-1 text-sm">{explanation.detail}</p>
      {serverMessage && (
        <p className="mt-2 text-sm">
          <span className="font-medium">Server said:</span>{' '}
          <span className="break-words">{serverMessage}</span>
        </p>
      )}
      {left != null && (
        <p className="mt-2 text-sm" data-testid="retry-countdown">
          {left > 0
            ? `The server asked to wait ${waitSeconds} s (Retry-After). Retrying in ${left} s…`
            : 'Retrying…'}
        </p>
      )}
      {apiError?.requestId && (
        <p className="mt-2 font-mono text-xs text-rose-800">Request id: {apiError.requestId}</p>
      )}
      {apiError &&
        directBaseUrl() !== null &&
        (apiError.kind === 'network' || apiError.status === 401 || apiError.status === 403) && (
          <button
            type="button"
            onClick={requestConnectionSettings}
            className="mt-3 me-3 rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-medium text-rose-900 hover:bg-rose-100"
          >
            Open connection settings
          </button>
        )}
      {apiError?.status === 404 && !compact && (
        <Link
          href={lastListHref()}
          className="mt-3 me-3 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          Back to the list
        </Link>
      )}
      {explanation.retry && onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-700"
        >
          {left != null && left > 0 ? 'Retry now' : 'Retry'}
        </button>
      )}
    </div>
  );
}
