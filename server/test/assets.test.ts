/** Demo images: real, decodable pixels with the advertised sizes and headers. */
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IMAGES, EXPIRED_IMAGE_PATH } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { jpegSize, pngSize } from './images.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true });
});
afterAll(() => server.close());

describe('/demo-assets/images', () => {
  it.each(Object.entries(DEMO_IMAGES))(
    '%s has real pixels of the right size',
    async (name, spec) => {
      const res = await fetch(`${server.url}/demo-assets/images/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        spec.format === 'png' ? 'image/png' : 'image/jpeg',
      );
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
      const size = spec.format === 'png' ? pngSize(bytes) : jpegSize(bytes);
      expect(size).toEqual({ width: spec.width, height: spec.height });
    },
  );

  it('the 800x600 JPEG decodes, and is deterministic', async () => {
    const a = new Uint8Array(
      await (await fetch(`${server.url}/demo-assets/images/photo-800x600.jpg`)).arrayBuffer(),
    );
    const decoded = jpeg.decode(a, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([800, 600]);
    const b = new Uint8Array(
      await (await fetch(`${server.url}/demo-assets/images/photo-800x600.jpg`)).arrayBuffer(),
    );
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('HEAD answers headers only; other methods 405', async () => {
    const head = await fetch(`${server.url}/demo-assets/images/icon-64.png`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    const post = await fetch(`${server.url}/demo-assets/images/icon-64.png`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('the expired image and unknown names are 404', async () => {
    expect((await fetch(`${server.url}${EXPIRED_IMAGE_PATH}`)).status).toBe(404);
    expect((await fetch(`${server.url}/demo-assets/images/nope.png`)).status).toBe(404);
    expect((await fetch(`${server.url}/demo-assets/images/..%2f..%2fpackage.json`)).status).toBe(
      404,
    );
  });
});
