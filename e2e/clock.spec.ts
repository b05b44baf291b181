import { expect, test } from '@playwright/test';
import { DEMO_IDS, fixClock } from './helpers.ts';

// The demo's dates are fixed (2026-08 … 2026-11, one audio expiring in 2046) and the app reads
// the page's clock: with the clock years after them, after the far expiry, and years before any
// of them, every date still reads right. Exact times are in UTC (playwright.config.ts).
const CLOCKS = [
  {
    now: '2031-06-01T00:00:00Z',
    ago: '5 years ago',
    expired: '(expired 5 years ago)',
    future: '(expires in 15 years)',
  },
  {
    now: '2040-01-01T00:00:00Z',
    ago: '13 years ago',
    expired: '(expired 13 years ago)',
    future: '(expires in 7 years)',
  },
  {
    now: '2050-01-01T00:00:00Z',
    ago: '23 years ago',
    expired: '(expired 23 years ago)',
    future: '(expired 3 years ago)',
  },
  // Before the data: created "in" the future, and the first audio not expired yet.
  {
    now: '2020-01-01T00:00:00Z',
    ago: 'in 7 years',
    expired: '(expires in 7 years)',
    future: '(expires in 27 years)',
  },
];

for (const clock of CLOCKS) {
  test.describe(`with the clock at ${clock.now}`, () => {
    test.beforeEach(async ({ page }) => fixClock(page, clock.now));

    test('the list writes when, relative to the clock, and exactly', async ({ page }) => {
      // Only the 10,000-message conversation, created 2026-10-30 12:00 UTC.
      await page.goto('/?metadata[user_id]=user_l0ngS3ss');
      const row = page.locator(
        `[data-testid="completion-row"][data-completion-id="${DEMO_IDS.long}"]`,
      );
      const time = row.locator('time');
      await expect(time).toHaveAttribute('datetime', '2026-10-30T12:00:00.000Z');
      await expect(time.locator('span').first()).toHaveText(clock.ago);
      await expect(time.locator('span').last()).toHaveText('Oct 30, 2026, 12:00:00 PM GMT+0');
      await expect(row.getByRole('link')).toHaveAccessibleName(
        new RegExp(`^${DEMO_IDS.long}, [^,]+, ${clock.ago}: `),
      );
    });

    test('a completion: created, and audio expiry', async ({ page }) => {
      await page.goto(`/completions/${DEMO_IDS.rich}`);
      const created = page.getByTestId('completion-header').locator('time');
      await expect(created).toHaveText('Oct 29, 2026, 2:24:00 PM GMT+0');
      await expect(created).toHaveAttribute('title', clock.ago);

      const audios = page.getByTestId('assistant-audio');
      await expect(audios).toHaveCount(2);
      await expect(audios.nth(0).locator('time')).toHaveText('Oct 29, 2026, 3:24:00 PM GMT+0');
      await expect(audios.nth(0).getByTestId('audio-expiry')).toHaveText(clock.expired);
      await expect(audios.nth(1).locator('time')).toHaveText('Oct 27, 2046, 12:00:00 AM GMT+0');
      await expect(audios.nth(1).getByTestId('audio-expiry')).toHaveText(clock.future);
    });
  });
}
