import { useId, useRef, useState } from 'react';
import { explainError } from '@/components/error-state.tsx';
import {
  useConversationNavigation,
  type ConversationNavigation,
  type JumpOutcome,
} from './navigation-context.ts';
import { formatNumber } from '@/lib/format.ts';

/**
 * "Go to result" / "Go to call": starts a jump that may load pages on the way, shows its progress
 * on the button (with a way to cancel it), and says so when there is nothing to jump to.
 */
export function JumpButton({
  label,
  busyLabel,
  notFound,
  run,
  className = '',
}: {
  label: string;
  /** "Finding the result…": followed by how many messages are loaded. */
  busyLabel: string;
  /** What to say when the conversation holds no target. */
  notFound: string;
  run: (navigation: ConversationNavigation, origin: string, from: Element) => Promise<JumpOutcome>;
  className?: string;
}) {
  const origin = useId();
  const navigation = useConversationNavigation();
  const button = useRef<HTMLButtonElement>(null);
  const [message, setMessage] = useState('');
  if (!navigation) return null;
  const busy = navigation.seeking === origin;

  const start = async () => {
    if (!button.current) return;
    setMessage('');
    const outcome = await run(navigation, origin, button.current);
    if (outcome.status === 'not-found') setMessage(notFound);
    else if (outcome.status === 'failed') {
      const { title, detail } = explainError(outcome.error, 'Messages');
      setMessage(`Couldn’t load the messages on the way: ${title}. ${detail}`);
    }
  };

  return (
    <span className={`inline-flex flex-wrap items-baseline gap-x-2 ${className}`} data-find-skip>
      <button
        ref={button}
        type="button"
        className="rounded px-1.5 py-0.5 text-xs font-medium text-amber-900 underline decoration-amber-400 underline-offset-2 hover:bg-amber-100 hover:text-amber-950 disabled:no-underline disabled:opacity-80"
        disabled={busy}
        onClick={() => void start()}
      >
        {busy ? `${busyLabel} ${formatNumber(navigation.loaded)} loaded` : label}
      </button>
      {busy && (
        <button
          type="button"
          className="rounded px-1.5 py-0.5 text-xs text-amber-900/80 hover:bg-amber-100"
          onClick={navigation.cancel}
        >
          Cancel
        </button>
      )}
      <span role="status" className="text-xs text-amber-950">
        {message}
      </span>
    </span>
  );
}
