import { memo } from 'react';
import { Link } from 'wouter';
import type { StoredCompletion } from '@/lib/api/types.ts';
import { formatDateTime, formatNumber, formatRelative, isoDateTime } from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { answerPreview } from '../utils/preview.ts';

export const ROW_HEIGHT = 76;
const MAX_CHIPS = 4;

interface CompletionRowProps {
  completion: StoredCompletion;
  index: number;
  active: boolean;
  onActivate: (index: number) => void;
  onPrefetch: (completion: StoredCompletion) => void;
  onFilterModel: (model: string) => void;
  onFilterMetadata: (key: string, value: string) => void;
}

/**
 * One stored completion. The whole row is a link (stretched over it); the model and metadata
 * chips above it are buttons that add a filter. Only the active row is in the tab order.
 */
export const CompletionRow = memo(function CompletionRow({
  completion,
  index,
  active,
  onActivate,
  onPrefetch,
  onFilterModel,
  onFilterMetadata,
}: CompletionRowProps) {
  useLocaleFormats(); // re-render when numbers and dates switch to the reader's locale
  const preview = answerPreview(completion);
  const chips = Object.entries(completion.metadata);
  const tabIndex = active ? 0 : -1;
  const created = completion.created;
  return (
    <div
      className={`group relative flex h-full flex-col justify-center gap-1 border-b border-slate-200 px-4 ${active ? 'bg-sky-50' : 'bg-white hover:bg-slate-50'}`}
      data-testid="completion-row"
      data-completion-id={completion.id}
    >
      <Link
        href={`/completions/${encodeURIComponent(completion.id)}`}
        className="absolute inset-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
        aria-label={`${completion.id}, ${completion.model}${created != null ? `, ${formatRelative(created)}` : ''}: ${preview}`}
        tabIndex={tabIndex}
        data-main-link
        onFocus={() => {
          onActivate(index);
          onPrefetch(completion);
        }}
        onMouseEnter={() => onPrefetch(completion)}
      />
      <div className="pointer-events-none relative flex min-w-0 items-baseline gap-3 text-sm">
        <span className="truncate font-mono text-xs text-slate-700">{completion.id}</span>
        <button
          type="button"
          tabIndex={tabIndex}
          className="pointer-events-auto shrink-0 rounded px-1 py-0.5 font-medium text-slate-900 hover:bg-sky-100 hover:text-sky-800"
          title={`Show only ${completion.model}`}
          aria-label={`Filter by model ${completion.model}`}
          onClick={() => onFilterModel(completion.model)}
        >
          {completion.model}
        </button>
        {created != null && (
          <time dateTime={isoDateTime(created)} className="shrink-0 text-xs text-slate-600">
            <span className="group-focus-within:hidden group-hover:hidden">
              {formatRelative(created)}
            </span>
            <span className="hidden group-focus-within:inline group-hover:inline">
              {formatDateTime(created)}
            </span>
          </time>
        )}
        <span className="ml-auto shrink-0 text-xs text-slate-600 tabular-nums">
          {formatNumber(completion.usage?.total_tokens)} tokens
        </span>
      </div>
      <div className="pointer-events-none relative flex min-w-0 items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm text-slate-600" dir="auto">
          {preview}
        </span>
        {chips.slice(0, MAX_CHIPS).map(([key, value]) => (
          <button
            key={key}
            type="button"
            tabIndex={tabIndex}
            className="pointer-events-auto max-w-48 shrink-0 truncate rounded-full bg-slate-100 px-2 py-1 font-mono text-xs text-slate-700 hover:bg-sky-100 hover:text-sky-800"
            aria-label={`Filter by metadata ${key} = ${value}`}
            title={`${key}=${value}`}
            onClick={() => onFilterMetadata(key, value)}
          >
            {key}={value}
          </button>
        ))}
        {chips.length > MAX_CHIPS && (
          <span className="shrink-0 text-xs text-slate-600">+{chips.length - MAX_CHIPS}</span>
        )}
      </div>
    </div>
  );
});
