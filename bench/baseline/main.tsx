// Bench-only page, never part of the production build: the same messages, the same MessageCard,
// but rendered plainly (every message in the DOM, no virtualization). `npm run bench` measures
// it beside the real conversation view as the baseline.
import { QueryClient, QueryClientProvider, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { conversationMessagesInfiniteOptions } from '@/api/messages.ts';
import { useApiScope } from '@/api/scope.ts';
import { MessageCard } from '@/features/conversation/components/message-card.tsx';
import '@/index.css';

const completionId = new URLSearchParams(location.search).get('id') ?? '';

function PlainConversation() {
  const messages = useInfiniteQuery(
    conversationMessagesInfiniteOptions(useApiScope(), completionId),
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const items = useMemo(
    () => messages.data?.pages.flatMap((page) => page.items) ?? [],
    [messages.data],
  );
  return (
    <div className="h-dvh overflow-y-auto" data-testid="conversation-scroll">
      <div className="mx-auto flex max-w-4xl flex-col gap-3 px-4 py-4">
        {items.map((item, index) => (
          <MessageCard
            key={item.ok && item.message.id ? item.message.id : index}
            item={item}
            label={`#${index + 1}`}
            lookup={() => undefined}
          />
        ))}
        {messages.isSuccess && !hasNextPage && <h2 data-testid="all-loaded">Answer</h2>}
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <QueryClientProvider client={new QueryClient()}>
      <PlainConversation />
    </QueryClientProvider>,
  );
}
