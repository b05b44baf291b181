import { expect, test, type Page } from '@playwright/test';
import { E2E_REQUEST_TIMEOUT_MS } from '../playwright.config.ts';
import { countMessageRequests, lastRenderedIndex, scroller } from './helpers.ts';

// The local API runs with --faults: fault ids name their failure (server/testing/faults.ts).
// `_p<P>` fails only messages from the P-th page of 100 on, `_x<N>` only the first N times, and
// a fresh `_t<tag>` per test gives it its own count.

const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const message = (page: Page, id: string, index: number) =>
  page.locator(`[data-message-id="${id}-${index}"]`);
const alertWith = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text });

/** Scrolls the conversation to its end until `done` holds (pages load as the end nears). */
async function scrollToEndUntil(page: Page, done: () => Promise<void>, timeout = 20_000) {
  await expect(async () => {
    await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await done();
  }).toPass({ timeout, intervals: [100] });
}

/** The message row nearest the top of the scroller, and its offset from it. */
function topMessage(page: Page) {
  return scroller(page).evaluate((el) => {
    const top = el.getBoundingClientRect().top;
    let best: { id: string; offset: number } | null = null;
    for (const row of el.querySelectorAll('[data-message-id]')) {
      const offset = row.getBoundingClientRect().top - top;
      if (offset >= 0 && (best === null || offset < best.offset))
        best = { id: row.getAttribute('data-message-id') ?? '', offset };
    }
    return { ...best, scrollTop: el.scrollTop };
  });
}

