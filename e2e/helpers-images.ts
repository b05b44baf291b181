/**
 * Test image hosts for the remote-image specs: real servers on loopback, on ports the OS picks,
 * and the viewer (its real request handler, security headers included) serving a data file of
 * image parts that point at them.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { encodePng } from '../server/data/png.ts';
import { createViewerHandler } from '../server/main.ts';
import { E2E_STATIC_DIR } from './helpers-server.ts';

/** A 64 × 48 checkerboard. */
export const CHECKER = (() => {
  const [width, height] = [64, 48];
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = ((x >> 3) + (y >> 3)) % 2 ? 40 : 220;
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  return encodePng(width, height, rgba);
})();

/** What the test image routes answer, and how often each path was asked for. */
export function imageRoutes() {
  const hits = new Map<string, number>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const name = path.split('/').at(-1) ?? '';
    // "-cors" in the name: the host allows CORS (a page may then read its answers).
    const cors = name.includes('-cors') ? { 'Access-Control-Allow-Origin': '*' } : {};
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...cors });
      res.end(body);
    };
    if (name.startsWith('checker')) return send(200, 'image/png', CHECKER);
    if (name.startsWith('missing')) return send(404, 'text/html', '<h1>Not Found</h1>');
    if (name.startsWith('expired'))
      return send(403, 'application/xml', '<Error><Code>AccessDenied</Code></Error>');
    if (name.startsWith('page')) return send(200, 'text/html', '<!doctype html><h1>Sign in</h1>');
    return send(404, 'text/plain', 'no such test image');
  };
  return { hits, handle };
}

export function listen(server: Server, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as AddressInfo).port)),
  );
}

export const close = (server: Server) =>
  new Promise<void>((resolve) => server.close(() => resolve()));

/** A port nothing listens on (connection refused). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
}

export type Part = { url: string; detail?: 'low' | 'high' | 'auto' };

/** One stored completion whose user messages each hold a label and image parts. */
export function writeData(messages: { label: string; parts: Part[] }[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'viewer-images-')), 'images.jsonl');
  const completion = {
    id: 'chatcmpl-remoteImages',
    object: 'chat.completion',
    created: 1_761_955_200,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: 'Seen.', refusal: null },
      },
    ],
    metadata: {},
    messages: messages.map(({ label, parts }) => ({
      role: 'user',
      content: label,
      name: null,
      content_parts: [
        { type: 'text', text: label },
        ...parts.map((part) => ({
          type: 'image_url',
          image_url: { url: part.url, ...(part.detail ? { detail: part.detail } : {}) },
        })),
      ],
    })),
  };
  writeFileSync(file, `${JSON.stringify(completion)}\n`);
  return file;
}

export const CONVERSATION = '/completions/chatcmpl-remoteImages';

/**
 * The viewer (the real request handler, security headers included) and the test image routes
 * on one server: /img/… answers the images, everything else is the viewer. Addressed as
 * 127.0.0.1 its images are same-origin; as localhost, the same server is another origin.
 */
export async function startViewerWithImages(options: {
  messages: (origins: { same: string; cross: string; closed: string }) => {
    label: string;
    parts: Part[];
  }[];
  connectSrc: string[];
  https?: { key: Buffer; cert: Buffer };
}) {
  const routes = imageRoutes();
  let viewer: RequestListener | null = null;
  const listener: RequestListener = (req, res) => {
    if ((req.url ?? '').startsWith('/img/')) return routes.handle(req, res);
    if (viewer) return viewer(req, res);
    res.writeHead(503).end();
  };
  const server = options.https
    ? createHttpsServer(options.https, listener)
    : createServer(listener);
  const port = await listen(server);
  const scheme = options.https ? 'https' : 'http';
  const origins = {
    same: `${scheme}://127.0.0.1:${port}`,
    cross: `${scheme}://localhost:${port}`,
    closed: `http://localhost:${await closedPort()}`,
  };
  const handler = await createViewerHandler({
    dataFile: writeData(options.messages(origins)),
    staticDir: E2E_STATIC_DIR,
    securityHeaders: { connectSrc: options.connectSrc },
    quiet: true,
  });
  viewer = (req, res) => handler.handle(req, res);
  return { url: origins.same, origins, hits: routes.hits, close: () => close(server) };
}

export const card = (page: Page, label: string, index = 0): Locator =>
  page.getByTestId('message').filter({ hasText: label }).getByTestId('image-part').nth(index);

export async function expectFailure(part: Locator, cause: string, title: string, texts: string[]) {
  const failure = part.getByTestId('image-failure');
  await expect(failure).toHaveAttribute('data-cause', cause, { timeout: 15_000 });
  await expect(failure).toContainText(title);
  for (const text of texts) await expect(failure).toContainText(text);
  await expect(failure.getByRole('link', { name: 'Open image ↗' })).toHaveAttribute(
    'rel',
    'noopener noreferrer',
  );
}

/** The card's box keeps its size whatever it shows. */
export async function boxSize(part: Locator) {
  const box = await part.locator('div').first().boundingBox();
  return box && { width: Math.round(box.width), height: Math.round(box.height) };
}

/** The Chromium the e2e configuration uses (playwright.config.ts). */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
