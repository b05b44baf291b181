import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS, scroller } from './helpers.ts';

const longId = (i: number) => `${DEMO_IDS.long}-${i}`;
const selectedIndex = async (page: Page) => {
  const id = await page.locator('article[aria-current="true"]').getAttribute('data-message-id');
  return Number(id?.slice(DEMO_IDS.long.length + 1));
};

test.describe('keeping the reader’s place', () => {
  test('j / k go on from what is on screen after the reader scrolled away', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(page.locator(`[data-message-id="${longId(0)}"]`)).toBeVisible();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(page).toHaveURL(new RegExp(`/messages/${longId(1)}$`));

    // The wheel, far down (the selected card, still focused, is long out of view).
    await page.mouse.move(640, 450);
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 1_500);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(400);
    await page.keyboard.press('j');
    await expect(page.locator('article[aria-current="true"]')).toBeInViewport();
    expect(await selectedIndex(page)).toBeGreaterThan(20);
    const afterJ = await selectedIndex(page);
    await page.keyboard.press('k');
    await expect.poll(() => selectedIndex(page)).toBe(afterJ - 1);

    // The same after a jump by the scrollbar (a scrollTop write), upwards this time.
    await scroller(page).evaluate((el) => el.scrollBy({ top: -el.scrollTop / 2 }));
    await page.waitForTimeout(300);
    await page.keyboard.press('k');
    await expect(page.locator('article[aria-current="true"]')).toBeInViewport();
    expect(await selectedIndex(page)).toBeLessThan(afterJ - 1);
  });
});

test.describe('the floating actions', () => {
  test('show only where they help', async ({ page }) => {
    const actions = page.getByTestId('conversation-actions');
    // A short conversation, answer in view: nothing to find, no top to go to, no answer to jump to.
    await page.goto(`/completions/${DEMO_IDS.refusal}`);
    await expect(page.getByTestId('answer-choice')).toBeInViewport();
    await expect(actions).toHaveCount(0);

    // A long one: Find and Jump to answer; Top only once the start is a screen away.
    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(actions.getByRole('button', { name: 'Find' })).toBeVisible();
    await expect(actions.getByRole('button', { name: 'Jump to answer' })).toBeVisible();
    await expect(actions.getByRole('button', { name: 'Top' })).toHaveCount(0);
    await scroller(page).evaluate((el) => el.scrollBy({ top: 3_000 }));
    await expect(actions.getByRole('button', { name: 'Top' })).toBeVisible();

    // At the answer, no Jump to answer.
    await actions.getByRole('button', { name: 'Jump to answer' }).click();
    await expect(page.getByRole('heading', { name: 'Answer' })).toBeInViewport({ timeout: 20_000 });
    await expect(actions.getByRole('button', { name: 'Jump to answer' })).toHaveCount(0);
  });

  test('on a phone they sit under the list, covering nothing', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/completions/${DEMO_IDS.long}`);
    const actions = page.getByTestId('conversation-actions');
    await expect(actions.getByRole('button', { name: 'Find' })).toBeVisible();
    const bar = (await actions.boundingBox())!;
    const list = (await scroller(page).boundingBox())!;
    expect(bar.y).toBeGreaterThanOrEqual(list.y + list.height - 0.5);
    // Scrolled, every action shows (the position, Find, Top, Jump to answer): the bar wraps
    // rather than widening the page.
    await scroller(page).evaluate((el) => el.scrollBy({ top: 3_000 }));
    await expect(actions.getByRole('button', { name: 'Top' })).toBeVisible();
    await expect(page.getByTestId('reading-position')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(await actions.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });
});

test.describe('small things', () => {
  test('copy feedback: only the clicked button says it, and nothing beside it moves', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const card = page.locator('article[data-message-id]').first();
    await card.hover();
    const copyText = card.getByRole('button', { name: /^Copy text of message/ });
    const copyJson = card.getByRole('button', { name: /^Copy JSON of message/ });
    await expect(copyJson).toBeVisible();
    const before = (await copyJson.boundingBox())!;
    await copyText.click();
    await expect(copyText).toHaveText('Copied');
    expect((await copyJson.boundingBox())!.x).toBe(before.x);
    await copyJson.click();
    await expect(copyJson).toHaveText('Copied');
    await expect(copyText).toHaveText('Copy text');
  });

  test('no empty chips: an answer’s `annotations: []` is not shown', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    await page.getByRole('button', { name: 'Jump to answer' }).click();
    const answer = page.getByTestId('answer-choice');
    await expect(answer).toBeVisible({ timeout: 15_000 });
    await expect(answer.getByTestId('extra-field').filter({ hasText: 'annotations' })).toHaveCount(
      0,
    );
    // Still there as received.
    const raw = await page.request.get(`/v1/chat/completions/${DEMO_IDS.tools}`);
    expect((await raw.json()).choices[0].message).toHaveProperty('annotations', []);
  });
});

test.describe('message card headers', () => {
  for (const [name, viewport] of [
    ['a phone', { width: 390, height: 844 }],
    ['a desktop', { width: 1400, height: 900 }],
  ] as const) {
    test(`take one line on ${name}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`/completions/${DEMO_IDS.tools}`);
      const headers = page.locator('article[data-message-id] > header');
      await expect(headers.first()).toBeVisible();
      for (let i = 0; i < 4; i++) {
        const box = (await headers.nth(i).boundingBox())!;
        expect(box.height).toBeLessThan(34);
      }
      // A name keeps its letters; the long id beside it is what gets cut.
      const name = page.locator('[data-role="user"]').first().getByTestId('message-name');
      await expect(name).toHaveText('alice');
      expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
    });
  }

  test('on a phone the actions are behind ⋯', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const card = page.locator('article[data-message-id]').first();
    await expect(card.getByRole('button', { name: /^Copy link to message/ })).toHaveCount(0);
    await card.getByRole('button', { name: /^Actions for message/ }).click();
    const menu = page.getByRole('group', { name: /^Actions for message/ });
    await expect(menu.getByRole('button', { name: /^Copy link to message/ })).toBeVisible();
    await menu.getByRole('button', { name: /^Copy link to message/ }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('/messages/');
    await menu.getByRole('button', { name: 'JSON', exact: true }).click();
    await expect(menu).toBeHidden();
    await expect(card.getByRole('button', { name: /^Actions for message/ })).toBeVisible();
    await expect(card.locator('pre').first()).toContainText('"role"');
    await page.keyboard.press('Escape');
  });
});

