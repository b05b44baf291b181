import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';

// Only the button clicked last says "Copied": clicking another one takes it back from the first.
let lastCopied: string | null = null;
const listeners = new Set<() => void>();
function setLastCopied(id: string | null) {
  lastCopied = id;
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
const getLastCopied = () => lastCopied;

const FEEDBACK_MS = 1500;

export function CopyButton({
  text,
  label,
  idleText = 'Copy',
}: {
  /** What to copy, or a function that makes it on click (for texts costly to build). */
  text: string | (() => string);
  label: string;
  idleText?: string;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<'copied' | 'failed'>('copied');
  const current = useSyncExternalStore(subscribe, getLastCopied, getLastCopied);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const shown = current === id ? (outcome === 'copied' ? 'Copied' : 'Copy failed') : idleText;
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        navigator.clipboard.writeText(typeof text === 'function' ? text() : text).then(
          () => {
            setOutcome('copied');
            setLastCopied(id);
          },
          () => {
            setOutcome('failed');
            setLastCopied(id);
          },
        );
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => {
          if (lastCopied === id) setLastCopied(null);
        }, FEEDBACK_MS);
      }}
      className="inline-grid rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      <span className="[grid-area:1/1] text-center">{shown}</span>
      {/* Every label, invisible, in the same grid cell (as generated content, so not part of
          the button's text): the button is as wide as its longest label, and the feedback never
          moves the buttons beside it. */}
      {[idleText, 'Copied', 'Copy failed'].map((sizer) => (
        <span
          key={sizer}
          aria-hidden
          data-sizer={sizer}
          className="invisible [grid-area:1/1] before:content-[attr(data-sizer)]"
        />
      ))}
    </button>
  );
}
