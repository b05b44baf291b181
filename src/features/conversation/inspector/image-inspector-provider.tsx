import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ImageInspectorContext,
  INSPECT_MESSAGE_ATTRIBUTE,
  INSPECT_PART_ATTRIBUTE,
  type InspectorDirection,
  type InspectorImage,
  type InspectorImageRef,
  type InspectorPages,
  type InspectorSeek,
  type InspectorSeekOutcome,
} from './image-inspector-context.ts';
import type { ImageInspectorDialog } from './components/image-inspector-dialog.tsx';
import { findImage } from './utils/collect-image-parts.ts';

type DialogModule = { ImageInspectorDialog: typeof ImageInspectorDialog };

// The inspector (zoom and pan, token rules, the model's view) is its own chunk, loaded on first
// use: none of it is in the entry bundle.
let dialogModule: Promise<DialogModule> | null = null;
function loadDialog(): Promise<DialogModule> {
  dialogModule ??= import('./components/image-inspector-dialog.tsx').catch((error: unknown) => {
    dialogModule = null; // let the next attempt retry
    throw error;
  });
  return dialogModule;
}

/** The part's "inspect" button in the list, when it is rendered. */
function findPartButton(image: InspectorImage): HTMLElement | null {
  if (image.messageId == null) return null;
  for (const el of document.querySelectorAll<HTMLElement>(`[${INSPECT_PART_ATTRIBUTE}]`)) {
    if (
      el.getAttribute(INSPECT_MESSAGE_ATTRIBUTE) === image.messageId &&
      el.getAttribute(INSPECT_PART_ATTRIBUTE) === String(image.partIndex)
    )
      return el;
  }
  return null;
}

/**
 * Gives the image parts below it an inspector: a dialog with the image large (zoom, pan), its
 * facts and its estimated input tokens, moving through `items` with ← and →.
 *
 * Mount it around the conversation list with every loaded image part (collectImageParts(rows))
 * and the completion's model (null until known).
 */
export function ImageInspectorProvider({
  items,
  model,
  pages,
  children,
}: {
  items: readonly InspectorImage[];
  model: string | null;
  /** The pages not loaded yet, so ← and → can go on into them; absent: only `items`. */
  pages?: InspectorPages;
  children: React.ReactNode;
}) {
  // The part shown: a listed one by key, or one that isn't listed (yet) on its own.
  const [shown, setShown] = useState<{ key: string; standalone: InspectorImage | null } | null>(
    null,
  );
  const [Dialog, setDialog] = useState<DialogModule['ImageInspectorDialog'] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);
  const focusAfterClose = useRef<InspectorImage | null>(null);

  const preload = useCallback(() => {
    loadDialog().then(
      (module) => setDialog(() => module.ImageInspectorDialog),
      () => {},
    );
  }, []);

  const openImage = useCallback((part: InspectorImageRef, from: HTMLElement) => {
    opener.current = from;
    const listed = findImage(itemsRef.current, part);
    setShown(
      listed
        ? { key: listed.key, standalone: null }
        : {
            key: `standalone:${part.partIndex}`,
            standalone: {
              ...part,
              key: `standalone:${part.partIndex}`,
              messageLabel: '',
            },
          },
    );
    setLoadFailed(false);
    loadDialog().then(
      (module) => setDialog(() => module.ImageInspectorDialog),
      () => setLoadFailed(true),
    );
  }, []);

  const current = shown
    ? (shown.standalone ?? items.find((item) => item.key === shown.key) ?? null)
    : null;

  // ← on the first loaded image or → on the last: the conversation loads pages that way until
  // a row with an image turns up; then its first (→) or last (←) image is shown.
  const [seek, setSeek] = useState<{
    direction: InspectorDirection;
    from: string;
    outcome: InspectorSeekOutcome | null;
  } | null>(null);
  const seekFrom = useCallback(
    (direction: InspectorDirection) => {
      const from = current;
      if (!pages || !from || shown?.standalone) return;
      setSeek({ direction, from: from.key, outcome: null });
      void pages
        .seekImage(direction, from.messageId)
        .then((outcome) => setSeek((now) => (now?.from === from.key ? { ...now, outcome } : now)));
    },
    [pages, current, shown],
  );
  let seekShown: InspectorSeek | null = null;
  if (seek && shown?.key === seek.from) {
    const { outcome } = seek;
    const found =
      outcome?.status === 'found'
        ? items.filter((item) => item.messageId === outcome.messageId)
        : [];
    const target = seek.direction === 'newer' ? found[0] : found[found.length - 1];
    if (target) {
      // The row is loaded: show its image (state adjusted while rendering, the way React
      // recommends for state that follows props).
      setSeek(null);
      setShown({ key: target.key, standalone: null });
    } else {
      // Cancelled (another seek took over, e.g. a keyboard move): nothing to report.
      seekShown =
        outcome?.status === 'cancelled'
          ? null
          : {
              direction: seek.direction,
              searching: outcome === null,
              failed: outcome?.status === 'failed',
            };
    }
  }

  const close = useCallback((last: InspectorImage | null) => {
    focusAfterClose.current = last;
    setShown(null);
  }, []);

  // Focus goes back to the part on show (the one opened, or the one moved to with the arrows).
  useEffect(() => {
    if (shown || !focusAfterClose.current) return;
    const target = findPartButton(focusAfterClose.current) ?? opener.current;
    focusAfterClose.current = null;
    if (target?.isConnected) target.focus();
  }, [shown]);

  const value = useMemo(() => ({ openImage, preload }), [openImage, preload]);
  return (
    <ImageInspectorContext.Provider value={value}>
      {children}
      {current && Dialog && (
        <Dialog
          items={shown?.standalone ? [shown.standalone] : items}
          current={current}
          model={model}
          onNavigate={(key) => setShown({ key, standalone: null })}
          onClose={close}
          more={
            shown?.standalone || !pages
              ? undefined
              : { older: pages.older, newer: pages.newer, seek: seekShown, onSeek: seekFrom }
          }
        />
      )}
      {current && loadFailed && (
        <div
          role="alert"
          className="fixed right-4 bottom-4 z-50 flex items-center gap-3 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-950 shadow-lg"
        >
          The image inspector could not be loaded (offline?).
          <button
            type="button"
            className="rounded px-2 py-0.5 font-medium hover:bg-rose-100"
            onClick={() => close(current)}
          >
            Dismiss
          </button>
        </div>
      )}
    </ImageInspectorContext.Provider>
  );
}
