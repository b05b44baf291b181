import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorState } from '@/components/error-state.tsx';
import { formatDateTime, formatNumber } from '@/lib/format.ts';
import { recentCompletionsQueryOptions } from '../api/get-recent-completions.ts';
import { parseCompletionRef } from '../utils/parse-completion-ref.ts';

function OpenCompletionForm() {
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
        navigate(`/completions/${encodeURIComponent(ref.completionId)}`);
      }}
    >
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        Completion ID
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="chatcmpl-… or a link to one (viewer, API or dashboard URL)"
          aria-invalid={problem != null}
          aria-describedby={problem ? problemId : undefined}
          autoComplete="off"
          spellCheck={false}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-xs focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30"
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

function RecentCompletions() {
  const recent = useQuery(recentCompletionsQueryOptions());
  if (recent.isPending)
    return <p className="text-sm text-slate-500">Loading recent completions…</p>;
  if (recent.isError) {
    return (
      <ErrorState
        compact
        error={recent.error}
        subject="Recent completions"
        onRetry={() => void recent.refetch()}
      />
    );
  }
  if (recent.data.data.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No stored completions yet. Chat completions are stored only when created with{' '}
        <code className="font-mono">store: true</code>.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {recent.data.data.map((completion) => (
        <li key={completion.id}>
          <Link
            href={`/completions/${encodeURIComponent(completion.id)}`}
            className="flex flex-wrap items-baseline gap-x-3 px-4 py-2 text-sm hover:bg-slate-50 focus-visible:bg-sky-50 focus-visible:outline-none"
          >
            <span className="font-mono text-xs">{completion.id}</span>
            <span className="font-medium">{completion.model}</span>
            <span className="text-slate-500">
              {completion.created != null ? formatDateTime(completion.created) : ''}
            </span>
            <span className="ml-auto text-slate-500">
              {formatNumber(completion.usage?.total_tokens)} tokens
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function HomePage() {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-8 px-4 py-10">
        <div>
          <h1 className="text-2xl font-semibold">Stored chat completions</h1>
          <p className="mt-1 text-slate-600">
            Open a completion stored with <code className="font-mono">store: true</code> to read
            every message, image and tool call, and the answer.
          </p>
        </div>
        <OpenCompletionForm />
        <section aria-labelledby="recent-heading" className="flex flex-col gap-2">
          <h2 id="recent-heading" className="text-sm font-semibold text-slate-700">
            Most recent
          </h2>
          <RecentCompletions />
        </section>
      </div>
    </div>
  );
}
