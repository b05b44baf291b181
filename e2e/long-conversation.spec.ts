import { expect, test } from '@playwright/test';
import {
  DEMO_IDS,
  LONG_MESSAGE_COUNT,
  countMessageRequests,
  scrollUntilIndex,
  scroller,
  scrollToEnd,
} from './helpers.ts';

test.describe('the 10,000-message conversation', () => {
  test.setTimeout(150_000);

  test('loads page by page of 100 as the reader nears the end, and keeps the DOM small', async ({
    page,
  }) => {
    const requests = countMessageRequests(page, DEMO_IDS.long);
    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(page.getByTestId('message').first()).toBeVisible();
    // Only the first page until the reader scrolls.
    await page.waitForTimeout(300);
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0] ?? '').searchParams.get('limit')).toBe('100');
    const domAtStart = await page.evaluate(() => document.getElementsByTagName('*').length);

    await scrollToEnd(page);

    // Every page exactly once, each continuing after the last id of the previous one.
    expect(requests).toHaveLength(LONG_MESSAGE_COUNT / 100);
    const afters = requests.map((url) => new URL(url).searchParams.get('after'));
    expect(afters[0]).toBeNull();
    expect(afters[1]).toBe(`${DEMO_IDS.long}-99`);
    expect(afters.at(-1)).toBe(`${DEMO_IDS.long}-${LONG_MESSAGE_COUNT - 101}`);

    // The last message is there, then the answer; far fewer elements than messages.
    await expect(
      page.locator(`[data-message-id="${DEMO_IDS.long}-${LONG_MESSAGE_COUNT - 1}"]`),
    ).toBeVisible();
    await expect(page.getByTestId('answer-choice')).toBeVisible();
    const messagesInDom = await page.getByTestId('message').count();
    expect(messagesInDom).toBeLessThan(40);
    const domAtEnd = await page.evaluate(() => document.getElementsByTagName('*').length);
    expect(domAtEnd).toBeLessThan(domAtStart * 2);
  });

  test('scrolling back up shows earlier messages again, without fetching them again', async ({
    page,
  }) => {
    const requests = countMessageRequests(page, DEMO_IDS.long);
    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(page.getByTestId('message').first()).toBeVisible();
    await scrollUntilIndex(page, 250);
    const count = requests.length;
    await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(page.locator(`[data-message-id="${DEMO_IDS.long}-0"]`)).toBeVisible();
    await expect(page.getByTestId('completion-header')).toBeVisible();
    expect(requests.length).toBe(count);
  });
});
