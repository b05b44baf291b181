import { expect, type Page } from '@playwright/test';
import { DEMO_BASE_TIME } from '../server/data/demo.ts';

export { DEMO_IDS, LONG_MESSAGE_COUNT } from '../server/data/demo-ids.ts';

export const scroller = (page: Page) => page.getByTestId('conversation-scroll');

/** Scrolls the conversation to its very end, page after page, until the answer is in view. */
export async function scrollToEnd(page: Page, timeout = 90_000) {
  const answer = page.getByRole('heading', { name: /^Answer/ });
  await expect(async () => {
    await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(answer).toBeVisible({ timeout: 250 });
  }).toPass({ timeout, intervals: [50] });
}

/** Counts the requests to the messages endpoint of one completion. */
export function countMessageRequests(page: Page, completionId: string) {
  const urls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes(`/v1/chat/completions/${completionId}/messages`))
      urls.push(request.url());
  });
  return urls;
}

/** The highest message index rendered in the list (message ids end in "-<index>"). */
export function lastRenderedIndex(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(
      -1,
      ...[...document.querySelectorAll('[data-message-id]')].map((el) =>
        Number(el.getAttribute('data-message-id')?.split('-').at(-1)),
      ),
    ),
  );
}

/** Scrolls to the end again and again until a message at or past `index` is rendered. */
export async function scrollUntilIndex(page: Page, index: number, timeout = 20_000) {
  await expect(async () => {
    await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    expect(await lastRenderedIndex(page)).toBeGreaterThanOrEqual(index);
  }).toPass({ timeout, intervals: [100] });
}

/**
 * The demo's dates are fixed (server/data/demo.ts: nothing is created after DEMO_BASE_TIME,
 * 2026-11-01) and the app writes them relative to the page's clock ("3 days ago", "expired …").
 * A spec that reads dates fixes the page's clock, here 12 hours after the newest completion, so
 * what it sees does not depend on the day it runs (the demo's dates stay fixed rather than
 * following the clock: exact times can then be asserted too). Only such specs do: Playwright's
 * clock also swaps the page's timers, requestAnimationFrame and requestIdleCallback for its own
 * (run in real time), and a fixed Date would stop a countdown such as a 429's Retry-After.
 */
export const E2E_NOW = (DEMO_BASE_TIME + 12 * 3600) * 1000;

/** Fixes the page's Date at `at` (default E2E_NOW), before it loads anything. */
export async function fixClock(page: Page, at: number | string = E2E_NOW): Promise<void> {
  await page.clock.setFixedTime(at);
}
