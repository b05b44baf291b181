import { useEffect, useId, useRef, useState } from 'react';
import { explainError } from '@/components/error-state.tsx';
import type { FindState } from './use-find.ts';
import './find.css';
import { formatNumber } from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';

/** Typing settles this long before the term is searched (and written to the URL). */
const DEBOUNCE_MS = 200;

function countText(find: FindState): string {
  const { total } = find.results;
  if (find.term.trim() === '') return '';
  if (total === 0) return find.loading ? 'No matches yet' : 'No matches';
  const all = formatNumber(total);
  return find.position > 0
    ? `${formatNumber(find.position)} of ${all}`
    : `${all} ${total === 1 ? 'match' : 'matches'}`;
}

/** Previous and next match. */
const STEPS = [
  {
    direction: 'backward',
    label: 'Previous match',
    title: 'Previous match (Shift+Enter)',
    glyph: '↑',
  },
  { direction: 'forward', label: 'Next match', title: 'Next match (Enter)', glyph: '↓' },
] as const;

/**
 * The find bar at the top of the conversation: a labelled input (Enter / Shift+Enter step
 * through hits, Escape closes), the hit count, the progress of loading the remaining pages (with
 * Cancel), and previous / next / close buttons.
 */
export function FindBar({
  find,
  onClosed,
}: {
  find: FindState;
  /** Where focus goes on close when what had it before is gone. */
  onClosed: () => HTMLElement | null;
}) {
  useLocaleFormats(); // re-render when numbers and dates switch to the reader's locale
  const inputId = useId();
  // What is typed; the search (and the URL) follow after a pause. Only this bar re-renders
  // per keystroke.
  const [input, setInput] = useState(find.term);
  const pending = useRef<number | null>(null);
  const { setTerm, focusRequest } = find;
  useEffect(() => () => window.clearTimeout(pending.current ?? undefined), []);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  const flush = () => {
    if (pending.current === null) return false;
    window.clearTimeout(pending.current);
    pending.current = null;
    setTerm(input);
    return true;
  };

  const hasTerm = find.term.trim() !== '';
  const noHits = find.results.total === 0;
  const count = countText(find);
  return (
    <div
      role="search"
      aria-label="Find in conversation"
      className="flex shrink-0 flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-4 py-2 text-sm shadow-xs"
      data-testid="find-bar"
    >
      <label htmlFor={inputId} className="sr-only">
        Find in conversation
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="Find in conversation"
        className="w-64 max-w-full min-w-0 rounded-md border border-slate-300 px-2 py-1 focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30"
        value={input}
        aria-describedby={`${inputId}-count`}
        onChange={(event) => {
          const value = event.target.value;
          setInput(value);
          window.clearTimeout(pending.current ?? undefined);
          pending.current = window.setTimeout(() => {
            pending.current = null;
            setTerm(value);
          }, DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            window.clearTimeout(pending.current ?? undefined);
            pending.current = null;
            find.close(onClosed());
          } else if (event.key === 'Enter') {
            event.preventDefault();
            // A term still settling is searched first; its first hit is shown.
            if (!flush()) void find.step(event.shiftKey ? 'backward' : 'forward');
          }
        }}
      />
      <span
        id={`${inputId}-count`}
        role="status"
        className="min-w-20 text-slate-700 tabular-nums"
        data-testid="find-count"
      >
        {count}
      </span>
      {STEPS.map((step) => (
        <button
          key={step.direction}
          type="button"
          className="rounded px-2 py-1 text-slate-700 hover:bg-slate-100 disabled:opacity-40"
          aria-label={step.label}
          title={step.title}
          disabled={!hasTerm || (noHits && !find.stepping)}
          onClick={() => void find.step(step.direction)}
        >
          {step.glyph}
        </button>
      ))}
      {find.loading && (
        <span className="flex items-center gap-2 text-slate-600" data-testid="find-progress">
          <span role="status">Loading messages… {formatNumber(find.loaded)} loaded</span>
          <button
            type="button"
            className="rounded px-2 py-0.5 text-slate-700 underline hover:bg-slate-100"
            onClick={find.cancelLoading}
          >
            Cancel
          </button>
        </span>
      )}
      {hasTerm && find.cancelled && !find.complete && (
        <span className="flex items-center gap-2 text-amber-800" data-testid="find-partial">
          <span role="status">Searched the {formatNumber(find.loaded)} loaded messages only.</span>
          <button
            type="button"
            className="rounded px-2 py-0.5 underline hover:bg-amber-50"
            onClick={find.resumeLoading}
          >
            Load the rest
          </button>
        </span>
      )}
      {(find.loadError != null || find.stepError != null) && (
        <span role="alert" className="flex items-center gap-2 text-rose-800">
          {explainError(find.loadError ?? find.stepError, 'Messages').title}: not every message
          could be searched.
          {find.loadError != null && (
            <button
              type="button"
              className="rounded px-2 py-0.5 underline hover:bg-rose-50"
              onClick={find.retryLoad}
            >
              Retry
            </button>
          )}
        </span>
      )}
      <button
        type="button"
        className="ml-auto rounded px-2 py-1 text-slate-600 hover:bg-slate-100"
        aria-label="Close find"
        title="Close (Escape)"
        onClick={() => find.close(onClosed())}
      >
        ✕
      </button>
    </div>
  );
}
