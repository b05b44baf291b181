import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

// Every dialog at phone size (issue 12): inside the screen, nothing wider than the page, every
// control reachable.
test.use({ viewport: { width: 390, height: 844 } });

async function expectFits(page: Page, dialog: Locator) {
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390.5);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Every button in it is inside the dialog's width (scrolled into view if the dialog scrolls).
  for (const button of await dialog.getByRole('button').all()) {
    await button.scrollIntoViewIfNeeded();
    const b = (await button.boundingBox())!;
    const name = (await button.textContent()) ?? '';
    expect(b.x, name).toBeGreaterThanOrEqual(-0.5);
    expect(b.x + b.width, name).toBeLessThanOrEqual(390.5);
  }
}

test('the connection, delete and export dialogs fit a phone', async ({ page }) => {
  await page.goto(`/completions/${DEMO_IDS.tools}`);
  await expect(page.locator('article[data-message-id]').first()).toBeVisible();

  await page.getByRole('button', { name: /^Connection:/ }).click();
  const connection = page.getByRole('dialog', { name: 'Connection' });
  await expectFits(page, connection);
  await connection.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Delete…' }).click();
  const remove = page.getByRole('dialog', { name: 'Delete this stored completion?' });
  await expectFits(page, remove);
  await remove.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export this conversation' });
  await expectFits(page, exportDialog);
  await page.keyboard.press('Escape');
});

test('the image inspector fits a phone', async ({ page }) => {
  await page.goto(`/completions/${DEMO_IDS.images}`);
  await page
    .getByRole('button', { name: /^Inspect image part/ })
    .first()
    .click();
  const inspector = page.getByRole('dialog');
  await expect(inspector.getByTestId('fact-size')).toBeVisible();
  await expectFits(page, inspector);
  await inspector.getByRole('button', { name: 'Close' }).click();
  await expect(inspector).toBeHidden();
});
