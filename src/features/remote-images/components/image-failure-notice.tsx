import type { ImageFailureState } from '../hooks/use-image-failure.ts';

// At least 24 × 24 px each, 24 px apart (WCAG 2.2 target size).
const actionClass =
  'relative z-10 inline-flex min-h-6 items-center rounded px-1.5 text-xs font-medium text-sky-800 underline hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-600';

/**
 * Why a remote image did not show (see classify-image-failure.ts), with what to do: open it
 * directly (a new tab, no referrer), or try again.
 */
export function ImageFailureNotice({
  state,
  url,
  onRetry,
  className = '',
}: {
  state: ImageFailureState;
  /** The image's http(s) URL. */
  url: string;
  onRetry?: () => void;
  className?: string;
}) {
  if (state.status === 'checking') {
    return (
      <div
        data-testid="image-failure"
        data-cause="checking"
        className={`flex flex-col gap-1 bg-slate-50 p-3 text-sm ${className}`}
      >
        <p className="font-medium text-rose-800">Image did not load</p>
        <p className="text-xs text-slate-600">Finding out why…</p>
      </div>
    );
  }
  const { failure } = state;
  return (
    <div
      data-testid="image-failure"
      data-cause={failure.cause}
      className={`flex flex-col gap-1 bg-slate-50 p-3 text-sm ${className}`}
    >
      <p className="font-medium text-rose-800">{failure.title}</p>
      <p className="text-xs text-slate-700">{failure.reason}</p>
      <p className="text-xs text-slate-600">{failure.advice}</p>
      {/* At the bottom: a click anywhere else in the box still opens the inspector. */}
      <p className="mt-auto flex flex-wrap gap-2 pt-1">
        <a href={url} target="_blank" rel="noopener noreferrer" className={actionClass}>
          Open image ↗
        </a>
        {onRetry && (
          <button type="button" className={actionClass} onClick={onRetry}>
            Try again
          </button>
        )}
      </p>
    </div>
  );
}
