import { expect, test } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

test.describe('the Completion ID field', () => {
  test('opens a completion from its id', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('Completion ID').fill(DEMO_IDS.tools);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page).toHaveURL(`/completions/${DEMO_IDS.tools}`);
    await expect(page.getByTestId('completion-header')).toContainText(DEMO_IDS.tools);
  });

  test('opens a completion from a pasted API, dashboard or viewer URL', async ({ page }) => {
    for (const link of [
      `https://api.openai.com/v1/chat/completions/${DEMO_IDS.refusal}/messages`,
      `https://platform.openai.com/logs/${DEMO_IDS.refusal}`,
      `http://127.0.0.1:9999/completions/${DEMO_IDS.refusal}`,
    ]) {
      await page.goto('/');
      await page.getByLabel('Completion ID').fill(link);
      await page.getByLabel('Completion ID').press('Enter');
      await expect(page).toHaveURL(`/completions/${DEMO_IDS.refusal}`);
    }
  });

  test('opens a completion from an id in quotes, as copied from JSON', async ({ page }) => {
    for (const copied of [`"${DEMO_IDS.tools}",`, `'${DEMO_IDS.tools}'`]) {
      await page.goto('/');
      await page.getByLabel('Completion ID').fill(copied);
      await page.getByLabel('Completion ID').press('Enter');
      await expect(page).toHaveURL(`/completions/${DEMO_IDS.tools}`);
    }
  });

  test('explains invalid input and sends nothing', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/v1/')) apiCalls.push(request.url());
    });
    await page.getByLabel('Completion ID').fill('not an id <script>');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByRole('alert')).toContainText('not a completion id');
    await expect(page.getByLabel('Completion ID')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Completion ID').fill('https://platform.openai.com/settings');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByRole('alert')).toContainText('No completion id found');
    await expect(page).toHaveURL('/');
    expect(apiCalls).toEqual([]);
  });

  test('an unknown path says so', async ({ page }) => {
    await page.goto('/nope/nothing');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  });
});
