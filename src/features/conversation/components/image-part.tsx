import { useEffect, useState } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import { formatBytes } from '@/lib/format.ts';
import { describeUrl, safeImageSource } from '@/lib/safe-url.ts';
import { messageLink, useConversationContext } from '../conversation-context.ts';

/** Data URLs above this are decoded to a Blob URL off the critical path, not put in the DOM. */
const BLOB_THRESHOLD = 100_000;

function useDisplaySource(url: string) {
  const source = safeImageSource(url);
  const big = source.ok && source.kind === 'data' && source.src.length > BLOB_THRESHOLD;
  const [blob, setBlob] = useState<{ for: string; url: string } | { for: string; error: string }>();
  useEffect(() => {
    if (!big) return;
    let cancelled = false;
    let objectUrl: string | null = null;
    fetch(url)
      .then((response) => response.blob())
      .then((data) => {
        if (cancelled) return;
        objectUrl = URL.createObjectURL(data);
        setBlob({ for: url, url: objectUrl });
      })
      .catch(() => {
        if (!cancelled) setBlob({ for: url, error: 'the data URL could not be decoded' });
      });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [big, url]);
  const decoded = blob?.for === url ? blob : undefined;
  return { source, big, decoded };
}

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
  const { source, big, decoded } = useDisplaySource(url);
  const [failed, setFailed] = useState<string | null>(null);

  let body: React.ReactNode;
  if (!source.ok) {
    body = <Placeholder title="Image not displayed" reason={source.reason} url={url} />;
  } else if (failed === url) {
    body = (
      <Placeholder
        title="Image failed to load"
        reason="the server refused it or it no longer exists (signed links expire)"
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
    >
      {/* A fixed box, so nothing moves when the image arrives. */}
      <div className="h-60 w-80 max-w-full overflow-hidden rounded-md border border-slate-200 bg-[repeating-conic-gradient(#f1f5f9_0%_25%,#fff_0%_50%)] bg-[length:16px_16px]">
        {body}
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
      role="img"
      aria-label={title}
      className="flex h-full flex-col justify-center gap-1 bg-slate-50 p-3 text-sm"
    >
      <span className="font-medium text-rose-800">{title}</span>
      <span className="text-slate-600">{reason}</span>
      <span className="font-mono text-xs break-all text-slate-500">{describeUrl(url, 200)}</span>
    </div>
  );
}
