import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const pageBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe('themes', () => {
  test('follow the system until the reader picks one, which is remembered', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    await expect(page.getByRole('group', { name: 'Theme' })).toBeVisible();
    expect(await theme(page)).toBe('dark');
    await expect(page.getByRole('button', { name: 'System theme' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const dark = await pageBackground(page);

    await page.getByRole('button', { name: 'Light theme' }).click();
    expect(await theme(page)).toBe('light');
    const light = await pageBackground(page);
    expect(light).not.toBe(dark);

    // Remembered across a reload, even though the system still says dark; applied before the
    // app's script runs (no flash): the init script sets it.
    await page.reload();
    expect(await theme(page)).toBe('light');
    await expect(page.getByRole('button', { name: 'Light theme' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(await pageBackground(page)).toBe(light);

    // Back to the system: the stored choice is dropped.
    await page.getByRole('button', { name: 'System theme' }).click();
    expect(await theme(page)).toBe('dark');
    expect(await page.evaluate(() => localStorage.getItem('viewer.theme'))).toBeNull();
  });

  test('the dark theme re-colours cards and highlighted code', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    await page.getByRole('button', { name: 'Dark theme' }).click();
    const card = page.getByTestId('message').first();
    await expect(card).toBeVisible();
    // Cards are dark (low luminance), text is light.
    const [bg, fg] = await card.evaluate((el) => {
      const style = getComputedStyle(el);
      return [style.backgroundColor, style.color];
    });
    const luminance = (css: string) =>
      page.evaluate((value) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 1;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = value;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      }, css);
    expect(await luminance(bg)).toBeLessThan(0.3);
    expect(await luminance(fg)).toBeGreaterThan(0.6);
  });
});
