import { memo } from 'react';
import { Link } from 'wouter';
import { conversationHref } from '@/app/routes.ts';
import type { StoredCompletion } from '@/api/types.ts';
import {
  formatDateTime,
  formatNumber,
  formatRelative,
  formatShortDateTime,
  isoDateTime,
} from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { answerPreview } from '../utils/preview.ts';

const MAX_CHIPS = 4;
/** A chip of this many characters or more shrinks before shorter ones. */
const LONG_CHIP = 12;
// Monospace: 1ch is one character; 1rem is the chip's padding.
const LONG_CHIP_STYLE = { flexShrink: 1000, minWidth: 'calc(8ch + 1rem)' };

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
 * Its height is fixed (use-row-height.ts): from 640 px up two lines, id, model, date and tokens,
 * then the answer beside the chips (which get at most half the line); below, four: id and
 * tokens, model and date, the answer, the chips. Whatever does not fit is cut with an ellipsis
 * (a chip's title gives it whole).
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
        href={conversationHref(completion.id)}
        className="absolute inset-0 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
        aria-label={`${completion.id}, ${completion.model}${created != null ? `, ${formatRelative(created)}` : ''}: ${preview}`}
        tabIndex={tabIndex}
        data-main-link
        onFocus={() => {
          onActivate(index);
          onPrefetch(completion);
        }}
        // A click does not focus a link in every browser: the opened row is the one to come back to.
        onClick={() => onActivate(index)}
        onMouseEnter={() => onPrefetch(completion)}
      />
      {/* Narrow: the id and the tokens, then model and date on a line of their own (order-last). */}
      <div className="pointer-events-none relative flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1 text-sm sm:flex-nowrap">
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-700 sm:flex-initial">
          {completion.id}
        </span>
        <span className="order-last flex min-w-0 basis-full items-baseline gap-3 sm:order-none sm:shrink-0 sm:basis-auto">
          <button
            type="button"
            tabIndex={tabIndex}
            className="pointer-events-auto min-w-0 truncate rounded px-1 py-0.5 font-medium text-slate-900 hover:bg-sky-100 hover:text-sky-800"
            title={`Show only ${completion.model}`}
            aria-label={`Filter by model ${completion.model}`}
            onClick={() => onFilterModel(completion.model)}
          >
            {completion.model}
          </button>
          {created != null && (
            // The relative time comes first (screen readers, the tests that read it) and shows
            // last, after the date; hover or focus shows the exact time in place of the short one.
            <time
              dateTime={isoDateTime(created)}
              className="flex min-w-0 items-baseline gap-1.5 text-xs whitespace-nowrap text-slate-600"
            >
              <span className="order-last min-w-0 truncate before:mr-1.5 before:content-['·']">
                {formatRelative(created)}
              </span>
              <span className="shrink-0 group-focus-within:hidden group-hover:hidden">
                {formatShortDateTime(created)}
              </span>
              <span className="hidden shrink-0 group-focus-within:inline group-hover:inline">
                {formatDateTime(created)}
              </span>
            </time>
          )}
        </span>
        <span className="ml-auto shrink-0 text-xs text-slate-600 tabular-nums">
          {formatNumber(completion.usage?.total_tokens)} tokens
        </span>
      </div>
      {/* Narrow: the answer on its line, the chips on the next. Wide: side by side, the chips
          taking at most half, so the answer always keeps the other half. */}
      <div className="pointer-events-none relative flex min-w-0 flex-col gap-1 sm:flex-row sm:items-center sm:gap-2">
        <span
          className="min-w-0 truncate text-sm text-slate-600 sm:flex-1"
          dir="auto"
          data-testid="answer-preview"
        >
          {preview}
        </span>
        {chips.length > 0 && (
          <span className="flex min-w-0 items-center gap-1.5 sm:max-w-[50%] sm:gap-2">
            {chips.slice(0, MAX_CHIPS).map(([key, value]) => (
              <button
                key={key}
                type="button"
                tabIndex={tabIndex}
                className="pointer-events-auto max-w-48 min-w-0 truncate rounded-full bg-slate-100 px-2 py-1 font-mono text-xs text-slate-700 hover:bg-sky-100 hover:text-sky-800"
                aria-label={`Filter by metadata ${key} = ${value}`}
                title={`${key}=${value}`}
                data-testid="metadata-chip"
                // When they don't fit, long chips give up their width first (down to a few
                // characters) and short ones ("env=prod") stay whole for as long as they can.
                style={key.length + value.length >= LONG_CHIP ? LONG_CHIP_STYLE : undefined}
                onClick={() => onFilterMetadata(key, value)}
              >
                {key}={value}
              </button>
            ))}
            {chips.length > MAX_CHIPS && (
              <span className="shrink-0 text-xs text-slate-600">+{chips.length - MAX_CHIPS}</span>
            )}
          </span>
        )}
      </div>
    </div>
  );
});
