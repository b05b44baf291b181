import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import {
  classifyImageFailure,
  ImageFailureNotice,
  RemoteImageConsent,
  useImageFailure,
  useMayLoadImage,
} from '@/features/remote-images/index.ts';
import { formatBytes } from '@/lib/format.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { describeUrl } from '@/lib/safe-url.ts';
import {
  estimateImageTokens,
  type ImageTokenEstimate,
  type Size,
} from '@/lib/vision/estimate-image-tokens.ts';
import { PATCH_RULE, TILE_RULE } from '@/lib/vision/vision-token-rules.ts';
import { useElementSize } from '../hooks/use-element-size.ts';
import { useImageBytes, type ImageBytes } from '../hooks/use-image-bytes.ts';
import { usePanZoom } from '../hooks/use-pan-zoom.ts';
import type {
  InspectorDirection,
  InspectorImage,
  InspectorSeek,
} from '../image-inspector-context.ts';
import { fitBox, formatSize } from '../utils/display.ts';
import { ImageFacts } from './image-facts.tsx';
import { ModelView, type ModelGrid } from './model-view.tsx';
import { TokenEstimatePanel } from './token-estimate-panel.tsx';

const toolButton =
  'rounded-md px-2 py-1 text-sm hover:bg-slate-200 aria-disabled:cursor-default aria-disabled:opacity-40 aria-disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-sky-600 aria-pressed:bg-sky-100 aria-pressed:text-sky-900';

interface ModelCase {
  detail: 'low' | 'high' | null;
  resized: Size;
  grid: ModelGrid | null;
  caption: string;
}

/** What "as the model saw it" shows for this estimate: the chosen case (low or high for auto). */
function modelCaseOf(estimate: ImageTokenEstimate | null, want: 'low' | 'high'): ModelCase | null {
  if (!estimate || estimate.kind === 'unknown-model') return null;
  if (estimate.kind === 'patch') {
    const { resized, patches } = estimate.estimate;
    return {
      detail: null,
      resized,
      grid: { kind: 'patch', cell: PATCH_RULE.patchSize, ...patches },
      caption: `${formatSize(resized)}: ${patches.columns} × ${patches.rows} = ${patches.count} patches of ${PATCH_RULE.patchSize} px`,
    };
  }
  const c = estimate.cases.find((x) => x.detail === want) ?? estimate.cases[0];
  if (!c) return null;
  return c.tiles
    ? {
        detail: 'high',
        resized: c.resized,
        grid: { kind: 'tile', cell: TILE_RULE.tileSize, ...c.tiles },
        caption: `high detail: ${formatSize(c.resized)}, ${c.tiles.columns} × ${c.tiles.rows} = ${c.tiles.count} tile${c.tiles.count === 1 ? '' : 's'} of ${TILE_RULE.tileSize} px`,
      }
    : {
        detail: 'low',
        resized: c.resized,
        grid: null,
        caption: `low detail: ${formatSize(c.resized)}, the low-resolution version (within ${TILE_RULE.lowDetailSize} × ${TILE_RULE.lowDetailSize})`,
      };
}

function Failure({ title, reason, url }: { title: string; reason: string; url: string }) {
  return (
    <div
      role="alert"
      className="m-4 flex max-w-xl flex-col gap-1 rounded-md border border-rose-300 bg-rose-50 p-4 text-sm text-rose-950"
    >
      <span className="font-semibold">{title}</span>
      <span>{reason}</span>
      <span className="font-mono text-xs break-all text-slate-700">{describeUrl(url, 500)}</span>
    </div>
  );
}

/** Frames a remote image's failure notice on the dark stage. */
function FailureNotice({ children }: { children: React.ReactNode }) {
  return (
    <div role="alert" className="m-4 max-w-xl overflow-hidden rounded-md border border-rose-300">
      {children}
    </div>
  );
}

function Pending({ bytes }: { bytes: ImageBytes }) {
  const approx = bytes.status === 'loading' ? bytes.approxBytes : null;
  return (
    <p role="status" className="rounded-md bg-white/90 px-3 py-2 text-sm text-slate-700">
      {approx != null ? `Decoding ${formatBytes(approx)} image…` : 'Loading the image…'}
    </p>
  );
}

/**
 * The image inspector: a modal <dialog> with the image large (wheel, drag, pinch, + − 0),
 * ← → through every image part of the conversation, Escape to close; beside it the image's
 * facts and its estimated input tokens. Loaded on first use (see ImageInspectorProvider).
 */
