import { allowRemoteImage } from '../remote-images-setting.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * What a remote image part shows while "Load remote images" is "on click": where it would come
 * from, its detail, and a button that loads it (here and in the inspector alike). Nothing is
 * requested before the click.
 */
export function RemoteImageConsent({
  url,
  detail,
  className = '',
}: {
  url: string;
  /** The part's detail; undefined when the request left it to the API (auto). */
  detail: string | undefined;
  className?: string;
}) {
  const host = hostOf(url);
  return (
    <div
      data-testid="remote-image-consent"
      className={`flex flex-col items-center justify-center gap-2 bg-slate-50 p-3 text-center ${className}`}
    >
      <p className="text-sm font-medium text-slate-800">Remote image not loaded</p>
      <p className="text-xs text-slate-700">
        from <span className="font-mono break-all">{host}</span>
        <span aria-hidden="true"> · </span>
        <span className="whitespace-nowrap">detail: {detail ?? 'auto (default)'}</span>
      </p>
      <button
        type="button"
        // Above the box's "inspect" button, which covers the whole box.
        className="relative z-10 rounded-md bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
        onClick={() => allowRemoteImage(url)}
      >
        Load image
      </button>
      <p className="text-xs text-slate-600">
        Loading it tells {host} that someone is looking. To change this: Connection → Remote images.
      </p>
    </div>
  );
}
