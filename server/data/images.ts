/**
 * Demo images: real pixels, generated on first use and cached in memory.
 * - Served files: /demo-assets/images/<name> (see DEMO_IMAGES in demo-ids.ts).
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

// Corner colours per image so each one is recognizable at a glance.
const PALETTES: Record<DemoImageName, readonly [Rgb, Rgb, Rgb, Rgb]> = {
  'grid-1024.png': [
    [30, 60, 160],
    [40, 170, 220],
    [120, 40, 160],
    [240, 200, 80],
  ],
  'poster-2048x4096.jpg': [
    [250, 110, 60],
    [250, 200, 90],
    [40, 20, 90],
    [20, 120, 140],
  ],
  'tile-512.png': [
    [20, 140, 90],
    [180, 230, 120],
    [10, 60, 60],
    [90, 170, 200],
  ],
  'photo-800x600.jpg': [
    [120, 180, 240],
    [200, 230, 255],
    [60, 120, 40],
    [150, 190, 80],
  ],
  'icon-64.png': [
    [230, 60, 90],
    [250, 160, 60],
    [120, 30, 120],
    [240, 90, 160],
  ],
  'strip-300x1200.png': [
    [60, 60, 70],
    [110, 110, 130],
    [200, 80, 40],
    [250, 220, 120],
  ],
};

function renderDemoImage(name: DemoImageName): Raster {
  const spec = DEMO_IMAGES[name];
  const r = createRaster(spec.width, spec.height);
  const [tl, tr, bl, br] = PALETTES[name];
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

const fileCache = new Map<DemoImageName, EncodedImage>();

export function isDemoImageName(name: string): name is DemoImageName {
  return Object.prototype.hasOwnProperty.call(DEMO_IMAGES, name);
}

/**
 * The encoded bytes of a served demo image. Synchronous and cached: the 2048x4096 JPEG costs
 * ~0.6 s once (pure-JS encoder), the others a few ms.
 */
export function getDemoImage(name: DemoImageName): EncodedImage {
  let img = fileCache.get(name);
  if (!img) {
    img = encode(renderDemoImage(name), DEMO_IMAGES[name].format);
    fileCache.set(name, img);
  }
  return img;
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
