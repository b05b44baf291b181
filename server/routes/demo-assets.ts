/**
 * /demo-assets/images/<name>: the demo images (built ahead, see data/image-cache.ts); unknown
 * names (the "expired" one) 404. Local modes only: through the proxy they would be misleading.
 * Public even when a key is required: OpenAI's image URLs need no key either.
 */
import { isDemoImageName } from '../data/images.ts';
import { readDemoImage } from '../data/image-cache.ts';
import { notFound, prefixMount, refusedUnlessRead, type Mount } from './mount.ts';

export const DEMO_ASSETS_PREFIX = '/demo-assets/';

export function demoAssetRoutes(served: boolean): Mount {
  if (!served) return prefixMount(DEMO_ASSETS_PREFIX, notFound);
  return prefixMount(DEMO_ASSETS_PREFIX, async (req, res, pathname) => {
    if (await refusedUnlessRead(req, res)) return;
    const name = /^\/demo-assets\/images\/([A-Za-z0-9._-]+)$/.exec(pathname)?.[1];
    if (!name || !isDemoImageName(name)) return notFound(req, res, pathname, '');
    const image = await readDemoImage(name);
    res.writeHead(200, {
      'Content-Type': image.contentType,
      'Content-Length': image.bytes.length,
      'Cache-Control': 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : image.bytes);
  });
}