test.describe('each fault family: the right message, bounded retries, and Retry recovers', () => {
  const families = [
    { family: '500', title: 'The server had a problem (500)', attempts: 3 },
    { family: '502', title: 'The server had a problem (502)', attempts: 3 },
    { family: '503', title: 'The server had a problem (503)', attempts: 3 },
    { family: '429_noretry', title: 'Rate limited (429)', attempts: 3 },
    // Chromium silently repeats a request whose reused keep-alive connection is reset before
    // any answer (measured: up to 4 server hits per attempt the page sees), so give the fault
    // enough failures for all three attempts, then Retry until it lets go.
    { family: 'reset', title: 'The server could not be reached', attempts: 3, failures: 20 },
    { family: 'reset_body', title: 'The connection was lost mid-answer', attempts: 3 },
    // Not worth retrying by itself: the same server will answer the same way.
    { family: 'malformed', title: 'The answer could not be read', attempts: 1 },
  ];
  for (const { family, title, attempts, failures = attempts } of families) {
    test(`${family}: “${title}” after ${attempts} attempt(s), then Retry loads the messages`, async ({
      page,
    }) => {
      test.setTimeout(60_000);
      // The completion reads fine; its messages fail `failures` times (the automatic retries).
      const id = `fault_${family}_p1_x${failures}_${tag()}`;
      const requests = countMessageRequests(page, id);
      await page.goto(`/completions/${id}`);
      await expect(page.getByTestId('completion-header')).toBeVisible();
      const alert = alertWith(page, title);
      await expect(alert).toBeVisible({ timeout: 15_000 });
      expect(requests).toHaveLength(attempts);
      await alert.getByRole('button', { name: 'Retry' }).click();
      if (failures > attempts) {
        // Whatever is left of the failures: Retry again while the fault lasts.
        await expect(async () => {
          if (await alert.isVisible()) await alert.getByRole('button', { name: 'Retry' }).click();
          await expect(message(page, id, 0)).toBeVisible({ timeout: 1000 });
        }).toPass({ timeout: 40_000 });
      }
      await expect(message(page, id, 0)).toContainText('Message 0 of 350.');
      await expect(page.getByRole('alert')).toHaveCount(0);
      if (failures === attempts) expect(requests).toHaveLength(attempts + 1);
    });
  }

  test('the whole page failing (completion and messages): Retry brings both back', async ({
    page,
  }) => {
    const id = `fault_503_x3_${tag()}`;
    await page.goto(`/completions/${id}`);
    const alert = alertWith(page, 'The server had a problem (503)');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('completion-header')).toHaveCount(0);
    // One Retry per failed request on screen: the completion's, then its messages'.
    await expect(async () => {
      if (await alert.isVisible()) await alert.getByRole('button', { name: 'Retry' }).click();
      await expect(message(page, id, 0)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByTestId('completion-header')).toBeVisible();
  });

  test('429 with Retry-After: a countdown, no early retry, then it loads by itself', async ({
    page,
  }) => {
    const id = `fault_429_p1_x1_${tag()}`;
    const requests = countMessageRequests(page, id);
    await page.goto(`/completions/${id}`);
    await expect(alertWith(page, 'Rate limited (429)')).toBeVisible();
    await expect(page.getByTestId('retry-countdown')).toContainText('wait 3 s (Retry-After)');
    await expect(page.getByTestId('retry-countdown')).toContainText(/Retrying in [1-3] s/);
    expect(requests).toHaveLength(1);
    await expect(message(page, id, 0)).toBeVisible({ timeout: 8_000 });
    expect(requests).toHaveLength(2);
  });

  test('latency: a skeleton while the answer is on its way, no error', async ({ page }) => {
    const id = `fault_latency_2000_p1_${tag()}`;
    await page.goto(`/completions/${id}`);
    await expect(page.getByTestId('completion-header')).toBeVisible();
    await expect(page.getByTestId('skeleton')).toBeVisible();
    await expect(message(page, id, 0)).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a page that never answers times out with a clear message; Retry loads it', async ({
    page,
  }) => {
    test.setTimeout(E2E_REQUEST_TIMEOUT_MS + 20_000);
    const id = `fault_hang_p1_x1_${tag()}`;
    const requests = countMessageRequests(page, id);
    const started = Date.now();
    await page.goto(`/completions/${id}`);
    const alert = alertWith(page, 'The server did not answer in time');
    await expect(alert).toBeVisible({ timeout: E2E_REQUEST_TIMEOUT_MS + 5_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(E2E_REQUEST_TIMEOUT_MS - 500);
    await expect(alert).toContainText(`did not answer within ${E2E_REQUEST_TIMEOUT_MS / 1000} s`);
    // Not retried by itself: the reader has waited long enough, Retry is theirs to press.
    expect(requests).toHaveLength(1);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(message(page, id, 0)).toBeVisible();
  });
});

test.describe('a later page failing', () => {
  test('keeps the loaded pages and the scroll position; Retry resumes from the failed page', async ({
    page,
  }) => {
    const id = `fault_503_p3_x3_${tag()}`;
    const requests = countMessageRequests(page, id);
    await page.goto(`/completions/${id}`);
    await expect(message(page, id, 0)).toBeVisible();

    // Pages 1 and 2 (messages 0-199) load as the reader scrolls; page 3 fails, three times.
    const alert = alertWith(page, 'The server had a problem (503)');
    await scrollToEndUntil(page, () => expect(alert).toBeVisible({ timeout: 250 }));
    await expect.poll(() => requests.length).toBe(5);
    expect(requests.slice(2).every((url) => url.includes(`after=${id}-199`))).toBe(true);
    expect(await lastRenderedIndex(page)).toBe(199);
    await expect(alert).toBeInViewport();

    // Where the reader is: the message at the top of the view, to the pixel.
    const before = await topMessage(page);
    expect(before.id).toMatch(new RegExp(`^${id}-1\\d\\d$`));
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(message(page, id, 200)).toBeAttached();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const after = await topMessage(page);
    expect(after.id).toBe(before.id);
    expect(Math.abs((after.offset ?? 0) - (before.offset ?? 0))).toBeLessThan(2);
    expect(Math.abs(after.scrollTop - before.scrollTop)).toBeLessThan(2);

    // Retry asked for the failed page only: the same cursor, nothing before it again.
    expect(requests).toHaveLength(6);
    expect(requests[5]).toContain(`after=${id}-199`);
    // And the pages already loaded are still there, without asking again.
    await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(message(page, id, 0)).toContainText('Message 0 of 350.');
    await page.waitForTimeout(300);
    expect(requests).toHaveLength(6);
    // The rest of the conversation still pages on to the end.
    await scrollToEndUntil(page, async () => expect(await lastRenderedIndex(page)).toBe(349));
  });

  test('a later page that hangs times out in place; Retry loads it', async ({ page }) => {
    test.setTimeout(E2E_REQUEST_TIMEOUT_MS + 30_000);
    const id = `fault_hang_p3_x1_${tag()}`;
    await page.goto(`/completions/${id}`);
    await expect(message(page, id, 0)).toBeVisible();
    const alert = alertWith(page, 'The server did not answer in time');
    await scrollToEndUntil(
      page,
      () => expect(alert).toBeVisible({ timeout: 500 }),
      E2E_REQUEST_TIMEOUT_MS + 15_000,
    );
    expect(await lastRenderedIndex(page)).toBe(199);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(message(page, id, 200)).toBeAttached();
  });
});

test('navigating away aborts the requests still in flight', async ({ page }) => {
  const id = `fault_hang_${tag()}`;
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().includes(`/v1/chat/completions/${id}`))
      aborted.push(`${new URL(request.url()).pathname} ${request.failure()?.errorText}`);
  });
  const completionAsked = page.waitForRequest((r) => r.url().endsWith(`/completions/${id}`));
  const messagesAsked = page.waitForRequest((r) => r.url().includes(`/${id}/messages`));
  await page.goto(`/completions/${id}`);
  await Promise.all([completionAsked, messagesAsked]);
  await expect(page.getByTestId('skeleton')).toBeVisible();
  await page.getByRole('link', { name: 'Stored completions' }).click();
  await expect(page.getByTestId('completion-row').first()).toBeVisible();
  await expect
    .poll(() => aborted.sort(), { timeout: 3_000 })
    .toEqual([
      `/v1/chat/completions/${id} net::ERR_ABORTED`,
      `/v1/chat/completions/${id}/messages net::ERR_ABORTED`,
    ]);
});
