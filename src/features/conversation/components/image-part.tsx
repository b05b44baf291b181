import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import { formatBytes } from '@/lib/format.ts';
import {
  forgetImageFailure,
  ImageFailureNotice,
  knownImageFailure,
  RemoteImageConsent,
  useImageFailure,
  useMayLoadImage,
} from '@/features/remote-images/index.ts';
import { describeUrl, safeImageSource } from '@/lib/safe-url.ts';
import { messageLink, useConversationContext } from '../conversation-context.ts';
import {
  INSPECT_MESSAGE_ATTRIBUTE,
  INSPECT_PART_ATTRIBUTE,
  useImageInspector,
} from '../inspector/image-inspector-context.ts';
import { acquireDataUrlBlob } from '../inspector/utils/data-url-blobs.ts';

/** Data URLs above this are decoded to a Blob URL off the critical path, not put in the DOM. */
const BLOB_THRESHOLD = 100_000;

function useDisplaySource(url: string) {
  const source = safeImageSource(url);
  const big = source.ok && source.kind === 'data' && source.src.length > BLOB_THRESHOLD;
  const [blob, setBlob] = useState<{ for: string; url: string } | { for: string; error: string }>();
  useEffect(() => {
    if (!big) return;
    let cancelled = false;
    // Decoded in a worker, shared with the inspector; revoked once neither shows it.
    const lease = acquireDataUrlBlob(url);
    lease.ready
      .then((decoded) => {
        if (!cancelled && decoded) setBlob({ for: url, url: decoded.objectUrl });
      })
      .catch(() => {
        if (!cancelled) setBlob({ for: url, error: 'the data URL could not be decoded' });
      });
    return () => {
      cancelled = true;
      lease.release();
    };
  }, [big, url]);
  const decoded = blob?.for === url ? blob : undefined;
  return { source, big, decoded };
}

/** The last `?part=N` target that received focus, so a remount doesn't steal focus again. */
let lastFocusedPart: string | null = null;

export function ImagePart({
  url,
  detail,
  messageId,
  partIndex,
}: {
  url: string;
  detail: string | undefined;
  /** Where the part sits, for links to it (`?part=N`) and the inspector; null if unknown. */
  messageId: string | null;
  partIndex: number;
}) {
  const conversation = useConversationContext();
  const inspector = useImageInspector();
  const { source, big, decoded } = useDisplaySource(url);
  // A link with `?part=N` points here: ring it, and move focus to it once (not on every remount
  // as the list scrolls).
  const focused =
    messageId !== null &&
    conversation?.selectedMessageId === messageId &&
    conversation.focusedPart === partIndex;
  const focusTarget = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focused || !conversation) return;
    const key = `${conversation.completionId}/${messageId}/${partIndex}`;
    if (lastFocusedPart === key) return;
    lastFocusedPart = key;
    focusTarget.current?.focus({ preventScroll: true });
  }, [focused, conversation, messageId, partIndex]);
  const mayLoad = useMayLoadImage(url);
  const [failed, setFailed] = useState<string | null>(null);
  const [, setRetries] = useState(0);
  const remote = source.ok && source.kind === 'remote' ? source.src : null;
  // A failure already diagnosed on this page shows again as the row remounts (no new request).
  const remoteFailed = remote !== null && (failed === url || knownImageFailure(remote) !== null);
  const failure = useImageFailure(remoteFailed ? remote : null);

  let body: React.ReactNode;
  if (!source.ok) {
    body = <Placeholder title="Image not displayed" reason={source.reason} url={url} />;
  } else if (remote !== null && !mayLoad) {
    body = <RemoteImageConsent url={remote} detail={detail} className="h-full" />;
  } else if (remote !== null && failure) {
    body = (
      <ImageFailureNotice
        state={failure}
        url={remote}
        className="h-full"
        onRetry={() => {
          forgetImageFailure(remote);
          setFailed(null);
          setRetries((n) => n + 1);
        }}
      />
    );
  } else if (failed === url) {
    body = (
      <Placeholder
        title="Image not displayed"
        reason="the browser could not decode this data URL (a damaged image, or a format it does not support)"
        url={url}
      />
    );
  } else if (big && !decoded) {
    body = (
      <div className="flex h-full items-center justify-center text-sm text-slate-500">
        Decoding {formatBytes(source.kind === 'data' ? source.approxBytes : 0)} image…
      </div>
    );
  } else if (decoded && 'error' in decoded) {
    body = <Placeholder title="Image not displayed" reason={decoded.error} url={url} />;
  } else {
    body = (
      <img
        src={decoded && 'url' in decoded ? decoded.url : source.src}
        alt={`Image part${detail ? `, detail ${detail}` : ''}`}
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
        onError={() => setFailed(url)}
        className="h-full w-full object-contain"
      />
    );
  }

  return (
    <figure
      className="inline-flex flex-col gap-1"
      data-testid="image-part"
      data-part-index={partIndex}
      data-focused={focused ? 'true' : undefined}
    >
      {/* A fixed box, so nothing moves when the image arrives. */}
      <div
        className={`relative h-60 w-80 max-w-full overflow-hidden rounded-md border ${focused ? 'border-sky-500 ring-4 ring-sky-500/40' : 'border-slate-200'} bg-[repeating-conic-gradient(var(--color-slate-100)_0%_25%,var(--color-slate-50)_0%_50%)] bg-[length:16px_16px]`}
      >
        {body}
        {inspector && (
          // Over the whole box (image or failure alike): click or Enter opens the inspector.
          <button
            ref={focusTarget}
            type="button"
            className="absolute inset-0 cursor-zoom-in rounded-md focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600"
            aria-label={`Inspect image part ${partIndex}${detail ? `, detail ${detail}` : ''}`}
            aria-haspopup="dialog"
            {...{
              [INSPECT_MESSAGE_ATTRIBUTE]: messageId ?? undefined,
              [INSPECT_PART_ATTRIBUTE]: partIndex,
            }}
            onPointerEnter={inspector.preload}
            onFocus={inspector.preload}
            onClick={(event) =>
              inspector.openImage({ messageId, partIndex, url, detail }, event.currentTarget)
            }
          />
        )}
      </div>
      <figcaption className="flex max-w-80 items-center gap-2 text-xs text-slate-600">
        <span className="shrink-0 rounded bg-slate-200 px-1.5 font-medium whitespace-nowrap">
          detail: {detail ?? 'auto (default)'}
        </span>
        <span
          className="truncate font-mono"
          title={source.ok && source.kind === 'data' ? undefined : url}
        >
          {source.ok && source.kind === 'data'
            ? `${source.mimeType}, ${formatBytes(source.approxBytes)} data URL`
            : describeUrl(url, 60)}
        </span>
        {messageId && conversation && (
          <CopyButton
            text={messageLink(conversation.completionId, messageId, partIndex)}
            label={`Copy link to image part ${partIndex}`}
            idleText="Link"
          />
        )}
      </figcaption>
    </figure>
  );
}

function Placeholder({ title, reason, url }: { title: string; reason: string; url: string }) {
  return (
    <div
      data-testid="image-failure"
      className="flex h-full flex-col justify-center gap-1 bg-slate-50 p-3 text-sm"
    >
      <span className="font-medium text-rose-800">{title}</span>
      <span className="text-slate-600">{reason}</span>
      <span className="font-mono text-xs break-all text-slate-500">{describeUrl(url, 200)}</span>
    </div>
  );
}
