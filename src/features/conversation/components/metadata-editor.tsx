import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { METADATA_LIMITS, updateMetadataMutation } from '@/api/curation.ts';
import { useApiScope } from '@/api/scope.ts';
import { explainError } from '@/components/error-state.tsx';
import { isApiError } from '@/api/errors.ts';
import type { StoredCompletion } from '@/api/types.ts';

interface Pair {
  id: number;
  key: string;
  value: string;
}

/** Problems with the pairs as typed, by pair id, plus any about the whole set. Exported for tests. */
export function validatePairs(pairs: { id: number; key: string; value: string }[]) {
  const byPair = new Map<number, string>();
  const seen = new Set<string>();
  for (const pair of pairs) {
    if (pair.key === '' && pair.value === '') continue;
    if (pair.key === '') byPair.set(pair.id, 'A key is needed.');
    else if (pair.key.length > METADATA_LIMITS.keyLength)
      byPair.set(
        pair.id,
        `Keys are at most ${METADATA_LIMITS.keyLength} characters (this one has ${pair.key.length}).`,
      );
    else if (pair.value.length > METADATA_LIMITS.valueLength)
      byPair.set(
        pair.id,
        `Values are at most ${METADATA_LIMITS.valueLength} characters (this one has ${pair.value.length}).`,
      );
    else if (seen.has(pair.key)) byPair.set(pair.id, 'This key is already used above.');
    seen.add(pair.key);
  }
  const count = pairs.filter((pair) => pair.key !== '').length;
  const overall =
    count > METADATA_LIMITS.pairs
      ? `At most ${METADATA_LIMITS.pairs} pairs (there are ${count}).`
      : null;
  return { byPair, overall, valid: byPair.size === 0 && overall === null };
}

// Pair ids only need to be unique while an editor is open, to key the rows.
let pairIds = 0;
const makePair = (key = '', value = ''): Pair => ({ id: pairIds++, key, value });

const inputClass =
  'min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30 aria-invalid:border-rose-500';

/** Edits the completion's metadata: add, change, remove pairs; OpenAI replaces it as a whole. */
export function MetadataEditor({
  completion,
  onDone,
}: {
  completion: StoredCompletion;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const scope = useApiScope();
  const mutation = useMutation(updateMetadataMutation(queryClient, scope, completion.id));
  const [pairs, setPairs] = useState<Pair[]>(() => {
    const initial = Object.entries(completion.metadata).map(([key, value]) => makePair(key, value));
    return initial.length ? initial : [makePair()];
  });
  const formId = useId();
  const { byPair, overall, valid } = validatePairs(pairs);

  const update = (id: number, change: Partial<Pair>) =>
    setPairs((current) => current.map((pair) => (pair.id === id ? { ...pair, ...change } : pair)));

  const refusal = mutation.error
    ? isApiError(mutation.error) && mutation.error.kind === 'http' && mutation.error.status !== 401
      ? mutation.error.message
      : explainError(mutation.error, 'Completion').title
    : null;

  return (
    <form
      aria-label="Edit metadata"
      className="mt-2 flex flex-col gap-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!valid) return;
        const metadata = Object.fromEntries(
          pairs.filter((pair) => pair.key !== '').map((pair) => [pair.key, pair.value]),
        );
        mutation.mutate(metadata, { onSuccess: onDone });
      }}
    >
      <ul className="flex flex-col gap-1.5">
        {pairs.map((pair, index) => {
          const problem = byPair.get(pair.id);
          const problemId = `${formId}-problem-${pair.id}`;
          return (
            <li key={pair.id} className="flex flex-col gap-0.5">
              <div className="flex items-center gap-1.5">
                <input
                  aria-label={`Key ${index + 1}`}
                  value={pair.key}
                  onChange={(event) => update(pair.id, { key: event.target.value })}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? problemId : undefined}
                  className={`${inputClass} w-48`}
                  autoComplete="off"
                />
                <span className="text-slate-500">=</span>
                <input
                  aria-label={`Value ${index + 1}`}
                  value={pair.value}
                  onChange={(event) => update(pair.id, { value: event.target.value })}
                  className={`${inputClass} flex-1`}
                  autoComplete="off"
                />
                <button
                  type="button"
                  aria-label={`Remove pair ${index + 1}`}
                  onClick={() => setPairs((current) => current.filter((p) => p.id !== pair.id))}
                  className="rounded px-2 py-1 text-slate-500 hover:bg-slate-200 hover:text-slate-800"
                >
                  ×
                </button>
              </div>
              {problem && (
                <p id={problemId} className="text-xs text-rose-700">
                  {problem}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {overall && <p className="text-sm text-rose-700">{overall}</p>}
      {refusal && (
        <p
          role="alert"
          className="rounded-md border border-rose-200 bg-rose-50 p-2 text-sm text-rose-900"
        >
          The update was refused: {refusal}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={() => setPairs((current) => [...current, makePair()])}
          disabled={pairs.filter((pair) => pair.key !== '').length >= METADATA_LIMITS.pairs}
          className="rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50"
        >
          Add pair
        </button>
        <span className="text-xs text-slate-500">
          Up to {METADATA_LIMITS.pairs} pairs; keys ≤ {METADATA_LIMITS.keyLength} characters, values
          ≤ {METADATA_LIMITS.valueLength}.
        </span>
        <span className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={onDone}
            className="rounded-md px-3 py-1 text-sm hover:bg-slate-100"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={!valid || mutation.isPending}
            className="rounded-md bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
          >
            {mutation.isPending ? 'Saving…' : 'Save metadata'}
          </button>
        </span>
      </div>
    </form>
  );
}