test('dark theme: modal backdrops and the image boxes are dark', async ({ page }) => {
  await page.goto(`/completions/${DEMO_IDS.images}`);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  // The palette is mirrored in dark: a backdrop or checkerboard from it turned light.
  const luminance = (rgb: string) => {
    const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number);
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this stored completion?' });
  await expect(dialog).toBeVisible();
  const backdrop = await dialog.evaluate(
    (el) => getComputedStyle(el, '::backdrop').backgroundColor,
  );
  expect(luminance(backdrop)).toBeLessThan(60);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // The checkerboard behind an image part: its colours come from the (mirrored) palette.
  const box = page.getByTestId('image-part').first().locator('div').first();
  const background = await box.evaluate((el) => getComputedStyle(el).backgroundImage);
  // Chromium gives the gradient's colours as lab(L a b): L (0-100) is their lightness.
  const lightness = [...background.matchAll(/lab\(([\d.]+)/g)].map((m) => Number(m[1]));
  expect(background).toContain('conic-gradient');
  expect(lightness.length).toBeGreaterThanOrEqual(2);
  for (const value of lightness) expect(value).toBeLessThan(40);
});

test('"Connection: checking…" shows no green dot', async ({ page }) => {
  // The server's answer held back (the real one, 1.5 s late).
  await page.route('**/__viewer/info', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto('/');
  const button = page.getByRole('button', { name: /^Connection:/ });
  await expect(button).toHaveAccessibleName('Connection: checking…');
  await expect(button.locator('[data-state]')).toHaveAttribute('data-state', 'checking');
  await expect(button).toHaveAccessibleName('Connection: local demo data', { timeout: 10_000 });
  await expect(button.locator('[data-state]')).toHaveAttribute('data-state', 'server');
});

test('an opened conversation takes the keys at once: PageDown scrolls it', async ({ page }) => {
  await page.goto('/');
  await page
    .getByTestId('completion-row')
    .first()
    .click({ position: { x: 20, y: 10 } });
  await expect(page).toHaveURL(/\/completions\//);
  const list = scroller(page);
  await expect(list).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  // A deep link too.
  await page.goto(`/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-40`);
  await expect(page.locator(`[data-message-id="${DEMO_IDS.long}-40"]`)).toBeInViewport();
  const before = await list.evaluate((el) => el.scrollTop);
  await page.keyboard.press('PageDown');
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(before + 100);
});

test('on a slow network a skeleton shows from the first paint, until the app replaces it', async ({
  page,
}) => {
  // The app's entry script held back 2.5 s (the real file, late).
  await page.route('**/assets/index-*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  const skeleton = page.locator('[data-boot-skeleton]');
  await expect(skeleton).toBeVisible({ timeout: 1_500 });
  await expect(page.getByTestId('completion-row').first()).toBeVisible({ timeout: 15_000 });
  await expect(skeleton).toHaveCount(0);
});

test.describe('the whole conversation, not only what is loaded', () => {
  test('the position: “message 7,000 of 10,000”, following the reader', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-7000`);
    const position = page.getByTestId('reading-position');
    await expect(position).toHaveText('message 7,000 of 10,000');
    await scroller(page).evaluate((el) => el.scrollBy({ top: 4_000 }));
    await expect(position).not.toHaveText('message 7,000 of 10,000');
    await expect(position).toHaveText(/^message 7,0\d\d of 10,000$/);
    // A short conversation says nothing of it.
    await page.goto(`/completions/${DEMO_IDS.refusal}`);
    await expect(page.getByTestId('answer-choice')).toBeVisible();
    await expect(page.getByTestId('reading-position')).toHaveCount(0);
  });

  test('End lands at the true end, Home at the true start', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.long}`);
    const last = `${DEMO_IDS.long}-9999`;
    await expect(page.getByTestId('reading-position')).toHaveText('message 0 of 10,000');
    await scroller(page).focus();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(new RegExp(`/messages/${last}$`));
    await expect(page.locator(`[data-message-id="${last}"]`)).toBeInViewport();
    await expect(page.getByTestId('reading-position')).toHaveText('message 9,999 of 10,000');
    // At the true end End scrolls as usual, to the answer below.
    await scroller(page).focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId('answer-choice').first()).toBeInViewport();
    await page.keyboard.press('Home');
    await expect(page).toHaveURL(new RegExp(`/completions/${DEMO_IDS.long}$`));
    await expect(page.locator(`[data-message-id="${DEMO_IDS.long}-0"]`)).toBeInViewport();
  });
});