export function ImageInspectorDialog({
  items,
  current,
  model,
  onNavigate,
  onClose,
  more,
}: {
  /** Pages not loaded yet on either side, and the search for an image in them. */
  more?: {
    older: boolean;
    newer: boolean;
    seek: InspectorSeek | null;
    onSeek: (direction: InspectorDirection) => void;
  };
  items: readonly InspectorImage[];
  current: InspectorImage;
  model: string | null;
  onNavigate: (key: string) => void;
  /** Called once the dialog has closed, with the part shown last (focus goes back to it). */
  onClose: (last: InspectorImage) => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const [imgElement, setImgElement] = useState<HTMLImageElement | null>(null);
  const [showModel, setShowModel] = useState(false);
  const [modelDetail, setModelDetail] = useState<'low' | 'high'>('high');
  const [natural, setNatural] = useState<(Size & { for: string }) | null>(null);
  const [displayFailed, setDisplayFailed] = useState<string | null>(null);

  const bytes = useImageBytes(current.url, useMayLoadImage(current.url));
  const zoom = usePanZoom(surfaceRef, current.key);
  const stage = useElementSize(stageRef);

  useEffect(() => {
    const dialog = dialogRef.current;
    dialog?.showModal();
    return () => dialog?.close();
  }, []);

  const index = items.findIndex((item) => item.key === current.key);
  const previous = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 ? items[index + 1] : undefined;
  const seeking = more?.seek?.searching ? more.seek.direction : null;
  const canGoBack = !!previous || (!!more?.older && seeking === null);
  const canGoOn = !!next || (!!more?.newer && seeking === null);
  const goBack = () => {
    if (previous) onNavigate(previous.key);
    else if (more?.older && seeking === null) more.onSeek('older');
  };
  const goOn = () => {
    if (next) onNavigate(next.key);
    else if (more?.newer && seeking === null) more.onSeek('newer');
  };
  let seekNote: string | null = null;
  if (seeking === 'older') seekNote = 'Loading earlier messages to find the previous image…';
  else if (seeking === 'newer') seekNote = 'Loading later messages to find the next image…';
  else if (more?.seek?.failed) seekNote = 'Could not load more messages: see the conversation.';
  else if (more?.seek)
    seekNote =
      more.seek.direction === 'older'
        ? 'No earlier image in this conversation.'
        : 'No later image in this conversation.';

  const displayUrl = bytes.status === 'ready' ? bytes.displayUrl : null;
  const size = natural && natural.for === displayUrl ? natural : null;
  const failed = displayUrl != null && displayFailed === displayUrl;
  // A remote image shown from its URL that failed: find out why, as the list's card does.
  const remoteFailure = useImageFailure(
    failed && bytes.status === 'ready' && bytes.kind === 'remote' && bytes.response === null
      ? bytes.displayUrl
      : null,
  );

  // A little arithmetic and a few strings: made on each render, so the numbers in its
  // explanation follow the switch to the reader's locale.
  useLocaleFormats();
  const estimate = model && size ? estimateImageTokens(model, size, current.detail) : null;
  const modelCase = modelCaseOf(estimate, modelDetail);
  const box = size && stage ? fitBox(size, stage) : null;
  // Zoom as the reader means it: 100% = one image pixel per CSS pixel (Panzoom's scale is
  // relative to the fitted box).
  const fitRatio = box && size ? box.width / size.width : null;
  const realZoom = fitRatio != null ? zoom.scale * fitRatio : null;
  const atFit = Math.abs(zoom.scale - 1) < 0.005;
  const zoomToActual = () => {
    if (fitRatio) zoom.zoomTo(1 / fitRatio);
  };
  const modelShown = showModel && modelCase != null && box != null;

  const waitingFor = !model
    ? 'The completion’s model is not known yet.'
    : bytes.status === 'refused' || bytes.status === 'failed' || failed
      ? 'The image did not load, so its size (and so its tokens) is unknown.'
      : bytes.status === 'not-loaded'
        ? 'The image is not loaded (remote images load on click), so its size is unknown.'
        : 'Waiting for the image’s size…';

  const handleKey = (event: KeyboardEvent): boolean => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return false;
    const target = event.target as HTMLElement;
    if (target.closest?.('input, textarea, select, [contenteditable]')) return false;
    switch (event.key) {
      case 'ArrowLeft':
        goBack();
        break;
      case 'ArrowRight':
        goOn();
        break;
      case '+':
      case '=':
        zoom.zoomIn();
        break;
      case '-':
      case '_':
        zoom.zoomOut();
        break;
      case '0':
        zoom.reset();
        break;
      case '1':
        zoomToActual();
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  };
  // Keys pressed while focus is nowhere (a focused control went away) still count.
  const handleKeyRef = useRef(handleKey);
  useEffect(() => {
    handleKeyRef.current = handleKey;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!dialogRef.current?.contains(event.target as Node)) handleKeyRef.current(event);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  let content: React.ReactNode;
  if (bytes.status === 'refused') {
    content = <Failure title="Image not displayed" reason={bytes.reason} url={current.url} />;
  } else if (bytes.status === 'not-loaded') {
    content = (
      <RemoteImageConsent
        url={bytes.url}
        detail={current.detail}
        className="m-4 max-w-md rounded-md"
      />
    );
  } else if (bytes.status === 'failed') {
    content = bytes.failure ? (
      <FailureNotice>
        <ImageFailureNotice state={{ status: 'known', failure: bytes.failure }} url={current.url} />
      </FailureNotice>
    ) : (
      <Failure title="Image failed to load" reason={bytes.reason} url={current.url} />
    );
  } else if (bytes.status === 'loading') {
    content = <Pending bytes={bytes} />;
  } else if (failed && bytes.kind === 'remote') {
    // Bytes read (CORS) that don't decode: their status and type say why, exactly.
    const state = bytes.response
      ? ({
          status: 'known',
          failure: classifyImageFailure({
            url: current.url,
            pageUrl: window.location.href,
            blockedByPolicy: false,
            response: bytes.response,
            probe: null,
          }),
        } as const)
      : (remoteFailure ?? { status: 'checking' as const });
    content = (
      <FailureNotice>
        <ImageFailureNotice state={state} url={current.url} />
      </FailureNotice>
    );
  } else if (failed) {
    content = (
      <Failure
        title="Image not displayed"
        reason="the browser could not decode this data URL (a damaged image, or a format it does not support)"
        url={current.url}
      />
    );
  } else {
    content = (
      <>
        <img
          ref={setImgElement}
          key={bytes.displayUrl}
          src={bytes.displayUrl}
          alt={`Image part ${current.partIndex}${current.detail ? `, detail ${current.detail}` : ''}`}
          decoding="async"
          draggable={false}
          referrerPolicy="no-referrer"
          onLoad={(event) => {
            const { naturalWidth: width, naturalHeight: height } = event.currentTarget;
            setNatural({ for: bytes.displayUrl, width, height });
          }}
          onError={() => setDisplayFailed(bytes.displayUrl)}
          hidden={modelShown}
          style={box ? { width: box.width, height: box.height } : undefined}
          className="max-h-full max-w-full shrink-0 bg-[repeating-conic-gradient(var(--color-slate-100)_0%_25%,var(--color-slate-50)_0%_50%)] bg-[length:16px_16px] select-none"
        />
        {modelShown && (
          <ModelView
            source={bytes.blob}
            fallback={imgElement}
            resized={modelCase.resized}
            grid={modelCase.grid}
            box={box}
          />
        )}
      </>
    );
  }

  // "of N loaded" while pages (which may hold more images) are not loaded yet.
  const position =
    index >= 0
      ? `Image ${index + 1} of ${items.length}${more?.older || more?.newer ? ' loaded' : ''}`
      : 'Image';
  // In <body>, not inside the virtualized list: nothing of the page's DOM wraps the dialog.
  return createPortal(
    <dialog
      ref={dialogRef}
      aria-labelledby="inspector-title"
      onKeyDown={(event) => {
        handleKey(event.nativeEvent);
        // The page's own shortcuts (list navigation) must not act behind the dialog.
        event.stopPropagation();
      }}
      onClose={() => {
        // StrictMode's effect replay closes and reopens the dialog: only a real close counts.
        if (!dialogRef.current?.open) onClose(current);
      }}
      className="m-0 h-dvh max-h-none w-dvw max-w-none bg-white p-0 text-slate-900 backdrop:bg-[rgb(2_6_23/0.60)]"
      data-testid="image-inspector"
    >
      <div className="flex h-full flex-col">
        <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-3 py-2">
          <h2 id="inspector-title" className="font-semibold">
            {position}
            <span
              className="ml-2 text-sm font-normal text-slate-500"
              title="Message and content part, both counted from 0 (as in message ids and ?part= in links)"
            >
              {current.messageLabel ? `message ${current.messageLabel} · ` : ''}part{' '}
              {current.partIndex}
            </span>
          </h2>
          <div className="flex items-center gap-1" role="group" aria-label="Images">
            <ToolButton onClick={goBack} keys="ArrowLeft" unavailable={!canGoBack}>
              ← Previous image
            </ToolButton>
            <ToolButton onClick={goOn} keys="ArrowRight" unavailable={!canGoOn}>
              Next image →
            </ToolButton>
          </div>
          {seekNote && (
            <p role="status" className="text-sm text-slate-600" data-testid="inspector-seek">
              {seekNote}
            </p>
          )}
          <div className="flex items-center gap-1" role="group" aria-label="Zoom">
            <ToolButton onClick={zoom.zoomOut} label="Zoom out" keys="-">
              −
            </ToolButton>
            <output
              className="w-14 text-center text-sm tabular-nums"
              aria-label="Zoom level"
              data-testid="zoom-level"
            >
              {realZoom != null
                ? `${Math.round(realZoom * 100)}%${atFit ? ' · fit' : ''}`
                : `${Math.round(zoom.scale * 100)}% of fit`}
            </output>
            <ToolButton onClick={zoom.zoomIn} label="Zoom in" keys="+">
              +
            </ToolButton>
            <ToolButton onClick={zoom.reset} keys="0" title="Fit the image in the window (0)">
              Fit
            </ToolButton>
            <ToolButton
              onClick={zoomToActual}
              disabled={fitRatio == null}
              keys="1"
              title="One image pixel per CSS pixel (1)"
            >
              100%
            </ToolButton>
          </div>
          <div className="flex items-center gap-1">
            <ToolButton
              pressed={showModel}
              unavailable={!modelCase && !showModel}
              title={
                modelCase
                  ? 'The image resized as the token rules say, with the grid the model counts'
                  : estimate?.kind === 'unknown-model'
                    ? 'unknown model: no rule to apply'
                    : 'Needs the model and the image’s size'
              }
              onClick={() => {
                if (modelCase || showModel) setShowModel((value) => !value);
              }}
            >
              As the model saw it
            </ToolButton>
            {showModel && estimate?.kind === 'tile' && estimate.cases.length > 1 && (
              <span role="group" aria-label="Detail shown" className="flex gap-1">
                {(['low', 'high'] as const).map((d) => (
                  <button
                    key={d}
                    type="button"
                    className={toolButton}
                    aria-pressed={modelDetail === d}
                    onClick={() => setModelDetail(d)}
                  >
                    {d}
                  </button>
                ))}
              </span>
            )}
          </div>
          <button
            type="button"
            autoFocus
            className={`${toolButton} ml-auto font-medium`}
            onClick={() => dialogRef.current?.close()}
          >
            Close
          </button>
        </header>
        <div className="flex min-h-0 flex-1 flex-col md:flex-row">
          <div className="flex min-h-0 min-w-0 flex-1 flex-col bg-slate-800">
            <div
              ref={stageRef}
              className="relative min-h-0 flex-1 overflow-hidden"
              role="group"
              aria-label="Image: drag to pan; wheel, pinch or + and − to zoom; 0 to reset"
            >
              <div
                ref={surfaceRef}
                className="flex h-full w-full items-center justify-center"
                data-testid="zoom-surface"
              >
                {content}
              </div>
            </div>
            {showModel && (
              <p
                className="border-t border-slate-700 px-3 py-1.5 text-sm text-slate-100"
                data-testid="model-caption"
                aria-live="polite"
              >
                {modelShown
                  ? `As the model saw it, ${modelCase.caption}`
                  : estimate?.kind === 'unknown-model'
                    ? 'As the model saw it: unknown model, no rule to apply.'
                    : 'As the model saw it: needs the model and the image’s size.'}
              </p>
            )}
          </div>
          <aside className="flex max-h-[45%] flex-col gap-5 overflow-y-auto border-t border-slate-200 p-4 text-sm md:max-h-none md:w-96 md:border-t-0 md:border-l">
            <ImageFacts
              image={current}
              bytes={bytes}
              natural={size}
              displayFailed={failed || bytes.status === 'failed' || bytes.status === 'refused'}
            />
            <TokenEstimatePanel model={model} estimate={estimate} waitingFor={waitingFor} />
          </aside>
        </div>
      </div>
    </dialog>,
    document.body,
  );
}

/** A button of the inspector's toolbar, with its keyboard shortcut announced. */
function ToolButton({
  onClick,
  label,
  keys,
  title,
  disabled,
  pressed,
  unavailable,
  children,
}: {
  onClick: () => void;
  label?: string;
  keys?: string;
  title?: string;
  disabled?: boolean;
  /** A toggle's state (aria-pressed). */
  pressed?: boolean;
  /** aria-disabled, not disabled: it stays focusable (while the next image loads, say). */
  unavailable?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      className={toolButton}
      onClick={onClick}
      disabled={disabled}
      aria-disabled={unavailable}
      aria-pressed={pressed}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={title}
    >
      {children}
    </button>
  );
}
