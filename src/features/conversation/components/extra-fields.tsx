import { useId, useState } from 'react';
import type { JsonObject } from '@/api/types.ts';
import { JsonBlock } from './json-view.tsx';

/**
 * Fields the viewer has no special view for, as chips with a short preview; each chip is a
 * button that shows the field's whole JSON below (and hides it again).
 */
export function ExtraFields({
  fields,
  label,
  owner = 'message',
}: {
  fields: JsonObject;
  label: string;
  /** What the fields belong to, as the group's name says it: "message #3", "completion …". */
  owner?: string;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const baseId = useId();
  // Empty values (`annotations: []` on every answer) say nothing: the JSON toggle still has them.
  const keys = Object.keys(fields).filter((key) => !isEmptyValue(fields[key]));
  if (keys.length === 0) return null;
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <div
      className="flex flex-col gap-1.5"
      role="group"
      aria-label={`Other fields of ${owner} ${label}`}
    >
      <div className="flex flex-wrap gap-1.5">
        {keys.map((key, i) => (
          <button
            key={key}
            type="button"
            aria-expanded={open.has(key)}
            aria-controls={open.has(key) ? `${baseId}-${i}` : undefined}
            onClick={() => toggle(key)}
            className="max-w-full truncate rounded bg-slate-200 px-1.5 py-0.5 text-start font-mono text-xs text-slate-700 hover:bg-slate-300 focus-visible:outline-2 focus-visible:outline-sky-600 aria-expanded:bg-slate-300"
            data-testid="extra-field"
            title={`${key}: ${chipPreview(fields[key], 400)}`}
          >
            <span aria-hidden="true" className="me-1 text-slate-500">
              {open.has(key) ? '▾' : '▸'}
            </span>
            {key}: {chipPreview(fields[key])}
          </button>
        ))}
      </div>
      {keys.map((key, i) =>
        open.has(key) ? (
          <div key={key} id={`${baseId}-${i}`} data-testid="extra-field-json">
            <JsonBlock value={fields[key]} label={`Field ${key} of ${owner} ${label}`} />
          </div>
        ) : null,
      )}
    </div>
  );
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** The value as JSON, cut at `max` characters with an ellipsis. */
function chipPreview(value: unknown, max = 80): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > max ? `${json.slice(0, max)}…` : json;
}
