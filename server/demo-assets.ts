/** Serves /demo-assets/images/<name>: generated demo images; unknown names (the "expired" one) 404. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getDemoImage, isDemoImageName } from './data/images.ts';
import { sendText } from './http-util.ts';

export const DEMO_ASSETS_PREFIX = '/demo-assets/';

export async function serveDemoAsset(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    await sendText(req, res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const m = /^\/demo-assets\/images\/([A-Za-z0-9._-]+)$/.exec(pathname);
  const name = m?.[1];
  if (!name || !isDemoImageName(name)) {
    await sendText(req, res, 404, 'Not found');
    return;
  }
  const image = getDemoImage(name);
  res.writeHead(200, {
    'Content-Type': image.contentType,
    'Content-Length': image.bytes.length,
    'Cache-Control': 'public, max-age=3600',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : image.bytes);
}
