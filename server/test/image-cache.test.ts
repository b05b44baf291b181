/** The demo images' build cache: built ahead, keyed by the generator, never encoded on a request. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_IMAGES, type DemoImageName } from '../data/demo-ids.ts';
import {
  DEMO_IMAGE_CACHE_ROOT,
  demoImageDir,
  demoImageVersion,
  prepareDemoImages,
  readDemoImage,
} from '../data/image-cache.ts';
import { encodeDemoImage } from '../data/images.ts';

const NAMES = Object.keys(DEMO_IMAGES) as DemoImageName[];

describe('demo image cache', () => {
  it('is a folder per generator version, holding every served image', () => {
    prepareDemoImages();
    expect(demoImageVersion()).toMatch(/^[0-9a-f]{12}$/);
    expect(demoImageDir()).toBe(join(DEMO_IMAGE_CACHE_ROOT, demoImageVersion()));
    for (const name of NAMES) expect(existsSync(join(demoImageDir(), name))).toBe(true);
    // Already there: nothing to build.
    expect(prepareDemoImages()).toEqual([]);
  });

  it('holds the bytes the generator makes, and serves them from there', async () => {
    prepareDemoImages();
    const name = 'icon-64.png';
    const encoded = encodeDemoImage(name);
    expect(Buffer.compare(readFileSync(join(demoImageDir(), name)), encoded.bytes)).toBe(0);
    const served = await readDemoImage(name);
    expect(served.contentType).toBe('image/png');
    expect(Buffer.compare(served.bytes, encoded.bytes)).toBe(0);
  });

  it('rebuilds a missing image and removes other versions’ folders', () => {
    prepareDemoImages();
    const stale = join(DEMO_IMAGE_CACHE_ROOT, '000000000000');
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'icon-64.png'), 'old');
    rmSync(join(demoImageDir(), 'icon-64.png'));
    expect(prepareDemoImages()).toEqual(['icon-64.png']);
    expect(existsSync(join(demoImageDir(), 'icon-64.png'))).toBe(true);
    expect(existsSync(stale)).toBe(false);
  });
});
