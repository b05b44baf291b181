import { expect, test } from '@playwright/test';
import { STATIC_ORIGIN } from './helpers-connection.ts';
import { E2E_NOW, fixClock } from './helpers.ts';

const CAFE = 'chatcmpl-bz1B9rQB8fPyIFEjUtn3pSIjPIPsR';

test.describe('search the local index', () => {
  test('a word without its accent finds it, marked in a snippet; the hit opens at that message with the word found', async ({
    page,
  }) => {
    await page.goto('/');
    const input = page.getByRole('searchbox', { name: 'Search messages and answers' });
    await input.fill('cafe');
    await input.press('Enter');
    await expect(page).toHaveURL(/\/\?q=cafe$/);
    const hits = page.getByTestId('search-hit');
    await expect(hits).toHaveCount(1);
    await expect(page.getByRole('status').filter({ hasText: 'completion matches' })).toHaveText(
      '1 completion matches, best first',
    );
    const hit = hits.first();
    await expect(hit).toHaveAttribute('data-completion-id', CAFE);
    await expect(hit.getByTestId('search-hit-count')).toContainText('4 messages');
    await expect(hit.locator('mark').first()).toHaveText(/^caf[ée]$/i);
    await hit.click();
    await expect(page).toHaveURL(new RegExp(`/completions/${CAFE}/messages/${CAFE}-\\d+\\?find=`));
    const selected = page.locator('[aria-current="true"][data-testid="message"]');
    await expect(selected).toBeVisible();
    await expect(selected).toContainText(/café/i);
    await expect(page.getByTestId('find-bar').getByLabel('Find in conversation')).toHaveValue(
      /^caf[ée]$/i,
    );
    // Back: the same search, the same results.
    await page.goBack();
    await expect(page.getByTestId('search-hit')).toHaveCount(1);
  });

  test('a link with a search opens it; nothing found says so; clearing it shows the list again', async ({
    page,
  }) => {
    await page.goto('/?q=%22light+rain%22');
    await expect(page.getByTestId('search-hit').first()).toBeVisible();
    // A phrase is marked whole.
    await expect(page.getByTestId('search-snippet').first().locator('mark')).toHaveText([
      'light rain',
    ]);
    await page.goto('/?q=zzzqqqxxy');
    await expect(page.getByTestId('no-search-results')).toBeVisible();
    const input = page.getByRole('searchbox', { name: 'Search messages and answers' });
    await input.fill('');
    await input.press('Enter');
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
  });

  test('odd input never breaks it: punctuation, operators, unbalanced quotes', async ({ page }) => {
    for (const q of ['"unbalanced', 'NEAR(a b', 'a:b ^c', 'A-1042']) {
      await page.goto(`/?q=${encodeURIComponent(q)}`);
      await expect(
        page.getByTestId('search-hit').first().or(page.getByTestId('no-search-results')),
      ).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    }
    // Nothing a word could be made of: said plainly, not as a failure to retry.
    for (const q of ['-', '((', '*']) {
      await page.goto(`/?q=${encodeURIComponent(q)}`);
      await expect(page.getByTestId('search-invalid')).toContainText('nothing to search for');
    }
  });

  test('a date range: "Last 24 hours" counts back from now; the range is in the URL', async ({
    page,
  }) => {
    await fixClock(page);
    await page.goto('/');
    await page.getByLabel('Created').selectOption('day');
    const after = Math.floor(E2E_NOW / 1000) - 86_400;
    await expect(page).toHaveURL(new RegExp(`created_after=${after}$`));
    const hits = page.getByTestId('search-hit');
    await expect(hits.first()).toBeVisible();
    // Every result is inside the range, newest first.
    const times = await hits
      .locator('time')
      .evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '') / 1000));
    for (const t of times) expect(t).toBeGreaterThanOrEqual(after);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // The same range on the API side: a direct count agrees with the total shown.
    const answer = await page.request.get(`/__viewer/search?created_after=${after}&limit=100`);
    const body = (await answer.json()) as { total: number };
    await expect(page.getByRole('status').filter({ hasText: /match/ })).toContainText(
      `${body.total} ${body.total === 1 ? 'completion matches' : 'completions match'}`,
    );
    await expect(page.getByLabel('From (UTC)')).toHaveValue(
      new Date(after * 1000).toISOString().slice(0, 16),
    );
  });

  test('an ISO date range in a link, with a model filter', async ({ page }) => {
    await page.goto('/?model=gpt-4o&created_after=2000-01-01&created_before=2100-01-01');
    const hits = page.getByTestId('search-hit');
    await expect(hits.first()).toBeVisible();
    for (const text of await hits.allTextContents()) expect(text).toContain('gpt-4o');
    await expect(page.getByLabel('From (UTC)')).toHaveValue('2000-01-01T00:00');
  });

  test('where there is no index, the list says so and still works', async ({ page }) => {
    await page.goto(`${STATIC_ORIGIN}/?q=cafe`);
    await expect(page.getByTestId('search-unavailable')).toContainText('need the local index');
    await expect(page.getByRole('searchbox', { name: 'Search messages and answers' })).toHaveCount(
      0,
    );
  });

  test('at phone width the search bar fits', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?q=weather');
    await expect(page.getByTestId('search-hit').first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
  });
});
