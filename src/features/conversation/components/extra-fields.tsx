import { useId, useState } from 'react';
import type { JsonObject } from '@/lib/api/types.ts';
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
  const keys = Object.keys(fields);
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
          >
            <span aria-hidden="true" className="me-1 text-slate-500">
              {open.has(key) ? '▾' : '▸'}
            </span>
            {key}: {JSON.stringify(fields[key]).slice(0, 80)}
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
