import { useId, useState } from 'react';
import type { ListRoute } from '@/app/routes.ts';
import { Field, inputClass } from './field.tsx';

type SearchState = Pick<ListRoute, 'q' | 'createdAfter' | 'createdBefore'>;

const BOUNDS = [
  { key: 'createdAfter', label: 'From (UTC)' },
  { key: 'createdBefore', label: 'To (UTC)' },
] as const;

/** The date range presets: how far back from now (seconds). */
export const RANGE_PRESETS = [
  { value: 'hour', label: 'Last hour', seconds: 3_600 },
  { value: 'day', label: 'Last 24 hours', seconds: 86_400 },
  { value: 'week', label: 'Last 7 days', seconds: 7 * 86_400 },
  { value: 'month', label: 'Last 30 days', seconds: 30 * 86_400 },
] as const;

type RangeChoice = 'any' | (typeof RANGE_PRESETS)[number]['value'] | 'custom';

/** `2026-12-01T14:00` (a datetime-local value, in UTC) for a bound; '' when it is none. */
function toInputValue(bound: string | null): string {
  if (!bound) return '';
  const seconds = /^\d+(\.\d+)?$/.test(bound) ? Number(bound) : Date.parse(bound) / 1000;
  if (!Number.isFinite(seconds)) return '';
  return new Date(seconds * 1000).toISOString().slice(0, 16);
}

/** A datetime-local value (read as UTC) as an ISO bound for the URL; null when empty. */
function fromInputValue(value: string): string | null {
  return value ? `${value}:00Z` : null;
}

/**
 * Search the local index: a text (`q`) and a date range (`created_after` / `created_before`),
 * both in the URL. Presets count back from now when chosen; "Custom" takes two UTC date-times.
 */
export function SearchBar({
  search,
  onChange,
  now = () => Date.now(),
}: {
  search: SearchState;
  onChange: (search: Partial<SearchState>) => void;
  now?: () => number;
}) {
  const ids = { q: useId(), hint: useId() };
  const [draft, setDraft] = useState(search.q ?? '');
  const [custom, setCustom] = useState(false);
  const hasRange = search.createdAfter !== null || search.createdBefore !== null;
  // A preset becomes a range from a moment: shown (and editable) as a custom range.
  const choice: RangeChoice = custom || hasRange ? 'custom' : 'any';
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-end" data-testid="search-bar">
      <form
        role="search"
        className="flex min-w-0 flex-1 flex-col gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: draft.trim() === '' ? null : draft.trim() });
        }}
      >
        <label htmlFor={ids.q} className="text-xs font-medium text-slate-600">
          Search messages and answers
        </label>
        <div className="flex gap-1">
          <input
            id={ids.q}
            type="search"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder='refund policy, "order A-1042", call_abc*'
            aria-describedby={ids.hint}
            className={`${inputClass} min-w-0 flex-1`}
            autoComplete="off"
            spellCheck={false}
          />
          <button
            type="submit"
            className="shrink-0 rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
          >
            Search
          </button>
        </div>
        <p id={ids.hint} className="sr-only">
          Every word must match; "quoted words" as a phrase; word* for a prefix; OR between words;
          -word to leave out.
        </p>
      </form>
      <Field label="Created">
        {(id) => (
          <select
            id={id}
            value={choice}
            className={inputClass}
            onChange={(event) => {
              const value = event.target.value as RangeChoice;
              setCustom(value === 'custom');
              if (value === 'any') onChange({ createdAfter: null, createdBefore: null });
              const preset = RANGE_PRESETS.find((p) => p.value === value);
              if (preset) {
                setCustom(true);
                const from = Math.floor(now() / 1000) - preset.seconds;
                onChange({ createdAfter: String(from), createdBefore: null });
              }
            }}
          >
            <option value="any">Any time</option>
            {RANGE_PRESETS.map((preset) => (
              <option key={preset.value} value={preset.value}>
                {preset.label}
              </option>
            ))}
            <option value="custom">Custom range (UTC)</option>
          </select>
        )}
      </Field>
      {choice === 'custom' && (
        <div className="flex gap-2">
          {BOUNDS.map((bound) => (
            <Field key={bound.key} label={bound.label}>
              {(id) => (
                <input
                  id={id}
                  type="datetime-local"
                  value={toInputValue(search[bound.key])}
                  onChange={(event) =>
                    onChange({ [bound.key]: fromInputValue(event.target.value) })
                  }
                  className={inputClass}
                />
              )}
            </Field>
          ))}
        </div>
      )}
    </div>
  );
}
