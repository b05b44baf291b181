import { createServer } from 'node:http';
import { expect, test } from '@playwright/test';
import {
  CHECKER,
  CONVERSATION,
  boxSize,
  card,
  close,
  expectFailure,
  imageRoutes,
  listen,
  startViewerWithImages,
  writeData,
} from './helpers-images.ts';
import { startViewerServer } from './helpers-server.ts';

// Image parts whose URLs point at real servers on loopback, started here on ports the OS picks:
// each card says why its image did not show, as precisely as the browser lets the page know
// (docs/security.md, "Why an image did not show"), and "Load remote images: on click" keeps
// every request back until asked. Mixed content: remote-images-mixed-content.spec.ts.

test.describe('why an image did not show', () => {
  test('each card says why: loaded, not found, refused, not an image, unreachable, unknown', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const server = await startViewerWithImages({
      // The probe (a no-cors request) may reach the cross-origin host: connect-src allows it.
      connectSrc: ['http://localhost:*'],
      messages: ({ same, cross, closed }) => [
        {
          label: 'same-origin images',
          parts: [
            { url: `${same}/img/missing.png`, detail: 'low' },
            { url: `${same}/img/expired.png`, detail: 'high' },
            { url: `${same}/img/page.png` },
          ],
        },
        {
          label: 'cross-origin images',
          parts: [
            { url: `${cross}/img/checker.png`, detail: 'high' },
            { url: `${cross}/img/missing-cors.png` },
            { url: `${cross}/img/missing.png` },
            { url: `${cross}/img/expired.png` },
            { url: `${cross}/img/page.png` },
            { url: `${closed}/img/checker.png` },
            // The same closed port by another name, one connect-src does not list.
            { url: `${closed.replace('localhost', '127.0.0.1')}/img/checker.png` },
          ],
        },
      ],
    });
    // No request is made that the page's CSP would refuse (the probe asks the policy first).
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) refused.push(message.text());
    });
    try {
      await page.goto(`${server.url}${CONVERSATION}`);

      // Same origin: Resource Timing gives the page the status and the type.
      const sameMissing = card(page, 'same-origin images', 0);
      await expectFailure(sameMissing, 'not-found', 'Image not found', [
        '404 Not Found',
        'signed links expire',
      ]);
      await expectFailure(card(page, 'same-origin images', 1), 'not-found', 'Image refused', [
        '403 Forbidden',
        'signed links expire',
      ]);
      const samePage = card(page, 'same-origin images', 2);
      await expectFailure(samePage, 'not-an-image', 'Not an image', ['200', 'text/html']);
      await expect(samePage).not.toContainText('expire');

      // Another origin, http: — it loads, in a box of the same size as the failures'.
      const checker = card(page, 'cross-origin images', 0);
      const img = checker.getByRole('img', { name: 'Image part, detail high' });
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);
      expect(await boxSize(checker)).toEqual(await boxSize(sameMissing));

      // Another origin: an <img> request never uses CORS, so the browser hides status and type
      // (even from a host that allows CORS); the probe tells an answer from no answer, nothing
      // more, and the card says so.
      for (const index of [1, 2, 3, 4]) {
        const part = card(page, 'cross-origin images', index);
        await expectFailure(part, 'error-or-not-an-image', 'Image not shown', [
          'answered with an error (such as 404 or 403: signed links expire)',
          'not an image',
          'does not let this page see which',
        ]);
      }
      await expectFailure(card(page, 'cross-origin images', 5), 'network', 'Host unreachable', [
        'No answer from localhost:',
        'refused the connection',
      ]);
      await expect(card(page, 'cross-origin images', 5)).not.toContainText('expire');
      // A host connect-src does not allow: no probe, so every cause stays possible.
      await expectFailure(card(page, 'cross-origin images', 6), 'unknown', 'Image failed to load', [
        'could not be reached, answered with an error',
        'The browser does not tell this page which',
      ]);

      // The inspector opens the http: image and reports its size.
      await checker.getByRole('button', { name: /^Inspect image part/ }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('fact-size')).toHaveText('64 × 48 px', { timeout: 15_000 });
      await expect(dialog.getByTestId('fact-detail')).toHaveText('high');
      // The next one's host allows CORS, and connect-src lets the inspector ask it for the
      // bytes: it gets the status, so it says exactly why.
      await dialog.getByRole('button', { name: /Next image/ }).click();
      const why = dialog.getByTestId('image-failure');
      await expect(why).toHaveAttribute('data-cause', 'not-found');
      await expect(why).toContainText('404 Not Found');
      // Without CORS it can't, and says what the card says.
      await dialog.getByRole('button', { name: /Next image/ }).click();
      await expect(why).toHaveAttribute('data-cause', 'error-or-not-an-image');
      await dialog.getByRole('button', { name: 'Close' }).click();
      expect(refused).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test('an http: image shows by default; where img-src does not allow it: "blocked by policy"', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const images = imageRoutes();
    const imageServer = createServer(images.handle);
    const port = await listen(imageServer);
    const file = writeData([
      {
        label: 'http image',
        parts: [{ url: `http://127.0.0.1:${port}/img/checker.png`, detail: 'low' }],
      },
    ]);
    // The CLI's defaults (no VIEWER_IMG_SRC, no VIEWER_CONNECT_SRC): any http: host shows.
    const open = await startViewerServer(['--data', file]);
    try {
      const response = await page.goto(`${open.url}${CONVERSATION}`);
      expect(response?.headers()['content-security-policy']).toContain(
        "img-src 'self' data: blob: http: https:;",
      );
      const img = card(page, 'http image').getByRole('img', { name: 'Image part, detail low' });
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64);
      expect(images.hits.get('/img/checker.png')).toBeGreaterThan(0);
    } finally {
      await open.stop();
    }
    images.hits.clear();

    // https: only, as an operator may set it: the page's CSP refuses the http: image.
    const strict = await startViewerServer(['--data', file], { VIEWER_IMG_SRC: 'https:' });
    try {
      const response = await page.goto(`${strict.url}${CONVERSATION}`);
      expect(response?.headers()['content-security-policy']).toContain(
        "img-src 'self' data: blob: https:;",
      );
      await expectFailure(card(page, 'http image'), 'policy', 'Blocked by policy', [
        'Content-Security-Policy (img-src)',
        `http://127.0.0.1:${port}`,
        'VIEWER_IMG_SRC',
      ]);
      await expect(card(page, 'http image')).not.toContainText('expire');
      // The browser never asked for it.
      expect(images.hits.get('/img/checker.png') ?? 0).toBe(0);
    } finally {
      await strict.stop();
      await close(imageServer);
    }
  });
});

