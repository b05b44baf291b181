import { Field, inputClass } from './field.tsx';
import { Fragment, useId, useRef, useState } from 'react';
import type { CompletionsFilters } from '@/api/completions-list.ts';
import { hasFilters } from '../utils/list-filters.ts';

/**
 * Filters that mirror the API's: model, order, metadata key=value pairs. On a phone the model and
 * the order share a line and the metadata pair takes the next; every button is always enabled,
 * and a metadata pair missing its key or value says so instead of filtering.
 */
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
  const ids = { model: useId(), models: useId() };
  // The model field edits a draft; the URL changes when the user submits or leaves the field.
  const [modelDraft, setModelDraft] = useState(filters.model);
  const [modelSource, setModelSource] = useState(filters.model);
  if (modelSource !== filters.model) {
    setModelSource(filters.model);
    setModelDraft(filters.model);
  }
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState<'key' | 'value' | null>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  const valueInput = useRef<HTMLInputElement>(null);
  const problemId = useId();

  const applyModel = () => {
    if (modelDraft.trim() !== filters.model) onChange({ ...filters, model: modelDraft.trim() });
  };
  const metadata = Object.entries(filters.metadata);

  return (
    <div className="flex flex-col gap-2" role="search" aria-label="Filter stored completions">
      <div className="flex flex-wrap items-start gap-3">
        <form
          className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-none"
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
            className={`${inputClass} w-full sm:w-44`}
            autoComplete="off"
          />
          <datalist id={ids.models}>
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        </form>
        <Field label="Order">
          {(id) => (
            <select
              id={id}
              value={filters.order}
              onChange={(event) =>
                // With the model being typed, if any: choosing an order also leaves that field.
                onChange({
                  ...filters,
                  model: modelDraft.trim(),
                  order: event.target.value === 'asc' ? 'asc' : 'desc',
                })
              }
              className={inputClass}
            >
              <option value="desc">Newest first</option>
              <option value="asc">Oldest first</option>
            </select>
          )}
        </Field>
        <form
          className="flex w-full flex-col gap-1 sm:w-auto"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const lacking = key.trim() === '' ? 'key' : value === '' ? 'value' : null;
            setMissing(lacking);
            if (lacking) {
              (lacking === 'key' ? keyInput : valueInput).current?.focus();
              return;
            }
            onChange({ ...filters, metadata: { ...filters.metadata, [key]: value } });
            setKey('');
            setValue('');
          }}
        >
          <div className="flex items-end gap-1">
            {(
              [
                ['key', 'Metadata key', key, setKey, keyInput],
                ['value', 'Metadata value', value, setValue, valueInput],
              ] as const
            ).map(([part, label, text, setText, ref]) => (
              <Fragment key={part}>
                {part === 'value' && <span className="pb-1.5 text-slate-500">=</span>}
                <LabeledInput
                  label={label}
                  value={text}
                  inputRef={ref}
                  problemId={missing === part ? problemId : undefined}
                  onChange={(next) => {
                    setText(next);
                    setMissing(null);
                  }}
                />
              </Fragment>
            ))}
            <button
              type="submit"
              className="shrink-0 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
            >
              Add filter
            </button>
          </div>
          {missing && (
            <p id={problemId} role="alert" className="text-sm text-rose-700">
              {missing === 'key'
                ? 'Enter a metadata key and its value.'
                : `Enter a value for “${key}” too: metadata filters match key = value.`}
            </p>
          )}
        </form>
      </div>
      {hasFilters(filters) && (
        <ul className="flex flex-wrap items-center gap-2" aria-label="Active filters">
          {filters.model && (
            <li className="flex max-w-full items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-2.5 text-xs text-sky-900">
              <span className="truncate">
                model = <span className="font-mono">{filters.model}</span>
              </span>
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
            <ClearFiltersButton
              className="text-xs"
              onClick={() => onChange({ ...filters, model: '', metadata: {} })}
            />
          </li>
        </ul>
      )}
    </div>
  );
}

/** Drops the model and metadata filters (the order stays). */
export function ClearFiltersButton({
  onClick,
  className = '',
}: {
  onClick: () => void;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={`font-medium text-sky-700 underline ${className}`}
      onClick={onClick}
    >
      Clear filters
    </button>
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
  inputRef,
  problemId,
  onChange,
}: {
  label: string;
  value: string;
  inputRef: React.Ref<HTMLInputElement>;
  /** The message saying this field is missing, when it is. */
  problemId: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} className="min-w-0 flex-1 sm:flex-none">
      {(id) => (
        <input
          id={id}
          ref={inputRef}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={problemId != null}
          aria-describedby={problemId}
          className={`${inputClass} w-full sm:w-36`}
          autoComplete="off"
        />
      )}
    </Field>
  );
}
