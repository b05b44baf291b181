/**
 * A tiny RGBA raster with just enough drawing to make demo images recognizable: gradients, a
 * grid, a diagonal and a text label (5x7 bitmap font) stating the image's name and size.
 */

export interface Raster {
  width: number;
  height: number;
  data: Uint8Array; // RGBA, row-major
}

export type Rgb = readonly [number, number, number];

export function createRaster(width: number, height: number): Raster {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

/** Four-corner bilinear gradient, fully opaque. Incremental per row: ~8M px in a few dozen ms. */
export function fillGradient(r: Raster, tl: Rgb, tr: Rgb, bl: Rgb, br: Rgb): void {
  const { width, height, data } = r;
  const wx = width > 1 ? width - 1 : 1;
  const wy = height > 1 ? height - 1 : 1;
  for (let y = 0; y < height; y++) {
    const fy = y / wy;
    // Row end colours, then a constant step per pixel.
    let cr = tl[0] + (bl[0] - tl[0]) * fy;
    let cg = tl[1] + (bl[1] - tl[1]) * fy;
    let cb = tl[2] + (bl[2] - tl[2]) * fy;
    const sr = (tr[0] + (br[0] - tr[0]) * fy - cr) / wx;
    const sg = (tr[1] + (br[1] - tr[1]) * fy - cg) / wx;
    const sb = (tr[2] + (br[2] - tr[2]) * fy - cb) / wx;
    let p = y * width * 4;
    for (let x = 0; x < width; x++, p += 4) {
      data[p] = cr;
      data[p + 1] = cg;
      data[p + 2] = cb;
      data[p + 3] = 255;
      cr += sr;
      cg += sg;
      cb += sb;
    }
  }
}

export function fillRect(r: Raster, x0: number, y0: number, w: number, h: number, rgb: Rgb): void {
  const xs = Math.max(0, Math.floor(x0));
  const ys = Math.max(0, Math.floor(y0));
  const xe = Math.min(r.width, Math.floor(x0 + w));
  const ye = Math.min(r.height, Math.floor(y0 + h));
  for (let y = ys; y < ye; y++) {
    let p = (y * r.width + xs) * 4;
    for (let x = xs; x < xe; x++, p += 4) {
      r.data[p] = rgb[0];
      r.data[p + 1] = rgb[1];
      r.data[p + 2] = rgb[2];
      r.data[p + 3] = 255;
    }
  }
}

/** Grid lines every `step` pixels, and a darker line every 4th step. */
export function drawGrid(r: Raster, step: number, rgb: Rgb, strong: Rgb): void {
  for (let x = 0; x < r.width; x += step) {
    fillRect(r, x, 0, (x / step) % 4 === 0 ? 2 : 1, r.height, (x / step) % 4 === 0 ? strong : rgb);
  }
  for (let y = 0; y < r.height; y += step) {
    fillRect(r, 0, y, r.width, (y / step) % 4 === 0 ? 2 : 1, (y / step) % 4 === 0 ? strong : rgb);
  }
}

/** Both diagonals, `thickness` px, so orientation/cropping is visible in the viewer. */
export function drawDiagonals(r: Raster, thickness: number, rgb: Rgb): void {
  const steps = Math.max(r.width, r.height);
  for (let i = 0; i < steps; i++) {
    const x = (i / steps) * r.width;
    const y = (i / steps) * r.height;
    fillRect(r, x, y, thickness, thickness, rgb);
    fillRect(r, r.width - x - thickness, y, thickness, thickness, rgb);
  }
}

// 5x7 glyphs, one string per row, '#' = pixel on. Only the characters labels need.
const FONT: Record<string, readonly string[]> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  x: ['.....', '.....', '#...#', '.#.#.', '..#..', '.#.#.', '#...#'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  N: ['#...#', '##..#', '#.#.#', '#.#.#', '#..##', '#...#', '#...#'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.###.'],
  J: ['..###', '...#.', '...#.', '...#.', '#..#.', '#..#.', '.##..'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
};

/** Draws `text` with its top-left corner at (x, y), each font pixel `scale` px wide. */
export function drawText(r: Raster, text: string, x: number, y: number, scale: number, rgb: Rgb) {
  let cx = x;
  for (const ch of text) {
    const glyph = FONT[ch] ?? FONT[' ']!;
    glyph.forEach((row, gy) => {
      for (let gx = 0; gx < row.length; gx++) {
        if (row[gx] === '#') fillRect(r, cx + gx * scale, y + gy * scale, scale, scale, rgb);
      }
    });
    cx += 6 * scale;
  }
}

/** Width in px of `text` drawn at `scale`. */
export function textWidth(text: string, scale: number): number {
  return [...text].length * 6 * scale - scale;
}

/** A white box with the label centred in the raster. */
export function drawCenteredLabel(r: Raster, lines: readonly string[], rgb: Rgb): void {
  const longest = Math.max(...lines.map((l) => [...l].length));
  const scale = Math.max(1, Math.floor((r.width * 0.7) / (longest * 6)));
  const lineHeight = 9 * scale;
  const boxW = textWidth('x'.repeat(longest), scale) + 4 * scale;
  const boxH = lines.length * lineHeight + 2 * scale;
  const bx = Math.floor((r.width - boxW) / 2);
  const by = Math.floor((r.height - boxH) / 2);
  fillRect(r, bx, by, boxW, boxH, [255, 255, 255]);
  lines.forEach((line, i) => {
    const lx = Math.floor((r.width - textWidth(line, scale)) / 2);
    drawText(r, line, lx, by + 2 * scale + i * lineHeight, scale, rgb);
  });
}
