import { QueryClient } from '@tanstack/react-query';
import { isApiError, isTransient } from '@/api/errors.ts';

const MAX_RETRIES = 2;

/**
 * Retries only what may succeed in a moment (network errors, 5xx, 429 without a stated wait),
 * a bounded number of times with exponential backoff (1 s, then 2 s). A 429 that says how long
 * to wait is shown to the user with a countdown instead (see ErrorState), since retrying sooner
 * is pointless. Not retried either (see isTransient): a request that timed out (the reader has
 * waited long enough: Retry is one click away) and one the page's CSP blocked. Mutations are
 * never retried (TanStack's default). Queries hand their AbortSignal to the client, so leaving
 * a page cancels what it was still loading.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => {
          if (failureCount >= MAX_RETRIES || !isTransient(error)) return false;
          return !(isApiError(error) && error.status === 429 && error.retryAfterSeconds != null);
        },
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
        refetchOnWindowFocus: false,
        // A route prefetches its data while its code loads; the page that then mounts must not
        // ask again for what just failed (a 429 would be asked twice). Failed queries are
        // retried by Retry buttons, by the 429 countdown, or reset when a route is entered.
        retryOnMount: false,
      },
    },
  });
}
