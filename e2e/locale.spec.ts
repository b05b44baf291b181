import { expect, test } from '@playwright/test';
import { DEMO_IDS, fixClock } from './helpers.ts';

// Numbers and dates follow the reader's locale and time zone. The page writes en-US until the
// Intl formatters are made at idle (format.ts, locale-formats.ts), then switches: a German reader
// in Tokyo ends up with German numbers and Tokyo times; an en-US reader never needs Intl, and
// still gets the time in their zone.
const longRow = `[data-testid="completion-row"][data-completion-id="${DEMO_IDS.long}"]`;
// Only the 10,000-message conversation: created 2026-10-30 12:00 UTC, 710,041 tokens in all.
const onlyLong = '/?metadata[user_id]=user_l0ngS3ss';

test.describe('a German reader in Tokyo', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Asia/Tokyo' });

  test('the list and a completion switch to German numbers and dates, in Tokyo time', async ({
    page,
  }) => {
    await fixClock(page); // 2026-11-01 12:00 UTC
    await page.goto(onlyLong);
    const row = page.locator(longRow);
    await expect(row).toContainText('710.041 tokens');
    const time = row.locator('time');
    await expect(time.locator('span').first()).toHaveText('vorgestern');
    await expect(time.locator('span').last()).toHaveText('30. Okt. 2026, 21:00:00 GMT+9');

    await page.goto(`/completions/${DEMO_IDS.long}`);
    const header = page.getByTestId('completion-header');
    await expect(header.getByTestId('completion-usage')).toHaveText(
      /^[\d.]+ \/ [\d.]+ \/ 710\.041$/,
    );
    await expect(header.locator('time')).toHaveText('30. Okt. 2026, 21:00:00 GMT+9');
    await expect(header.locator('time')).toHaveAttribute('title', 'vorgestern');
    await expect(header.locator('time')).toHaveAttribute('datetime', '2026-10-30T12:00:00.000Z');
  });
});

test.describe('an en-US reader in New York', () => {
  test.use({ locale: 'en-US', timezoneId: 'America/New_York' });

  test('en-US numbers and dates, in New York time (daylight saving) with its offset', async ({
    page,
  }) => {
    await fixClock(page);
    await page.goto(onlyLong);
    const row = page.locator(longRow);
    await expect(row).toContainText('710,041 tokens');
    const time = row.locator('time');
    await expect(time.locator('span').first()).toHaveText('2 days ago');
    await expect(time.locator('span').last()).toHaveText('Oct 30, 2026, 8:00:00 AM GMT-4');
  });
});