test.describe('"Load remote images: on click"', () => {
  test('nothing is requested until "Load image"; the setting survives a reload', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const server = await startViewerWithImages({
      connectSrc: ['http://localhost:*'],
      messages: ({ cross }) => [
        {
          label: 'held back',
          parts: [
            { url: `${cross}/img/checker-a.png`, detail: 'low' },
            { url: `data:image/png;base64,${CHECKER.toString('base64')}`, detail: 'auto' },
            { url: `${cross}/img/checker-b.png`, detail: 'high' },
          ],
        },
      ],
    });
    const requested = (name: string) => server.hits.get(`/img/${name}`) ?? 0;
    try {
      await page.goto(server.url);
      await page.getByRole('button', { name: /^Connection:/ }).click();
      const panel = page.getByRole('dialog', { name: 'Connection' });
      const group = panel.getByRole('group', { name: 'Load remote images' });
      await expect(group.getByRole('radio', { name: 'Automatically' })).toBeChecked();
      await group.getByRole('radio', { name: /^On click/ }).check();
      await panel.getByRole('button', { name: 'Close' }).click();

      await page.goto(`${server.url}${CONVERSATION}`);
      const [partA, partB] = [card(page, 'held back', 0), card(page, 'held back', 2)];
      const consentA = partA.getByTestId('remote-image-consent');
      await expect(consentA).toContainText('Remote image not loaded');
      await expect(consentA).toContainText(new URL(server.origins.cross).host);
      await expect(consentA).toContainText('detail: low');
      await expect(partB.getByTestId('remote-image-consent')).toContainText('detail: high');
      // A data: URL is not remote: it shows.
      const inline = card(page, 'held back', 1).getByRole('img', { name: /Image part/ });
      await expect
        .poll(() => inline.evaluate((el) => (el as HTMLImageElement).naturalWidth))
        .toBe(64);

      // The inspector does not load it either, until asked there.
      // In a corner: the middle of the placeholder is its "Load image" button.
      await partA
        .getByRole('button', { name: /^Inspect image part/ })
        .click({ position: { x: 8, y: 8 } });
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByTestId('remote-image-consent')).toBeVisible();
      await expect(dialog.getByTestId('fact-size')).toHaveText('unknown (not loaded yet)');
      await page.waitForTimeout(300);
      expect(requested('checker-a.png')).toBe(0);
      await dialog.getByRole('button', { name: 'Load image' }).click();
      await expect(dialog.getByTestId('fact-size')).toHaveText('64 × 48 px', { timeout: 15_000 });
      await dialog.getByRole('button', { name: 'Close' }).click();
      // Loaded there, loaded here.
      const imgA = partA.getByRole('img', { name: 'Image part, detail low' });
      await expect
        .poll(() => imgA.evaluate((el) => (el as HTMLImageElement).naturalWidth))
        .toBe(64);
      expect(requested('checker-b.png')).toBe(0);

      // "Load image" on the card: that image only, in the same box.
      const before = await boxSize(partB);
      await partB.getByRole('button', { name: 'Load image' }).click();
      const imgB = partB.getByRole('img', { name: 'Image part, detail high' });
      await expect
        .poll(() => imgB.evaluate((el) => (el as HTMLImageElement).naturalWidth))
        .toBe(64);
      expect(requested('checker-b.png')).toBeGreaterThan(0);
      expect(await boxSize(partB)).toEqual(before);

      // Remembered in this browser: after a reload both are held back again.
      const counts = [requested('checker-a.png'), requested('checker-b.png')];
      await page.reload();
      await expect(card(page, 'held back', 0).getByTestId('remote-image-consent')).toBeVisible();
      await expect(card(page, 'held back', 2).getByTestId('remote-image-consent')).toBeVisible();
      await page.waitForTimeout(300);
      expect([requested('checker-a.png'), requested('checker-b.png')]).toEqual(counts);
      await page.getByRole('button', { name: /^Connection:/ }).click();
      await expect(
        page.getByRole('dialog', { name: 'Connection' }).getByRole('radio', { name: /^On click/ }),
      ).toBeChecked();
    } finally {
      await server.close();
    }
  });
});
