import { useQuery } from '@tanstack/react-query';
import { onConnectionSettingsRequested } from '@/api/current.ts';
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { viewerInfoQueryOptions } from '../api/get-viewer-info.ts';
import { useActiveConnection } from '../stores/active-connection.ts';
import {
  connectionLabel,
  needsDirectConnection,
  type ServerInfoState,
} from '../utils/describe-connection.ts';

// The settings panel is needed only when opened: keep it out of the initial JS.
const ConnectionPanel = lazy(() =>
  import('./connection-panel.tsx').then((module) => ({ default: module.ConnectionPanel })),
);

function useServerInfo(): ServerInfoState {
  const info = useQuery(viewerInfoQueryOptions());
  if (info.isPending) return { status: 'pending' };
  if (info.isError) return { status: 'error' };
  return { status: 'success', info: info.data };
}

/**
 * The header button that says where the data comes from, and opens the connection settings in
 * a modal dialog. On a static host with no direct connection it opens once by itself.
 */
export function ConnectionButton() {
  const active = useActiveConnection();
  const server = useServerInfo();
  const [openedByUser, setOpenedByUser] = useState(false);
  // An error message's "Open connection settings".
  useEffect(() => onConnectionSettingsRequested(() => setOpenedByUser(true)), []);
  const [autoOpenDismissed, setAutoOpenDismissed] = useState(false);
  const needsDirect = needsDirectConnection(active, server);
  const open = openedByUser || (needsDirect && !autoOpenDismissed);
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  // The native modal dialog traps focus, makes the page behind it inert and closes on Escape.
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);

  const label = connectionLabel(active, server);
  const unset = needsDirect || label === 'Connection: not set';
  // No green dot before the server has answered: nothing is known to work yet.
  const checking = active.kind === 'server' && server.status === 'pending';

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        onClick={() => setOpenedByUser(true)}
        className="ml-auto flex min-w-0 max-w-[min(28rem,60vw)] items-center gap-2 rounded-md border border-slate-300 px-3 py-0.5 text-sm text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
      >
        <span
          aria-hidden="true"
          className={`size-2 shrink-0 rounded-full ${checking ? 'bg-slate-400' : unset ? 'bg-amber-500' : active.kind === 'direct' ? 'bg-sky-600' : 'bg-emerald-600'}`}
          data-state={checking ? 'checking' : unset ? 'unset' : active.kind}
        />
        <span className="truncate">{label}</span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        // Escape and Close both end here: the dialog is closed, focus goes back to the button.
        onClose={() => {
          setOpenedByUser(false);
          setAutoOpenDismissed(true);
          button.current?.focus();
        }}
        className="m-auto max-h-[calc(100dvh-2rem)] w-[min(40rem,calc(100vw-2rem))] overflow-y-auto rounded-lg bg-white text-slate-900 shadow-xl backdrop:bg-[rgb(2_6_23/0.40)]"
      >
        {open && (
          <Suspense fallback={<p className="p-5 text-sm text-slate-600">Loading settings…</p>}>
            <ConnectionPanel
              titleId={titleId}
              active={active}
              server={server}
              onDone={() => dialog.current?.close()}
            />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
