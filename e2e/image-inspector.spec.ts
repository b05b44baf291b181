import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

/** The first image part showing the local demo image `name`. */
const imagePart = (page: Page, name: string) =>
  page
    .getByTestId('image-part')
    .filter({ has: page.locator(`img[src$="/demo-assets/images/${name}"]`) })
    .first();

const inspectButton = (page: Page, name: string) =>
  imagePart(page, name).getByRole('button', { name: /^Inspect image part/ });

const surfaceTransform = (page: Page) =>
  page.getByTestId('zoom-surface').evaluate((el) => (el as HTMLElement).style.transform);

test.describe('image inspector', () => {
  test('opens on click: size, bytes, type, detail, and the gpt-4o estimate with its rule', async ({
    page,
    request,
  }) => {
    // The figures below are gpt-4o's: make sure that is the completion's model.
    const completion = (await (
      await request.get(`/v1/chat/completions/${DEMO_IDS.images}`)
    ).json()) as { model: string };
    expect(completion.model).toBe('gpt-4o');
    const bytes = (await (await request.get('/demo-assets/images/grid-1024.png')).body()).length;

    await page.goto(`/completions/${DEMO_IDS.images}`);
    await inspectButton(page, 'grid-1024.png').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { level: 2 })).toContainText(/^Image 1 of \d+/);
    await expect(dialog.getByTestId('fact-size')).toHaveText('1024 × 1024 px');
    await expect(dialog.getByTestId('fact-type')).toHaveText('image/png');
    await expect(dialog.getByTestId('fact-detail')).toHaveText('high');
    await expect(dialog.getByTestId('fact-bytes')).toContainText(
      `(${bytes.toLocaleString('en-US')} bytes)`,
    );
    await expect(dialog.getByTestId('fact-source')).toContainText(
      '/demo-assets/images/grid-1024.png',
    );

    await expect(dialog.getByTestId('token-rule')).toContainText('Tile-based rule');
    await expect(dialog.getByTestId('token-rule')).toContainText('85 + 170 per 512-px tile');
    await expect(dialog.getByText(/Model gpt-4o matches “gpt-4o”/)).toBeVisible();
    const high = dialog.getByTestId('token-case-high');
    await expect(high.getByTestId('token-figure')).toHaveText('765');
    await expect(high).toContainText('768 × 768');
    await expect(high).toContainText('2 × 2 = 4 tiles');
    await expect(dialog.getByTestId('token-case-low')).toHaveCount(0);

    const download = dialog.getByRole('link', { name: 'Download original' });
    await expect(download).toHaveAttribute('href', /\/demo-assets\/images\/grid-1024\.png$/);
    await expect(download).toHaveAttribute('download', 'grid-1024.png');
  });

  test('detail auto shows both cases: 2048 × 4096 is 85 low, 1105 high', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.images}`);
    await inspectButton(page, 'poster-2048x4096.jpg').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText('2048 × 4096 px');
    await expect(dialog.getByTestId('fact-type')).toHaveText('image/jpeg');
    await expect(dialog.getByTestId('fact-detail')).toHaveText('auto');
    await expect(dialog.getByTestId('token-case-low').getByTestId('token-figure')).toHaveText('85');
    const high = dialog.getByTestId('token-case-high');
    await expect(high.getByTestId('token-figure')).toHaveText('1,105');
    await expect(high).toContainText('1024 × 2048');
    await expect(high).toContainText('768 × 1536');
  });

  test('zoom with + − 0, the wheel and the buttons; ← → through the images; Escape returns focus', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.images}`);
    const opener = inspectButton(page, 'grid-1024.png');
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText('1024 × 1024 px');
    const zoomLevel = dialog.getByTestId('zoom-level');
    // The real zoom (100% = one image pixel per CSS pixel): fitted, this 1024-px image is shown
    // smaller, and the label says so.
    await expect(zoomLevel).toHaveText(/^\d+% · fit$/);
    const fitted = Number(/^(\d+)%/.exec((await zoomLevel.textContent()) ?? '')?.[1]);
    const image = dialog.getByRole('img', { name: /^Image part/ });
    const shown = (await image.boundingBox())!.width;
    expect(Math.abs(fitted - (shown / 1024) * 100)).toBeLessThanOrEqual(1);
    expect(fitted).toBeLessThan(100);
    const initial = await surfaceTransform(page);
    expect(initial).toContain('scale(1)');

    await page.keyboard.press('+');
    await expect
      .poll(async () => Number(/^(\d+)%/.exec((await zoomLevel.textContent()) ?? '')?.[1]))
      .toBeCloseTo(fitted * 1.349, -0.5);
    await expect.poll(() => surfaceTransform(page)).toContain('scale(1.349');
    await page.keyboard.press('0');
    await expect(zoomLevel).toHaveText(`${fitted}% · fit`);
    await expect.poll(() => surfaceTransform(page)).toBe(initial);

    // 100%: one image pixel per CSS pixel.
    await dialog.getByRole('button', { name: '100%', exact: true }).click();
    await expect(zoomLevel).toHaveText('100%');
    await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(1024);
    await page.keyboard.press('0');
    await expect(zoomLevel).toHaveText(`${fitted}% · fit`);

    // The wheel zooms at the pointer: the scale and the translation both change.
    await page.getByTestId('zoom-surface').hover();
    await page.mouse.move(300, 300);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => surfaceTransform(page)).not.toBe(initial);
    await expect(zoomLevel).not.toHaveText(`${fitted}% · fit`);
    // Drag pans.
    const beforeDrag = await surfaceTransform(page);
    await page.mouse.down();
    await page.mouse.move(360, 340, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => surfaceTransform(page)).not.toBe(beforeDrag);
    await dialog.getByRole('button', { name: 'Fit' }).click();
    await expect.poll(() => surfaceTransform(page)).toBe(initial);
    await dialog.getByRole('button', { name: 'Zoom out' }).click();
    await expect(zoomLevel).toHaveText(`${Math.round(fitted * 0.741)}%`);
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    await expect(zoomLevel).toHaveText(`${fitted}% · fit`);

    // → to the next image part of the conversation (800 × 600, low), ← back.
    await page.keyboard.press('ArrowRight');
    await expect(dialog.getByRole('heading', { level: 2 })).toContainText(/^Image 2 of/);
    await expect(dialog.getByTestId('fact-size')).toHaveText('800 × 600 px');
    await expect(dialog.getByTestId('fact-detail')).toHaveText('low');
    await expect(dialog.getByTestId('token-case-low').getByTestId('token-figure')).toHaveText('85');
    await page.keyboard.press('ArrowLeft');
    await expect(dialog.getByRole('heading', { level: 2 })).toContainText(/^Image 1 of/);
    await expect(dialog.getByTestId('fact-size')).toHaveText('1024 × 1024 px');
    await expect(dialog.getByRole('button', { name: /Previous image/ })).toBeDisabled();

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
  });

  test('“as the model saw it” shows the resized image with its 512-px tile grid, or the low version', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.images}`);
    await inspectButton(page, 'grid-1024.png').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText('1024 × 1024 px');
    const toggle = dialog.getByRole('button', { name: 'As the model saw it' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const view = dialog.getByTestId('model-view');
    await expect(view).toHaveAttribute('data-resized', '768x768');
    await expect(view.getByTestId('model-tile')).toHaveCount(4);
    await expect(dialog.getByTestId('model-caption')).toContainText('2 × 2 = 4 tiles of 512 px');
    expect(
      await view
        .locator('canvas')
        .evaluate((c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]),
    ).toEqual([768, 768]);

    // The toggle stays on while moving: the poster (auto) shows high, then its low version.
    await page.keyboard.press('ArrowRight'); // 800 × 600, low
    await expect(dialog.getByTestId('model-view')).toHaveAttribute('data-resized', '512x384');
    await expect(dialog.getByTestId('model-tile')).toHaveCount(0);
    await page.keyboard.press('ArrowRight'); // 2048 × 4096, auto
    await expect(dialog.getByTestId('fact-size')).toHaveText('2048 × 4096 px');
    await expect(dialog.getByTestId('model-view')).toHaveAttribute('data-resized', '768x1536');
    await expect(dialog.getByTestId('model-tile')).toHaveCount(6);
    await dialog
      .getByRole('group', { name: 'Detail shown' })
      .getByRole('button', { name: 'low' })
      .click();
    await expect(dialog.getByTestId('model-view')).toHaveAttribute('data-resized', '256x512');
    await expect(dialog.getByTestId('model-tile')).toHaveCount(0);
    await expect(dialog.getByTestId('model-caption')).toContainText('low detail: 256 × 512');

    await toggle.click();
    await expect(dialog.getByTestId('model-view')).toHaveCount(0);
    await expect(dialog.getByRole('img', { name: /Image part/ })).toBeVisible();
  });

  test('a small data-URL image: type and bytes from the data, downloaded from a Blob URL', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.images}`);
    const part = page.getByTestId('image-part').filter({ hasText: 'image/jpeg' }).first();
    await part.getByRole('button', { name: /^Inspect image part/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText('48 × 48 px');
    await expect(dialog.getByTestId('fact-type')).toHaveText('image/jpeg');
    await expect(dialog.getByTestId('fact-source')).toContainText(/^data URL, [\d,]+ characters/);
    const download = dialog.getByRole('link', { name: 'Download original' });
    await expect(download).toHaveAttribute('href', /^blob:/);
    await expect(download).toHaveAttribute('download', /\.jpg$/);
    await expect(page.getByText('base64,')).toHaveCount(0);
  });

  test('the ~5 MB data-URL image opens without a long task over 200 ms', async ({ page }) => {
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`/completions/${DEMO_IDS.bigImage}`);
    const part = page.getByTestId('image-part');
    await expect(part.getByRole('img', { name: /Image part/ })).toHaveAttribute('src', /^blob:/, {
      timeout: 15_000,
    });

    const openedAt = await page.evaluate(() => performance.now());
    await part.getByRole('button', { name: /^Inspect image part/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText('1120 × 1116 px', {
      timeout: 15_000,
    });
    await expect(dialog.getByTestId('fact-type')).toHaveText('image/png');
    await expect(dialog.getByTestId('fact-bytes')).toContainText('MB');
    // gpt-4.1-mini is patch-based: 35 × 35 = 1225 patches × 1.62.
    await expect(dialog.getByTestId('token-rule')).toContainText('Patch-based rule');
    await expect(dialog.getByTestId('token-case-patch').getByTestId('token-figure')).toHaveText(
      '1,985',
    );
    await expect(dialog.getByRole('link', { name: 'Download original' })).toHaveAttribute(
      'href',
      /^blob:/,
    );
    await dialog.getByRole('button', { name: 'As the model saw it' }).click();
    await expect(dialog.getByTestId('model-view')).toHaveAttribute('data-resized', '1120x1116');
    await expect(dialog.getByTestId('model-caption')).toContainText('35 × 35 = 1225 patches');

    const longest = await page.evaluate(
      (since) =>
        Math.max(
          0,
          ...(
            window as unknown as { __longTasks: { start: number; duration: number }[] }
          ).__longTasks
            .filter((t) => t.start + t.duration >= since)
            .map((t) => t.duration),
        ),
      openedAt,
    );
    expect(longest).toBeLessThan(200);
    const longestAttribute = await page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].map((a) => a.value.length),
        ),
      ),
    );
    expect(longestAttribute).toBeLessThan(10_000);
  });

  test('an image that fails to load shows the failure and its URL', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.expiredImage}`);
    await page
      .getByTestId('image-part')
      .first()
      .getByRole('button', { name: /^Inspect image part/ })
      .click();
    const dialog = page.getByRole('dialog');
    const failure = dialog.getByRole('alert');
    await expect(failure).toContainText('Image not found');
    await expect(failure).toContainText('404 Not Found');
    await expect(failure).toContainText('signed links expire');
    await expect(dialog.getByTestId('fact-source')).toContainText('/demo-assets/images/expired-');
    await expect(dialog.getByTestId('token-case-high')).toHaveCount(0);
    await expect(dialog.getByRole('link', { name: 'Download original' })).toHaveCount(0);
    // The next image of that conversation loads fine.
    await dialog.getByRole('button', { name: /Next image/ }).click();
    await expect(dialog.getByTestId('fact-size')).toHaveText('512 × 512 px');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      page
        .getByTestId('image-part')
        .nth(1)
        .getByRole('button', { name: /^Inspect image part/ }),
    ).toBeFocused();
  });
});

test.describe('image inspector across pages', () => {
  /** Indexes of the long conversation's messages with an image part, from the API. */
  async function imageMessageIndexes(request: APIRequestContext): Promise<number[]> {
    const indexes: number[] = [];
    let after: string | undefined;
    for (;;) {
      const query = `limit=100&order=asc${after ? `&after=${after}` : ''}`;
      const page = (await (
        await request.get(`/v1/chat/completions/${DEMO_IDS.long}/messages?${query}`)
      ).json()) as {
        data: { id: string; content_parts: { type: string }[] | null }[];
        has_more: boolean;
        last_id: string;
      };
      for (const message of page.data) {
        if (message.content_parts?.some((part) => part.type === 'image_url'))
          indexes.push(Number(message.id.split('-').at(-1)));
      }
      if (!page.has_more) return indexes;
      after = page.last_id;
    }
  }

  test('← and → go on into pages not loaded yet, loading until the next image', async ({
    page,
    request,
  }) => {
    const indexes = await imageMessageIndexes(request);
    // Two neighbouring images more than two pages apart: opening at one, the other isn't loaded.
    const pairAt = indexes.findIndex((a, i) => (indexes[i + 1] ?? a) - a > 220);
    expect(pairAt).toBeGreaterThanOrEqual(0);
    const [a, b] = [indexes[pairAt]!, indexes[pairAt + 1]!];
    const dialog = page.getByRole('dialog');
    const heading = dialog.getByRole('heading', { level: 2 });

    await page.goto(`/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-${a}`);
    const message = page.locator(`[data-message-id="${DEMO_IDS.long}-${a}"]`);
    await message
      .getByRole('button', { name: /^Inspect image part/ })
      .first()
      .click();
    await expect(heading).toContainText(`message #${a} · part`);
    await expect(heading).toContainText('loaded');
    await expect(page.locator(`[data-message-id="${DEMO_IDS.long}-${b}"]`)).toHaveCount(0);

    await page.keyboard.press('ArrowRight');
    await expect(heading).toContainText(`message #${b} · part`, { timeout: 15_000 });
    // And back, to the image it came from, which is loaded now.
    await page.keyboard.press('ArrowLeft');
    await expect(heading).toContainText(`message #${a} · part`);

    // The other way: opened at b, ← loads earlier pages until a's image.
    await page.keyboard.press('Escape');
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-${b}`);
    await page
      .locator(`[data-message-id="${DEMO_IDS.long}-${b}"]`)
      .getByRole('button', { name: /^Inspect image part/ })
      .first()
      .click();
    await expect(heading).toContainText(`message #${b} · part`);
    await page.keyboard.press('ArrowLeft');
    await expect(heading).toContainText(`message #${a} · part`, { timeout: 15_000 });
  });

  test('on the last image of a fully loaded conversation, → stays', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.images}`);
    await page
      .getByRole('button', { name: /^Inspect image part/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    const heading = dialog.getByRole('heading', { level: 2 });
    await expect(heading).toContainText(/^Image 1 of (\d+)message/);
    const total = Number(/of (\d+)/.exec((await heading.textContent()) ?? '')?.[1]);
    for (let i = 1; i < total; i++) await page.keyboard.press('ArrowRight');
    await expect(heading).toContainText(`Image ${total} of ${total}message`);
    await page.keyboard.press('ArrowRight');
    await expect(heading).toContainText(`Image ${total} of ${total}message`);
    await expect(dialog.getByRole('button', { name: /Next image/ })).toBeDisabled();
    await expect(dialog.getByTestId('inspector-seek')).toHaveCount(0);
  });
});
