import { CopyButton } from '@/components/copy-button.tsx';
import { formatBytes, formatNumber } from '@/lib/format.ts';
import { describeUrl } from '@/lib/safe-url.ts';
import type { Size } from '@/lib/vision/estimate-image-tokens.ts';
import type { ImageBytes } from '../hooks/use-image-bytes.ts';
import type { InspectorImage } from '../image-inspector-context.ts';
import { downloadName, formatSize, isDataUrl } from '../utils/display.ts';

const linkClass =
  'rounded px-1.5 py-0.5 text-xs text-sky-800 underline hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-600';

function isSameOrigin(url: string): boolean {
  try {
    return new URL(url).origin === window.location.origin;
  } catch {
    return false;
  }
}

/** Size, bytes, type, detail and source of the image; open, copy or download the original. */
export function ImageFacts({
  image,
  bytes,
  natural,
  displayFailed,
}: {
  image: InspectorImage;
  bytes: ImageBytes;
  natural: Size | null;
  displayFailed: boolean;
}) {
  const isData = isDataUrl(image.url);
  const ready = bytes.status === 'ready' ? bytes : null;
  const pending = bytes.status === 'loading';

  let size: string;
  if (natural) size = formatSize(natural);
  else if (pending || (ready && !displayFailed)) size = 'loading…';
  else if (bytes.status === 'not-loaded') size = 'unknown (not loaded yet)';
  else size = 'unknown (the image did not load)';

  let byteSize: string;
  if (ready?.bytes != null)
    byteSize = `${formatBytes(ready.bytes)} (${formatNumber(ready.bytes)} bytes)`;
  else if (ready?.unknownReason) byteSize = `unknown (${ready.unknownReason})`;
  else if (bytes.status === 'loading')
    byteSize =
      bytes.approxBytes != null ? `≈ ${formatBytes(bytes.approxBytes)}, decoding…` : 'loading…';
  else byteSize = 'unknown';

  const mimeType = ready
    ? (ready.mimeType ?? `unknown (${ready.unknownReason ?? 'no type'})`)
    : pending
      ? 'loading…'
      : 'unknown';

  // Blob URLs for data URLs (never the base64 in an attribute) and for cross-origin images we
  // could read; the URL itself otherwise.
  const ownUrl = ready && ready.displayUrl.startsWith('blob:') ? ready.displayUrl : null;
  const openHref = isData ? ownUrl : bytes.status === 'refused' ? null : image.url;
  let downloadHref: string | null;
  if (bytes.status === 'refused') downloadHref = null;
  else if (isData) downloadHref = ownUrl;
  else if (isSameOrigin(image.url)) downloadHref = image.url;
  else downloadHref = ownUrl ?? image.url; // without CORS the browser may open it instead
  const fileName = downloadName(
    image.url,
    ready?.mimeType ?? null,
    `image-${image.messageLabel.replace('#', 'message-')}-part-${image.partIndex}`,
  );

  return (
    <section aria-labelledby="inspector-facts" className="flex flex-col gap-2">
      <h3 id="inspector-facts" className="font-semibold">
        Image
      </h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500">Size</dt>
        <dd data-testid="fact-size" className="tabular-nums">
          {size}
          {natural && <span className="text-slate-500"> px</span>}
        </dd>
        <dt className="text-slate-500">Bytes</dt>
        <dd data-testid="fact-bytes" className="tabular-nums">
          {byteSize}
        </dd>
        <dt className="text-slate-500">Type</dt>
        <dd data-testid="fact-type" className="font-mono">
          {mimeType}
        </dd>
        <dt className="text-slate-500">Detail sent</dt>
        <dd data-testid="fact-detail">
          {image.detail ?? (
            <>
              not set <span className="text-slate-500">(the API uses auto)</span>
            </>
          )}
        </dd>
        <dt className="text-slate-500">Source</dt>
        <dd data-testid="fact-source" className="min-w-0">
          {isData ? (
            <span>data URL, {formatNumber(image.url.length)} characters</span>
          ) : (
            <span className="block max-h-24 overflow-y-auto font-mono text-xs break-all">
              {describeUrl(image.url, 2000)}
            </span>
          )}
          <span className="mt-1 flex flex-wrap gap-1">
            {openHref && (
              <a href={openHref} target="_blank" rel="noopener noreferrer" className={linkClass}>
                Open {isData ? 'image' : 'URL'} in a new tab
              </a>
            )}
            <CopyButton
              text={image.url}
              label={isData ? 'Copy data URL' : 'Copy image URL'}
              idleText={isData ? 'Copy data URL' : 'Copy URL'}
            />
          </span>
        </dd>
      </dl>
      {downloadHref && bytes.status !== 'failed' && (
        <a
          href={downloadHref}
          download={fileName}
          className="self-start rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
        >
          Download original
        </a>
      )}
    </section>
  );
}
