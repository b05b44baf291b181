import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Route, Switch } from 'wouter';
import { OfflineBanner } from '@/components/offline-banner.tsx';
import { ConversationPage } from '@/features/conversation/components/conversation-page.tsx';
import { HomePage } from '@/features/home/components/home-page.tsx';
import { decodeSegment } from '@/lib/route-params.ts';
import { createQueryClient } from './query-client.ts';

function NotFoundPage() {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">
        This viewer has pages for <code className="font-mono">/</code> and{' '}
        <code className="font-mono">/completions/:completionId</code>.{' '}
        <Link href="/" className="text-sky-700 underline">
          Go home
        </Link>
      </p>
    </div>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <div className="flex h-dvh flex-col">
        <header className="flex shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
          <Link href="/" className="font-semibold text-slate-900 hover:text-sky-700">
            Stored completions
          </Link>
        </header>
        <OfflineBanner />
        <Switch>
          <Route path="/" component={HomePage} />
          <Route path="/completions/:completionId">
            {(params) => {
              const completionId = decodeSegment(params.completionId);
              // A new completion gets fresh state: scroll position, toggles, measurements.
              return <ConversationPage key={completionId} completionId={completionId} />;
            }}
          </Route>
          <Route component={NotFoundPage} />
        </Switch>
      </div>
    </QueryClientProvider>
  );
}
