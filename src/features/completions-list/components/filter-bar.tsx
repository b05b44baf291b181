import { useId, useState } from 'react';
import type { CompletionsFilters } from '@/api/completions-list.ts';
import { hasFilters } from '../utils/list-filters.ts';

const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30';

/** Filters that mirror the API's: model, metadata key=value pairs, order. */
export function FilterBar({
  filters,
  models,
  onChange,
}: {
  filters: CompletionsFilters;
  /** Models seen so far, offered as suggestions. */
  models: string[];
  onChange: (filters: CompletionsFilters) => void;
}) {
  const ids = { model: useId(), models: useId(), order: useId() };
  // The model field edits a draft; the URL changes when the user submits or leaves the field.
  const [modelDraft, setModelDraft] = useState(filters.model);
  const [modelSource, setModelSource] = useState(filters.model);
  if (modelSource !== filters.model) {
    setModelSource(filters.model);
    setModelDraft(filters.model);
  }
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');

  const applyModel = () => {
    if (modelDraft.trim() !== filters.model) onChange({ ...filters, model: modelDraft.trim() });
  };
  const metadata = Object.entries(filters.metadata);

  return (
    <div className="flex flex-col gap-2" role="search" aria-label="Filter stored completions">
      <div className="flex flex-wrap items-end gap-3">
        <form
          className="flex flex-col gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            applyModel();
          }}
        >
          <label htmlFor={ids.model} className="text-xs font-medium text-slate-600">
            Model
          </label>
          <input
            id={ids.model}
            list={ids.models}
            value={modelDraft}
            placeholder="any model"
            onChange={(event) => setModelDraft(event.target.value)}
            onBlur={applyModel}
            className={`${inputClass} w-44`}
            autoComplete="off"
          />
          <datalist id={ids.models}>
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </form>
        <form
          className="flex items-end gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            if (key === '') return;
            onChange({ ...filters, metadata: { ...filters.metadata, [key]: value } });
            setKey('');
            setValue('');
          }}
        >
          <LabeledInput label="Metadata key" value={key} onChange={setKey} />
          <span className="pb-1.5 text-slate-500">=</span>
          <LabeledInput label="Metadata value" value={value} onChange={setValue} />
          <button
            type="submit"
            disabled={key === ''}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
          >
            Add filter
          </button>
        </form>
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.order} className="text-xs font-medium text-slate-600">
            Order
          </label>
          <select
            id={ids.order}
            value={filters.order}
            onChange={(event) =>
              onChange({ ...filters, order: event.target.value === 'asc' ? 'asc' : 'desc' })
            }
            className={inputClass}
          >
            <option value="desc">Newest first</option>
            <option value="asc">Oldest first</option>
          </select>
        </div>
      </div>
      {hasFilters(filters) && (
        <ul className="flex flex-wrap items-center gap-2" aria-label="Active filters">
          {filters.model && (
            <li className="flex items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-2.5 text-xs text-sky-900">
              model = <span className="font-mono">{filters.model}</span>
              <RemoveButton
                label={`Remove filter model = ${filters.model}`}
                onClick={() => onChange({ ...filters, model: '' })}
              />
            </li>
          )}
          {metadata.map(([k, v]) => (
            <li
              key={k}
              className="flex max-w-full items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-2.5 text-xs text-sky-900"
            >
              <span className="truncate font-mono">
                {k}={v}
              </span>
              <RemoveButton
                label={`Remove filter ${k} = ${v}`}
                onClick={() => {
                  const rest = { ...filters.metadata };
                  delete rest[k];
                  onChange({ ...filters, metadata: rest });
                }}
              />
            </li>
          ))}
          <li>
            <button
              type="button"
              className="text-xs font-medium text-sky-700 underline"
              onClick={() => onChange({ ...filters, model: '', metadata: {} })}
            >
              Clear filters
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-label={label}
      onClick={onClick}
      className="rounded-full px-1 leading-none hover:bg-sky-200"
    >
      ×
    </button>
  );
}

function LabeledInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={`${inputClass} w-36`}
        autoComplete="off"
      />
    </div>
  );
}
