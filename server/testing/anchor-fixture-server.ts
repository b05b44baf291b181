/**
 * Serves the anchor fixture (server/data/anchor-fixture.ts) for tests and the bench: a small
 * image server on loopback whose PNGs arrive late (their size is unknown when a row first
 * appears), and the `--data` file pointing at it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorFixtureCompletion } from '../data/anchor-fixture.ts';
import { encodePng } from '../data/png.ts';

export interface AnchorFixture {
  /** The `--data` file to start a viewer server with. */
  dataFile: string;
  imageOrigin: string;
  /** Image requests answered so far. */
  imageRequests: () => number;
  close: () => Promise<void>;
}

/** Starts the image server (answers after 150-900 ms) and writes the data file. */
export async function startAnchorFixture(): Promise<AnchorFixture> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const width = Math.min(1200, Math.max(1, Number(url.searchParams.get('w')) || 300));
    const height = Math.min(1200, Math.max(1, Number(url.searchParams.get('h')) || 200));
    const rgba = new Uint8Array(width * height * 4);
    for (let p = 0; p < rgba.length; p += 4) {
      const x = (p / 4) % width;
      rgba[p] = (x * 255) / width;
      rgba[p + 1] = 120;
      rgba[p + 2] = 200;
    }
    const body = encodePng(width, height, rgba, 1);
    const delay = 150 + ((width * 7 + height * 13) % 750);
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' });
      res.end(body);
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const imageOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'viewer-anchor-'));
  const dataFile = join(dir, 'anchor.jsonl');
  writeFileSync(dataFile, `${JSON.stringify(anchorFixtureCompletion(imageOrigin))}\n`);
  return {
    dataFile,
    imageOrigin,
    imageRequests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
