import { RadioGroup } from '@/components/radio-group.tsx';
import { useEffect, useRef, useState } from 'react';
import { explainError } from '@/components/error-state.tsx';
import { getApiClient } from '@/api/current.ts';
import { isApiError } from '@/api/errors.ts';
import { formatBytes, formatNumber } from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { downloadBlob, exportFileName } from './download.ts';
import {
  fetchWholeConversation,
  newConversationDownload,
  type ConversationDownload,
} from './fetch-conversation.ts';
import { formatJsonExport } from './format-json.ts';
import type { ImageMode } from './format-markdown.ts';

type Format = 'json' | 'markdown';

type Status =
  | { kind: 'idle' }
  | { kind: 'fetching'; messages: number }
  | { kind: 'formatting'; messages: number }
  | { kind: 'done'; fileName: string; bytes: number; messages: number }
  | { kind: 'cancelled'; messages: number }
  | { kind: 'error'; error: unknown; messages: number };

const messagesText = (n: number) => `${formatNumber(n)} message${n === 1 ? '' : 's'}`;

/** Lets the event loop paint the status before a long synchronous step. */
const nextFrame = () => new Promise<void>((resolve) => window.setTimeout(resolve, 0));

const FORMATS: { value: Format; label: React.ReactNode }[] = [
  {
    value: 'json',
    label: (
      <>
        JSON <span className="text-slate-500">(.jsonl: opens with npm start -- --data)</span>
      </>
    ),
  },
  {
    value: 'markdown',
    label: (
      <>
        Markdown <span className="text-slate-500">(.md, to read or share)</span>
      </>
    ),
  },
];

const IMAGE_MODES: { value: ImageMode; label: string }[] = [
  { value: 'links', label: 'Leave out (a note says what was there); image links stay links' },
  { value: 'embed', label: 'Embed as data URLs (a larger file)' },
];

/** A radio group's value and its setter, disabled while an export runs. */
const radios = <T,>(value: T, onChange: (value: T) => void, busy: boolean) => ({
  value,
  onChange,
  disabled: busy,
});

/**
 * Export the whole conversation as JSON (the `--data` format) or Markdown. Every page of
 * messages is fetched (progress shown; Cancel aborts the request in flight). What arrived is
 * kept while the dialog is open: Retry after an error, or exporting again after a cancel or in
 * the other format, goes on from there instead of starting over.
 */
export function ExportDialog({
  completionId,
  onClose,
}: {
  completionId: string;
  onClose: () => void;
}) {
  useLocaleFormats(); // re-render when numbers and dates switch to the reader's locale
  const dialogRef = useRef<HTMLDialogElement>(null);
  const downloadRef = useRef<ConversationDownload>(newConversationDownload());
  const controllerRef = useRef<AbortController | null>(null);
  const [format, setFormat] = useState<Format>('json');
  const [images, setImages] = useState<ImageMode>('links');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'fetching' || status.kind === 'formatting';

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => {
      controllerRef.current?.abort();
      dialog?.close();
    };
  }, []);

  async function run() {
    const controller = new AbortController();
    controllerRef.current = controller;
    const download = downloadRef.current;
    setStatus({ kind: 'fetching', messages: download.items.length });
    try {
      const { completion, items } = await fetchWholeConversation(
        getApiClient(),
        completionId,
        download,
        {
          signal: controller.signal,
          onProgress: ({ messages }) => setStatus({ kind: 'fetching', messages }),
        },
      );
      setStatus({ kind: 'formatting', messages: items.length });
      let blob: Blob;
      let fileName: string;
      if (format === 'json') {
        await nextFrame();
        blob = new Blob([formatJsonExport(completion, items)], { type: 'application/jsonl' });
        fileName = exportFileName(completion.id, 'jsonl');
      } else {
        const { formatMarkdownExport } = await import('./format-markdown.ts');
        await nextFrame();
        controller.signal.throwIfAborted();
        blob = new Blob([formatMarkdownExport(completion, items, { images })], {
          type: 'text/markdown;charset=utf-8',
        });
        fileName = exportFileName(completion.id, 'md');
      }
      controller.signal.throwIfAborted();
      downloadBlob(blob, fileName);
      setStatus({ kind: 'done', fileName, bytes: blob.size, messages: items.length });
    } catch (error) {
      const messages = download.items.length;
      setStatus(
        controller.signal.aborted
          ? { kind: 'cancelled', messages }
          : { kind: 'error', error, messages },
      );
    } finally {
      if (controllerRef.current === controller) controllerRef.current = null;
    }
  }

  const failure =
    status.kind === 'error'
      ? (() => {
          const explained = explainError(status.error, 'Conversation');
          const detail =
            isApiError(status.error) && status.error.kind === 'http'
              ? status.error.message
              : explained.detail;
          return `${explained.title}${detail ? `: ${detail}` : ''}`;
        })()
      : null;

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="export-title"
      onClose={onClose}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-[rgb(2_6_23/0.40)]"
      data-testid="export-dialog"
    >
      <form
        className="flex flex-col gap-4 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void run();
        }}
      >
        <h2 id="export-title" className="text-lg font-semibold">
          Export this conversation
        </h2>
        <RadioGroup legend="Format" {...radios(format, setFormat, busy)} options={FORMATS} />
        {format === 'markdown' && (
          <RadioGroup
            legend="Images sent as data URLs"
            {...radios(images, setImages, busy)}
            options={IMAGE_MODES}
          />
        )}

        <div
          aria-live="polite"
          role="status"
          className="min-h-5 text-sm"
          data-testid="export-status"
        >
          {status.kind === 'fetching' &&
            (status.messages === 0
              ? 'Fetching messages…'
              : `Fetched ${formatNumber(status.messages)} messages…`)}
          {status.kind === 'formatting' && `Preparing the file (${messagesText(status.messages)})…`}
          {status.kind === 'done' &&
            `Saved ${status.fileName} (${messagesText(status.messages)}, ${formatBytes(status.bytes)}).`}
          {status.kind === 'cancelled' &&
            `Cancelled after ${messagesText(status.messages)}. Export again to go on from there.`}
        </div>
        {failure && (
          <p
            role="alert"
            className="rounded-md border border-rose-200 bg-rose-50 p-2 text-sm text-rose-900"
          >
            Export stopped after {messagesText(status.kind === 'error' ? status.messages : 0)}.{' '}
            {failure}
          </p>
        )}

        <div className="flex justify-end gap-2">
          {/* While it runs, Cancel (focused); then Close beside Download. A new key remounts it,
              so autoFocus moves the focus to Cancel when an export starts. */}
          <button
            key={busy ? 'cancel' : 'close'}
            type="button"
            autoFocus={busy}
            onClick={() => (busy ? controllerRef.current?.abort() : dialogRef.current?.close())}
            className={`rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 ${busy ? 'border border-slate-300' : ''}`}
          >
            {busy ? 'Cancel' : 'Close'}
          </button>
          {!busy && (
            <button
              type="submit"
              autoFocus
              className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
            >
              {status.kind === 'error'
                ? 'Retry'
                : `Download ${format === 'json' ? '.jsonl' : '.md'}`}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
