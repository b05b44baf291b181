import { useState } from 'react';

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
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      aria-label={label}
      onClick={() => {
        navigator.clipboard.writeText(typeof text === 'function' ? text() : text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
        window.setTimeout(() => setState('idle'), 1500);
      }}
      className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-600"
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : idleText}
    </button>
  );
}
