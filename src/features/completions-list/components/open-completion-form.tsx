import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import { conversationHref } from '@/app/routes.ts';
import { parseCompletionRef } from '../utils/parse-completion-ref.ts';

/** The "Completion ID" field: an id, a message id, or a viewer/API/dashboard link holding one. */
export function OpenCompletionForm() {
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();
  return (
    <form
      className="flex flex-col gap-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const ref = parseCompletionRef(value);
        if (!ref.ok) {
          setProblem(ref.reason);
          return;
        }
        setProblem(null);
        navigate(conversationHref(ref.completionId, ref.messageId ?? null));
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        Completion ID
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="chatcmpl-… or a link to one (viewer, API or dashboard URL)"
          aria-invalid={problem != null}
          aria-describedby={problem ? problemId : undefined}
          autoComplete="off"
          spellCheck={false}
          className="min-w-0 flex-1 basis-48 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-xs focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30"
        />
        <button
          type="submit"
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
        >
          Open
        </button>
      </div>
      {problem && (
        <p id={problemId} role="alert" className="text-sm text-rose-700">
          {problem}
        </p>
      )}
    </form>
  );
}
