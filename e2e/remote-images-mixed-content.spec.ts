import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  CHROMIUM_PATH,
  CONVERSATION,
  card,
  close,
  expectFailure,
  imageRoutes,
  listen,
  startViewerWithImages,
} from './helpers-images.ts';

// An https: viewer and an http: image on a host name: the browser upgrades the request to
// https://, which the plain-http image host can't answer. Needs openssl for a throw-away
// self-signed certificate, and host names that resolve to 127.0.0.1 (the browser's resolver
// rules): loopback addresses and IP literals are never upgraded.
const OPENSSL = spawnSync('openssl', ['version']).status === 0;
// The browser's own options (a worker-level setting, so for this whole file).
test.use({
  ignoreHTTPSErrors: true,
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--host-resolver-rules=MAP viewer.test 127.0.0.1, MAP images.test 127.0.0.1',
    ],
  },
});

test('an http: image on an https: viewer says "mixed content" and what to change', async ({
  page,
}) => {
  test.skip(!OPENSSL, 'openssl is needed for a self-signed certificate');
  const dir = mkdtempSync(join(tmpdir(), 'viewer-tls-'));
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=viewer.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  expect(made.status).toBe(0);
  const images = imageRoutes();
  const imageServer = createServer(images.handle);
  const imagePort = await listen(imageServer);
  const server = await startViewerWithImages({
    https: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    connectSrc: [],
    messages: () => [
      {
        label: 'plain http image',
        parts: [{ url: `http://images.test:${imagePort}/img/checker.png` }],
      },
    ],
  });
  try {
    const port = new URL(server.url).port;
    await page.goto(`https://viewer.test:${port}${CONVERSATION}`);
    await expectFailure(card(page, 'plain http image'), 'mixed-content', 'mixed content', [
      'served over HTTPS',
      `https://images.test:${imagePort}`,
      'serve the viewer over http on localhost',
      'host the image over https',
    ]);
    await expect(card(page, 'plain http image')).not.toContainText('expire');
  } finally {
    await server.close();
    await close(imageServer);
  }
});
