/**
 * Minimal PNG encoder (8-bit RGB, no interlace) on top of node:zlib. Enough to produce real,
 * decodable demo images without an image library.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3), as PNG chunks require. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) {
    c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes RGBA pixels (alpha ignored: the output is opaque RGB) as PNG. Rows use the "Sub"
 * filter (difference to the pixel on the left), which makes smooth images compress fast.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array, level = 6): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    let o = y * stride;
    raw[o++] = 1; // filter type Sub
    let p = y * width * 4;
    let lr = 0;
    let lg = 0;
    let lb = 0;
    for (let x = 0; x < width; x++, p += 4) {
      const r = rgba[p] as number;
      const g = rgba[p + 1] as number;
      const b = rgba[p + 2] as number;
      raw[o++] = (r - lr) & 0xff;
      raw[o++] = (g - lg) & 0xff;
      raw[o++] = (b - lb) & 0xff;
      lr = r;
      lg = g;
      lb = b;
    }
  }
  return encodePngRaw(width, height, raw, level);
}

/** Encodes already-filtered scanlines (each row: filter byte + width*3 RGB bytes). */
export function encodePngRaw(width: number, height: number, raw: Uint8Array, level = 6): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter
  ihdr[12] = 0; // interlace
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
