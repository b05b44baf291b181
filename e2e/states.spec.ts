import { expect, test } from '@playwright/test';
import { DEMO_IDS, scroller, scrollToEnd, scrollUntilIndex } from './helpers.ts';

// The local API answers these ids with faults when started with --faults (test-only switch).

test.describe('conversation: every failure gets a clear message', () => {
  test('404: says only store: true completions are kept', async ({ page }) => {
    await page.goto('/completions/chatcmpl-doesNotExist000000000000000000');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Completion not found');
    await expect(alert).toContainText('store: true');
    await expect(alert).toContainText('No chat completion found');
    // Nothing to retry: a missing completion will not appear by asking again.
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  });

  test('401: explains the key was refused, with the server message', async ({ page }) => {
    await page.goto('/completions/fault_401');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The API key was refused (401)');
    await expect(alert).toContainText('OPENAI_API_KEY');
    await expect(alert).toContainText('Incorrect API key');
  });

  test('403: explains the key has no access', async ({ page }) => {
    await page.goto('/completions/fault_403');
    await expect(page.getByRole('alert')).toContainText('No access (403)');
  });

  test('429 with Retry-After: shows the wait, counts down, and retries by itself', async ({
    page,
  }) => {
    let requests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/chat/completions/fault_429')) requests += 1;
    });
    await page.goto('/completions/fault_429');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Rate limited (429)');
    await expect(page.getByTestId('retry-countdown')).toContainText('wait 3 s (Retry-After)');
    await expect(alert.getByRole('button', { name: 'Retry now' })).toBeVisible();
    // Not retried early: one request until the countdown ends, then one more.
    expect(requests).toBe(1);
    await expect.poll(() => requests, { timeout: 6_000 }).toBe(2);
  });

  test('429 without Retry-After: retried with backoff, then explained with Retry', async ({
    page,
  }) => {
    await page.goto('/completions/fault_429_noretry');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Rate limited (429)', { timeout: 10_000 });
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  for (const status of [500, 502, 503]) {
    test(`${status}: explains a server problem and Retry asks again`, async ({ page }) => {
      await page.goto(`/completions/fault_${status}`);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(`The server had a problem (${status})`, {
        timeout: 10_000,
      });
      const again = page.waitForRequest((request) => request.url().endsWith(`/fault_${status}`));
      await alert.getByRole('button', { name: 'Retry' }).click();
      await again;
    });
  }

  test('a reset connection: explains the network error, with Retry', async ({ page }) => {
    await page.goto('/completions/fault_reset');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The server could not be reached', { timeout: 10_000 });
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  });

  test('a malformed answer: explains it could not be read', async ({ page }) => {
    await page.goto('/completions/fault_malformed');
    await expect(page.getByRole('alert')).toContainText('The answer could not be read');
  });

  test('offline while paging: loaded messages stay, it says so, and loading resumes when back online', async ({
    page,
    context,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(page.getByTestId('message').first()).toBeVisible();
    await context.setOffline(true);
    await expect(page.getByText('You are offline')).toBeVisible();
    await expect(async () => {
      await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(page.getByText('will load when the connection is back')).toBeInViewport({
        timeout: 250,
      });
    }).toPass({ timeout: 5_000 });
    await expect(page.getByTestId('message').last()).toHaveAttribute(
      'data-message-id',
      `${DEMO_IDS.long}-99`,
    );
    await context.setOffline(false);
    await expect(page.getByText('You are offline')).toHaveCount(0);
    await scrollUntilIndex(page, 150);
  });

  test('loading: a skeleton while the completion is on its way', async ({ page }) => {
    await page.goto('/completions/fault_slow');
    await expect(page.getByTestId('skeleton')).toBeVisible();
    await expect(page.getByTestId('completion-header')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('skeleton')).toHaveCount(0);
  });

  test('an empty conversation says so and still shows the answer', async ({ page }) => {
    await page.goto('/completions/fault_empty');
    await expect(page.getByTestId('empty-conversation')).toContainText('no stored input messages');
    await scrollToEnd(page);
  });

  test('broken messages render as error cards inside the list; the rest still shows', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/completions/fault_broken_message');
    const broken = page.getByTestId('broken-message');
    await expect(broken).toHaveCount(3);
    await expect(broken.first()).toContainText('could not be read');
    await expect(page.getByTestId('message').first()).toBeVisible();
    await scrollToEnd(page);
    expect(errors).toEqual([]);
  });
});
