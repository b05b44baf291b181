import { expect, test, type Page } from '@playwright/test';
import { TOOL_PAGES } from '../server/data/special-tool-pages.ts';
import { DEMO_IDS, countMessageRequests } from './helpers.ts';

const id = (i: number) => `${DEMO_IDS.toolPages}-${i}`;
const message = (page: Page, i: number) => page.locator(`[data-message-id="${id(i)}"]`);
const atMessage = (i: number) => `/completions/${DEMO_IDS.toolPages}/messages/${id(i)}`;

/** The message is selected (URL), in view, and its card has focus. */
async function arrivedAt(page: Page, i: number) {
  await expect(page).toHaveURL(atMessage(i));
  await expect(message(page, i)).toBeInViewport();
  await expect(message(page, i)).toBeFocused();
  await expect(message(page, i)).toHaveAttribute('aria-current', 'true');
}

test.describe('tool call ⇄ result jumps', () => {
  test('from a call to its result two pages later, and back', async ({ page }) => {
    const requests = countMessageRequests(page, DEMO_IDS.toolPages);
    // Opened at the call (message 90): messages 0–189 are loaded, the result (230) is not.
    await page.goto(atMessage(TOOL_PAGES.call));
    const call = message(page, TOOL_PAGES.call).getByTestId('tool-call');
    await expect(call).toContainText('fetch_report');
    await expect(message(page, TOOL_PAGES.result)).toHaveCount(0);
    const before = requests.length;
    await call.getByRole('button', { name: 'Go to result' }).click();
    await arrivedAt(page, TOOL_PAGES.result);
    // Newer pages were fetched on the way.
    expect(requests.length).toBeGreaterThan(before);
    expect(requests.slice(before).every((url) => url.includes('order=asc'))).toBe(true);
    await expect(message(page, TOOL_PAGES.result).getByTestId('tool-result-of')).toContainText(
      `Result of fetch_report ${TOOL_PAGES.callId}`,
    );

    // And back from the result to the call.
    await message(page, TOOL_PAGES.result).getByRole('button', { name: 'Go to call' }).click();
    await arrivedAt(page, TOOL_PAGES.call);
  });

  test('from a result back to its call on an older page that is not loaded yet', async ({
    page,
  }) => {
    const requests = countMessageRequests(page, DEMO_IDS.toolPages);
    // Opened at the result: the page before it (130–229) and from it on are loaded, not 90.
    await page.goto(atMessage(TOOL_PAGES.result));
    const result = message(page, TOOL_PAGES.result);
    await expect(result).toBeInViewport();
    const before = requests.length;
    await result.getByRole('button', { name: 'Go to call' }).click();
    await arrivedAt(page, TOOL_PAGES.call);
    expect(requests.slice(before).some((url) => url.includes('order=desc'))).toBe(true);
  });

  test('a legacy function_call and its function result, both ways', async ({ page }) => {
    await page.goto(atMessage(TOOL_PAGES.legacyCall));
    const call = message(page, TOOL_PAGES.legacyCall).getByTestId('tool-call');
    await expect(call).toHaveAttribute('data-legacy', 'true');
    await expect(call).toContainText(`Calls ${TOOL_PAGES.legacyName}`);
    await expect(call).toContainText('"ticker": "ACME"');
    await call.getByRole('button', { name: 'Go to result' }).click();
    await arrivedAt(page, TOOL_PAGES.legacyResult);
    const result = message(page, TOOL_PAGES.legacyResult);
    await expect(result).toHaveAttribute('data-role', 'function');
    await expect(result.getByTestId('tool-result-of')).toContainText(
      `Result of function ${TOOL_PAGES.legacyName}`,
    );
    await result.getByRole('button', { name: 'Go to call' }).click();
    await arrivedAt(page, TOOL_PAGES.legacyCall);
  });

  test('a call without a stored result says so, and stays where it is', async ({ page }) => {
    await page.goto(atMessage(TOOL_PAGES.unanswered));
    const card = message(page, TOOL_PAGES.unanswered);
    await card.getByRole('button', { name: 'Go to result' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'No result' })).toHaveText(
      'No result stored for this call.',
    );
    await expect(page).toHaveURL(atMessage(TOOL_PAGES.unanswered));
  });

  test('parallel calls each find their own result', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const tokyo = page.getByTestId('tool-call').filter({ hasText: 'Tokyo' });
    await tokyo.getByRole('button', { name: 'Go to result' }).click();
    const target = page.locator(`[data-message-id="${DEMO_IDS.tools}-4"]`);
    await expect(target).toBeFocused();
    await expect(target.getByTestId('tool-result-of')).toContainText(
      'call_Hj5kL8dF2gS6aP0oI3uY7tRe',
    );
    await expect(page).toHaveURL(`/completions/${DEMO_IDS.tools}/messages/${DEMO_IDS.tools}-4`);
  });
});
