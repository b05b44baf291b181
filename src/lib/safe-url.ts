/**
 * Message content is untrusted: an image source may only be http(s) (without credentials in
 * the URL), or a data URL of an image type other than SVG. Anything else (javascript:, file:,
 * data:text/html, blob:, …) is refused with the reason.
 */
import { formatNumber } from './format.ts';
export type SafeImageSource =
  | { ok: true; kind: 'remote'; src: string }
  | { ok: true; kind: 'data'; src: string; mimeType: string; approxBytes: number }
  | { ok: false; reason: string };

const dataImage = /^data:(image\/[a-z0-9.+-]+)(;[a-z0-9=.+-]+)*(;base64)?,/i;

export function safeImageSource(url: string): SafeImageSource {
  const trimmed = url.trim();
  const data = dataImage.exec(trimmed.slice(0, 200));
  if (data) {
    const mimeType = (data[1] ?? '').toLowerCase();
    if (mimeType === 'image/svg+xml') {
      // SVG can carry script; as an <img> it can't run, but we show it as a link only to be safe.
      return { ok: false, reason: 'SVG data URLs are not displayed' };
    }
    const payload = trimmed.length - data[0].length;
    const approxBytes = data[3] ? Math.floor((payload * 3) / 4) : payload;
    return { ok: true, kind: 'data', src: trimmed, mimeType, approxBytes };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `the ${parsed.protocol} scheme is not allowed` };
  }
  // Credentials in the URL would be sent to the host (browsers refuse such subresources anyway).
  if (parsed.username || parsed.password) {
    return { ok: false, reason: 'URLs with a user name or password are not loaded' };
  }
  return { ok: true, kind: 'remote', src: parsed.href };
}

/** A short, display-safe form of a URL: data URLs never shown in full. */
export function describeUrl(url: string, max = 120): string {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    return `${url.slice(0, Math.min(comma + 1, 60))}… (${formatNumber(url.length)} characters)`;
  }
  return url.length > max ? `${url.slice(0, max)}…` : url;
}
