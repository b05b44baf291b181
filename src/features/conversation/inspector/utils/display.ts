import type { Size } from '@/lib/vision/estimate-image-tokens.ts';

/** The box an image is shown in: fitted into the stage, never enlarged past its own pixels. */
export function fitBox(image: Size, stage: Size): Size {
  const scale = Math.min(1, stage.width / image.width, stage.height / image.height);
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
  };
}

/** Whether a URL is a data URL, looking only at its start (they can be megabytes long). */
export const isDataUrl = (url: string) => /^\s*data:/i.test(url.slice(0, 32));

const extensions: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
};

/**
 * A file name for "Download original": the URL's own file name when it has one, else one made
 * from where the part sits, with the extension of its type.
 */
export function downloadName(url: string, mimeType: string | null, fallbackBase: string): string {
  const extension = (mimeType && extensions[mimeType.toLowerCase()]) || 'img';
  if (!isDataUrl(url)) {
    try {
      const last = new URL(url).pathname.split('/').filter(Boolean).at(-1);
      const name = last ? decodeURIComponent(last).replace(/[^\p{L}\p{N}._() -]+/gu, '_') : '';
      if (name) return /\.[a-z0-9]{2,5}$/i.test(name) ? name : `${name}.${extension}`;
    } catch {
      // not a URL we can read a name from: fall through
    }
  }
  const base = fallbackBase.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
  return `${base}.${extension}`;
}

/** "W × H" in pixels, as the inspector and the token rules write sizes. */
export const formatSize = (size: Size) => `${size.width} × ${size.height}`;
