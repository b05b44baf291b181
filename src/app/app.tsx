import {
  QueryClientProvider,
  usePrefetchInfiniteQuery,
  usePrefetchQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { completionQueryOptions } from '@/api/completion.ts';
import { completionsListInfiniteOptions } from '@/api/completions-list.ts';
import { conversationMessagesInfiniteOptions } from '@/api/messages.ts';
import { useApiScope } from '@/api/scope.ts';
import { ErrorState } from '@/components/error-state.tsx';
import { OfflineBanner } from '@/components/offline-banner.tsx';
import { RenderBoundary, errorMessage } from '@/components/render-boundary.tsx';
import { ConnectionButton } from '@/features/connection/components/connection-button.tsx';
import { ThemeToggle } from '@/features/theme/theme-toggle.tsx';
import { useListFilters } from '@/features/completions-list/hooks/use-list-filters.ts';
import { preloadMarkdown } from '@/features/conversation/markdown/use-markdown-renderer.ts';
import { lazyComponent } from '@/lib/lazy-component.tsx';
import { createQueryClient } from './query-client.ts';
import { useCurrentRoute } from './route-hooks.ts';
import { locationRoute } from './routes.ts';

// Each page is its own chunk; the route starts its data requests while the chunk loads, so the
// split costs no extra round trip.
const conversationPage = lazyComponent(() =>
  import('@/features/conversation/components/conversation-page.tsx').then(
    (module) => module.ConversationPage,
  ),
);
const ConversationPage = conversationPage.Component;
// Opened at a conversation URL: the page's chunk (on its way since the HTML named it, see
// server/index-page.ts) is evaluated as the app starts, so the first render can show the page
// rather than its fallback and an effect later.
if (locationRoute()?.page === 'conversation') conversationPage.preload();
const CompletionsListPage = lazyComponent(() =>
  import('@/features/completions-list/components/completions-list-page.tsx').then(
    (module) => module.CompletionsListPage,
  ),
).Component;

function PageLoading() {
  return (
    <div role="status" className="p-6 text-center text-sm text-slate-500">
      Loading…
    </div>
  );
}

/**
 * Entering a route asks again for what failed before (queries don't retry on mount, see
 * query-client.ts): runs once per route mount, before its prefetches.
 */
function useRetryFailedOnEnter(queryKeys: readonly (readonly unknown[])[]) {
  const queryClient = useQueryClient();
  useState(() => {
    for (const queryKey of queryKeys) {
      if (queryClient.getQueryState(queryKey)?.status === 'error') {
        queryClient.removeQueries({ queryKey, exact: true });
      }
    }
  });
}

function ListRoute() {
  const { filters } = useListFilters();
  const scope = useApiScope();
  const options = completionsListInfiniteOptions(scope, filters);
  useRetryFailedOnEnter([options.queryKey]);
  usePrefetchInfiniteQuery(options);
  return <CompletionsListPage fallback={<PageLoading />} />;
}

function ConversationRoute({
  completionId,
  messageId,
  part,
}: {
  completionId: string;
  messageId: string | null;
  part: number | null;
}) {
  // The data the page opens with: the linked message's window, prefetched while the page's
  // code loads. Later selections only change the URL, not what was prefetched.
  const [initialAnchor] = useState(messageId);
  const scope = useApiScope();
  const completion = completionQueryOptions(scope, completionId);
  const messages = conversationMessagesInfiniteOptions(scope, completionId, initialAnchor);
  useRetryFailedOnEnter([completion.queryKey, messages.queryKey]);
  usePrefetchQuery(completion);
  usePrefetchInfiniteQuery(messages);
  // Messages are markdown: fetch the renderer alongside, so rows rarely show plain text first.
  useEffect(() => {
    void preloadMarkdown();
  }, []);
  return (
    <ConversationPage
      completionId={completionId}
      messageId={messageId}
      part={part}
      fallback={<PageLoading />}
    />
  );
}

function NotFoundPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">
        This viewer has pages for <code className="font-mono">/</code> and{' '}
        <code className="font-mono">/completions/:completionId</code> (optionally followed by{' '}
        <code className="font-mono">/messages/:messageId</code>).{' '}
        <Link href="/" className="text-sky-700 underline">
          Go home
        </Link>
      </p>
    </div>
  );
}

/**
 * A page that throws while rendering says so, with the header still there (instead of a blank
 * app); going to another page clears it.
 */
function PageBoundary({ children }: { children: React.ReactNode }) {
  const [location] = useLocation();
  return (
    <RenderBoundary
      resetKey={location}
      fallback={(error) => (
        <div className="mx-auto w-full max-w-3xl p-4">
          <ErrorState
            error={new Error(`This page could not be shown (${errorMessage(error)}).`)}
            subject="This page"
            onRetry={() => window.location.reload()}
          />
        </div>
      )}
    >
      {children}
    </RenderBoundary>
  );
}

/** The page of the current route (threads and comparisons are routes without pages yet). */
function Pages() {
  const route = useCurrentRoute();
  if (route?.page === 'list') return <ListRoute />;
  if (route?.page === 'conversation') {
    // A new completion gets fresh state (scroll position, toggles, measurements); the same
    // completion with or without a message in the URL is the same page, so selecting a message
    // doesn't remount it.
    return (
      <ConversationRoute
        key={route.completionId}
        completionId={route.completionId}
        messageId={route.messageId}
        part={route.part}
      />
    );
  }
  return <NotFoundPage />;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <div className="flex h-dvh flex-col">
        <header className="flex shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:gap-4 sm:px-4">
          <Link href="/" className="shrink-0 font-semibold text-slate-900 hover:text-sky-700">
            Stored completions
          </Link>
          <ConnectionButton />
          <ThemeToggle />
        </header>
        <OfflineBanner />
        <PageBoundary>
          <Pages />
        </PageBoundary>
      </div>
    </QueryClientProvider>
  );
}
