/**
 * The served demo images as files, so that no request waits for an encoder (the 2048x4096 JPEG
 * takes ~0.5 s of CPU in pure JS): `npm start` builds them ahead (scripts/prepare.mjs --build
 * runs this file), and a server that finds some missing makes them once at start, before it
 * answers anything. They live in .cache/demo-images/<version>/ (git-ignored), where the
 * version is a hash of the generator's sources, the image list and jpeg-js's version: a change
 * to any of them builds a new folder and removes the old ones.
 */
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEntryPoint } from '../../scripts/entry-point.mjs';
import { DEMO_IMAGES, type DemoImageName } from './demo-ids.ts';
import { encodeDemoImage, type EncodedImage } from './images.ts';

export const DEMO_IMAGE_CACHE_ROOT = fileURLToPath(
  new URL('../../.cache/demo-images', import.meta.url),
);
const GENERATOR_SOURCES = ['images.ts', 'raster.ts', 'png.ts'];

let version: string | undefined;

/** The generator's version (12 hex digits): names the cache folder. */
export function demoImageVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  for (const file of GENERATOR_SOURCES)
    hash.update(readFileSync(new URL(file, import.meta.url))).update('\0');
  hash.update(JSON.stringify(DEMO_IMAGES));
  const jpegJs = createRequire(import.meta.url)('jpeg-js/package.json') as { version: string };
  hash.update(jpegJs.version);
  version = hash.digest('hex').slice(0, 12);
  return version;
}

export function demoImageDir(): string {
  return join(DEMO_IMAGE_CACHE_ROOT, demoImageVersion());
}

const NAMES = Object.keys(DEMO_IMAGES) as DemoImageName[];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Encodes one image into the cache (a temporary file renamed, so readers never see half). */
function build(name: DemoImageName): EncodedImage {
  const dir = demoImageDir();
  mkdirSync(dir, { recursive: true });
  const image = encodeDemoImage(name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  writeFileSync(temp, image.bytes);
  renameSync(temp, join(dir, name));
  return image;
}

/**
 * Builds the images missing from this version's folder and removes other versions' folders.
 * Synchronous and CPU-bound (~0.6 s when all are missing): for build time and server start,
 * never a request. Returns the names it built.
 */
export function prepareDemoImages(): DemoImageName[] {
  const dir = demoImageDir();
  const missing = NAMES.filter((name) => !isFile(join(dir, name)));
  for (const name of missing) build(name);
  if (missing.length > 0) {
    for (const entry of readdirSync(DEMO_IMAGE_CACHE_ROOT))
      if (entry !== demoImageVersion())
        rmSync(join(DEMO_IMAGE_CACHE_ROOT, entry), { recursive: true, force: true });
  }
  return missing;
}

const CONTENT_TYPES = { png: 'image/png', jpeg: 'image/jpeg' } as const;
const loaded = new Map<DemoImageName, Promise<EncodedImage>>();

/**
 * A served image's bytes, read from the cache once (then kept in memory). Should its file be
 * gone (the cache removed while the server runs), it is encoded again, on this request.
 */
export function readDemoImage(name: DemoImageName): Promise<EncodedImage> {
  let image = loaded.get(name);
  if (!image) {
    image = readFile(join(demoImageDir(), name)).then(
      (bytes) => ({ contentType: CONTENT_TYPES[DEMO_IMAGES[name].format], bytes }),
      () => build(name),
    );
    loaded.set(name, image);
  }
  return image;
}

// `node --import tsx server/data/image-cache.ts` (what scripts/prepare.mjs --build runs).
if (isEntryPoint(import.meta.url)) {
  const built = prepareDemoImages();
  if (built.length > 0) console.log(`Demo images built in ${demoImageDir()}: ${built.join(', ')}`);
}
