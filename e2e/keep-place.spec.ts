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
