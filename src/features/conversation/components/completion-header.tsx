import { useState } from 'react';
import { Link } from 'wouter';
import { CopyButton } from '@/components/copy-button.tsx';
import type { StoredCompletion } from '@/api/types.ts';
import { formatDateTime, formatNumber, formatRelative, isoDateTime } from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { lastListHref } from '@/lib/navigation-memory.ts';
import { DeleteCompletionDialog } from './delete-completion-dialog.tsx';
import { ExportDialog } from '../export/export-dialog.tsx';
import { MetadataEditor } from './metadata-editor.tsx';
import { RequestSection } from './request-section.tsx';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

export function CompletionHeader({ completion }: { completion: StoredCompletion }) {
  useLocaleFormats(); // re-render when numbers and dates switch to the reader's locale
  const { usage } = completion;
  const metadata = Object.entries(completion.metadata);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [exporting, setExporting] = useState(false);
  return (
    <section
      aria-label="Completion details"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
      data-testid="completion-header"
    >
      <nav className="mb-2 text-sm">
        <Link href={lastListHref()} className="text-sky-700 hover:underline">
          ← All stored completions
        </Link>
      </nav>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="font-mono text-base font-semibold break-all">{completion.id}</h1>
        <CopyButton text={completion.id} label="Copy completion id" />
        <button
          type="button"
          onClick={() => setExporting(true)}
          className="ml-auto rounded-md border border-slate-300 px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50"
          aria-haspopup="dialog"
        >
          Export…
        </button>
        <button
          type="button"
          onClick={() => setDeleting(true)}
          className="rounded-md border border-rose-200 px-2.5 py-1 text-sm text-rose-800 hover:bg-rose-50"
        >
          Delete…
        </button>
      </div>
      {exporting && (
        <ExportDialog completionId={completion.id} onClose={() => setExporting(false)} />
      )}
      {deleting && (
        <DeleteCompletionDialog completionId={completion.id} onClose={() => setDeleting(false)} />
      )}
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
        <Field label="Model">
          <span data-testid="completion-model">{completion.model}</span>
        </Field>
        <Field label="Created">
          {completion.created == null ? (
            '—'
          ) : (
            <time
              dateTime={isoDateTime(completion.created)}
              title={formatRelative(completion.created)}
            >
              {formatDateTime(completion.created)}
            </time>
          )}
        </Field>
        <Field label="Tokens (prompt / completion / total)">
          <span data-testid="completion-usage">
            {formatNumber(usage?.prompt_tokens)} / {formatNumber(usage?.completion_tokens)} /{' '}
            {formatNumber(usage?.total_tokens)}
          </span>
        </Field>
        <Field label="Service tier">{completion.serviceTier ?? '—'}</Field>
        {usage?.prompt_tokens_details?.cached_tokens != null && (
          <Field label="Cached prompt tokens">
            {formatNumber(usage.prompt_tokens_details.cached_tokens)}
          </Field>
        )}
        {usage?.completion_tokens_details?.reasoning_tokens != null && (
          <Field label="Reasoning tokens">
            {formatNumber(usage.completion_tokens_details.reasoning_tokens)}
          </Field>
        )}
        {completion.systemFingerprint && (
          <Field label="System fingerprint">
            <span className="font-mono text-xs">{completion.systemFingerprint}</span>
          </Field>
        )}
      </dl>
      <RequestSection completion={completion} />
      <div className="mt-3">
        <div className="flex items-center gap-2">
          <h2 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Metadata</h2>
          {!editing && (
            <button
              type="button"
              onClick={() => setEditing(true)}
              className="rounded px-1.5 text-xs text-sky-700 hover:bg-sky-50"
            >
              Edit metadata
            </button>
          )}
        </div>
        {editing ? (
          <MetadataEditor completion={completion} onDone={() => setEditing(false)} />
        ) : metadata.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500">None</p>
        ) : (
          <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="completion-metadata">
            {metadata.map(([key, value]) => (
              <li
                key={key}
                className="max-w-full truncate rounded-full bg-slate-100 px-2.5 py-0.5 font-mono text-xs text-slate-700"
              >
                {key}={value}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
