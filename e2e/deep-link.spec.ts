import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS, countMessageRequests, scroller } from './helpers.ts';

const id = (index: number) => `${DEMO_IDS.long}-${index}`;
const message = (page: Page, index: number) => page.locator(`[data-message-id="${id(index)}"]`);

test.describe('deep links to one message', () => {
  test('opens the 10,000-message conversation at message 7,000 with at most 3 message requests', async ({
    page,
  }) => {
    const requests = countMessageRequests(page, DEMO_IDS.long);
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${id(7000)}`);
    const anchor = message(page, 7000);
    await expect(anchor).toBeInViewport();
    await expect(anchor).toHaveAttribute('aria-current', 'true');
    // Numbered as its id: from 0, and the tooltip says so.
    await expect(
      anchor.getByTitle('Position in the conversation, counted from 0 as in message ids'),
    ).toHaveText('#7000');
    await expect(anchor).toContainText(id(7000));
    await page.waitForTimeout(1000);
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(requests[0]).toContain('order=desc');
    expect(requests[0]).toContain(`after=${id(7000)}`);
  });

  test('scrolling up loads older pages without moving what is on screen', async ({ page }) => {
    const requests = countMessageRequests(page, DEMO_IDS.long);
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${id(7000)}`);
    await expect(message(page, 7000)).toBeInViewport();
    await page.waitForTimeout(500);
    const before = requests.length;
    // Every frame, note where message 6,920 sits on screen, net of our own scrolling: with the
    // older page prepended above it, it must not move by a pixel.
    await page.evaluate((tracked) => {
      const state = { scrolled: 0, samples: [] as number[], indexes: [] as number[] };
      (window as unknown as { __track: typeof state }).__track = state;
      const sample = () => {
        const el = document.querySelector(`[data-message-id="${tracked}"]`);
        if (el) {
          state.samples.push(el.getBoundingClientRect().top - state.scrolled);
          state.indexes.push(Number(el.closest('[data-index]')?.getAttribute('data-index')));
        }
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    }, id(6920));
    const older = (url: string) => url.includes('order=desc') && url.includes(`after=${id(6900)}`);
    const olderLoaded = page.waitForResponse((response) => older(response.url()));
    await expect(async () => {
      await scroller(page).evaluate((el) => {
        el.scrollBy({ top: -400 });
        (window as unknown as { __track: { scrolled: number } }).__track.scrolled += 400;
      });
      expect(requests.some(older)).toBe(true);
    }).toPass({ timeout: 25_000, intervals: [50] });
    await olderLoaded;
    await page.waitForTimeout(500);
    const track = await page.evaluate(
      () => (window as unknown as { __track: { samples: number[]; indexes: number[] } }).__track,
    );
    // The page before was prepended while the message was tracked...
    expect(Math.max(...track.indexes) - Math.min(...track.indexes)).toBe(100);
    // ...and from the frame before that to the end, it never moved but for our own scrolling.
    const prepended = track.indexes.findIndex(
      (index, i) => i > 0 && index !== track.indexes[i - 1],
    );
    expect(prepended).toBeGreaterThan(0);
    const around = track.samples.slice(prepended - 1);
    expect(Math.max(...around) - Math.min(...around)).toBeLessThan(1.01);
    expect(requests.length).toBe(before + 1);

    // And further up, page after page.
    await expect(async () => {
      await scroller(page).evaluate((el) => el.scrollBy({ top: -3000 }));
      expect(
        requests.some((url) => url.includes('order=desc') && url.includes(`after=${id(6800)}`)),
      ).toBe(true);
    }).toPass({ timeout: 20_000 });
  });

  test('selecting a message puts its link in the address bar; copy link round-trips', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const third = page.getByTestId('message').nth(2);
    const thirdId = await third.getAttribute('data-message-id');
    await third.click({ position: { x: 300, y: 12 } });
    await expect(page).toHaveURL(`/completions/${DEMO_IDS.tools}/messages/${thirdId}`);
    await expect(third).toHaveAttribute('aria-current', 'true');

    const fifth = page.getByTestId('message').nth(4);
    const fifthId = await fifth.getAttribute('data-message-id');
    await fifth.getByRole('button', { name: /^Copy link to message/ }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(
      `${new URL(page.url()).origin}/completions/${DEMO_IDS.tools}/messages/${fifthId}`,
    );
    await page.goto(link);
    await expect(page.locator(`[data-message-id="${fifthId}"]`)).toHaveAttribute(
      'aria-current',
      'true',
    );
  });

  test('an unknown message id says so and offers the conversation from the start', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}/messages/${DEMO_IDS.tools}-999`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Message not found');
    await expect(alert).toContainText(`${DEMO_IDS.tools}-999`);
    await alert.getByRole('link', { name: 'Read the conversation from the start' }).click();
    await expect(page).toHaveURL(`/completions/${DEMO_IDS.tools}`);
    await expect(page.getByTestId('message').first()).toHaveAttribute(
      'data-message-id',
      `${DEMO_IDS.tools}-0`,
    );
  });

  test('a deep link into a completion that is gone says so', async ({ page }) => {
    await page.goto(
      '/completions/chatcmpl-gone0000000000000000000000000/messages/chatcmpl-gone0000000000000000000000000-3',
    );
    await expect(page.getByRole('alert')).toContainText('Completion not found');
  });

  test('the answer is reachable from a deep link: jump to answer', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${id(9700)}`);
    await expect(message(page, 9700)).toBeInViewport();
    await page.getByRole('button', { name: 'Jump to answer' }).click();
    await expect(page.getByRole('heading', { name: /^Answer/ })).toBeInViewport({
      timeout: 20_000,
    });
    await expect(page.getByTestId('answer-choice')).toBeVisible();
  });

  test('a message id pasted into the Completion ID field opens at that message', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByLabel('Completion ID').fill(id(4321));
    await page.getByLabel('Completion ID').press('Enter');
    await expect(page).toHaveURL(`/completions/${DEMO_IDS.long}/messages/${id(4321)}`);
    await expect(message(page, 4321)).toBeInViewport();
  });
});

test('?part=N opens the message with that image part focused', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/completions/${DEMO_IDS.images}/messages/${DEMO_IDS.images}-7`);
  // The part's own "Link" action gives the URL.
  const part = page
    .locator(`[data-message-id="${DEMO_IDS.images}-7"]`)
    .locator('[data-part-index="2"]');
  await part.getByRole('button', { name: 'Copy link to image part 2' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(
    new RegExp(`/completions/${DEMO_IDS.images}/messages/${DEMO_IDS.images}-7\\?part=2$`),
  );
  await page.goto(link);
  const focused = page.locator('[data-focused="true"]');
  await expect(focused).toHaveCount(1);
  await expect(focused).toHaveAttribute('data-part-index', '2');
  await expect(focused.getByRole('button', { name: /^Inspect image part 2/ })).toBeFocused();
  await expect(focused).toBeInViewport();
  // The inspector names it with the same numbers as the link: message 7 (its id's), part 2.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('heading', { level: 2 })).toContainText(
    /message #7 · part 2$/,
  );
});
