/**
 * Demo images: real pixels.
 * - Served files: /demo-assets/images/<name> (see DEMO_IMAGES in demo-ids.ts), encoded ahead
 *   into a cache folder (image-cache.ts).
 * - Small `data:` URLs used inline in messages.
 * - One ~5 MB `data:` URL PNG of deterministic noise (so it cannot compress) for DEMO_IDS.bigImage.
 */
import jpeg from 'jpeg-js';
import { DEMO_IMAGES, type DemoImageName } from './demo-ids.ts';
import { encodePng, encodePngRaw } from './png.ts';
import {
  createRaster,
  drawCenteredLabel,
  drawDiagonals,
  drawGrid,
  fillGradient,
  type Raster,
  type Rgb,
} from './raster.ts';

export interface EncodedImage {
  contentType: 'image/png' | 'image/jpeg';
  bytes: Buffer;
}

/** An RGB colour from its hex form, e.g. '1e3ca0'. */
function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex, 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

// Corner colours per image (top left, top right, bottom left, bottom right) so each one is
// recognizable at a glance.
const PALETTES: Record<DemoImageName, readonly string[]> = {
  'grid-1024.png': ['1e3ca0', '28aadc', '7828a0', 'f0c850'],
  'poster-2048x4096.jpg': ['fa6e3c', 'fac85a', '28145a', '14788c'],
  'tile-512.png': ['148c5a', 'b4e678', '0a3c3c', '5aaac8'],
  'photo-800x600.jpg': ['78b4f0', 'c8e6ff', '3c7828', '96be50'],
  'icon-64.png': ['e63c5a', 'faa03c', '781e78', 'f05aa0'],
  'strip-300x1200.png': ['3c3c46', '6e6e82', 'c85028', 'fadc78'],
};

function renderDemoImage(name: DemoImageName): Raster {
  const spec = DEMO_IMAGES[name];
  const r = createRaster(spec.width, spec.height);
  const [tl, tr, bl, br] = PALETTES[name].map(rgb) as [Rgb, Rgb, Rgb, Rgb];
  fillGradient(r, tl, tr, bl, br);
  const step = Math.max(8, Math.round(Math.min(spec.width, spec.height) / 16));
  drawGrid(r, step, [255, 255, 255], [20, 20, 20]);
  drawDiagonals(r, Math.max(1, Math.round(Math.min(spec.width, spec.height) / 200)), [0, 0, 0]);
  drawCenteredLabel(
    r,
    [`${spec.width}x${spec.height}`, spec.format === 'png' ? 'PNG' : 'JPEG'],
    [20, 20, 20],
  );
  return r;
}

function encode(r: Raster, format: 'png' | 'jpeg'): EncodedImage {
  if (format === 'png')
    return { contentType: 'image/png', bytes: encodePng(r.width, r.height, r.data) };
  const out = jpeg.encode({ data: r.data, width: r.width, height: r.height }, 85);
  return { contentType: 'image/jpeg', bytes: Buffer.from(out.data) };
}

export function isDemoImageName(name: string): name is DemoImageName {
  return Object.prototype.hasOwnProperty.call(DEMO_IMAGES, name);
}

/**
 * Encodes a served demo image: the 2048x4096 JPEG costs ~0.5 s of CPU (pure-JS encoder), the
 * others a few ms. Done ahead, never on a request: see image-cache.ts.
 */
export function encodeDemoImage(name: DemoImageName): EncodedImage {
  return encode(renderDemoImage(name), DEMO_IMAGES[name].format);
}

const dataUrlCache = new Map<string, string>();

function memo(key: string, make: () => string): string {
  let v = dataUrlCache.get(key);
  if (v === undefined) {
    v = make();
    dataUrlCache.set(key, v);
  }
  return v;
}

function toDataUrl(img: EncodedImage): string {
  return `data:${img.contentType};base64,${img.bytes.toString('base64')}`;
}

/** Small inline images (a few hundred bytes to a few KB) for `data:` URL parts. */
export const SMALL_DATA_IMAGES = ['swatch-png', 'badge-png', 'thumb-jpeg'] as const;
export type SmallDataImage = (typeof SMALL_DATA_IMAGES)[number];

export function smallDataUrl(kind: SmallDataImage): string {
  return memo(kind, () => {
    if (kind === 'thumb-jpeg') {
      const r = createRaster(48, 48);
      fillGradient(r, [250, 200, 40], [240, 90, 40], [40, 90, 200], [30, 200, 120]);
      drawDiagonals(r, 2, [255, 255, 255]);
      return toDataUrl(encode(r, 'jpeg'));
    }
    const size = kind === 'swatch-png' ? 32 : 40;
    const r = createRaster(size, size);
    if (kind === 'swatch-png')
      fillGradient(r, [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0]);
    else fillGradient(r, [90, 30, 160], [90, 30, 160], [240, 80, 160], [240, 80, 160]);
    drawGrid(r, 8, [255, 255, 255], [0, 0, 0]);
    return toDataUrl(encode(r, 'png'));
  });
}

/** Dimensions of the big noise PNG: 1120 * 1116 * 3 bytes ≈ 3.75 MB → base64 ≈ 5.0 MB. */
export const BIG_IMAGE = { width: 1120, height: 1116 } as const;

/**
 * The ~5 MB data URL. Pixels are xorshift noise (deterministic) with a few solid bands so it is
 * not pure static; stored with zlib level 0 since noise does not compress anyway.
 */
export function bigDataUrl(): string {
  return memo('big', () => {
    const { width, height } = BIG_IMAGE;
    const stride = width * 3 + 1;
    const raw = Buffer.alloc(stride * height);
    let s = 0x9e3779b9;
    for (let y = 0; y < height; y++) {
      const row = y * stride;
      raw[row] = 0;
      const band = Math.floor(y / 93) % 3; // tint rows so the picture has some structure
      for (let i = 1; i < stride; i++) {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        const v = s & 0xff;
        raw[row + i] = (i - 1) % 3 === band ? v | 0x80 : v >> 1;
      }
    }
    return `data:image/png;base64,${encodePngRaw(width, height, raw, 0).toString('base64')}`;
  });
}
