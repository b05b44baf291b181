import { Link } from 'wouter';
import { ErrorState } from '@/components/error-state.tsx';
import type { StoredCompletion } from '@/api/types.ts';
import { CompletionHeader } from './completion-header.tsx';

/** Pulsing cards while something loads, named for screen readers. */
export function Skeleton({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="flex flex-col gap-3 pt-4"
      data-testid="skeleton"
    >
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-28 animate-pulse rounded-lg bg-slate-200/70" />
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}

/** The completion's header above a state of its messages (loading, failed, …). */
export function WithHeader({
  completion,
  children,
}: {
  completion: StoredCompletion;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3 pt-4">
      <CompletionHeader completion={completion} />
      {children}
    </div>
  );
}

/** A deep link to a message this conversation doesn't have. */
export function AnchorMissing({ messageId, startHref }: { messageId: string; startHref: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950">
      <h2 className="font-semibold">Message not found</h2>
      <p className="mt-1 text-sm">
        This conversation has no message with the id{' '}
        <code className="font-mono break-all">{messageId}</code>. The link may be mistyped, or point
        into another completion.
      </p>
      <Link
        href={startHref}
        className="mt-3 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
      >
        Read the conversation from the start
      </Link>
    </div>
  );
}

/** The completion itself could not be read. */
export function CompletionFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="pt-4">
      <ErrorState error={error} subject="Completion" onRetry={onRetry} />
    </div>
  );
}
