import { expect, test, type Route } from '@playwright/test';
import { KEYED_API_BASE_URL, TEST_API_KEY } from './helpers-connection.ts';

// Switching connection while the list is loading, through the real panel and pages: the
// previous connection's answer, let through after the switch, never shows (query keys hold the
// connection, src/api/keys.ts; the switch also cancels what the old one was loading). The two
// real servers serve the same demo data, so the held answer of the first is marked on its way
// back. src/api/connection-switch.test.ts covers an old answer that does land in the cache.

const MARKER = 'answer-of-the-previous-connection';

test('a switch mid-load: the old connection’s late answer is not shown', async ({ page }) => {
  let held: Route | null = null;
  // Holds the list request to the viewer's own API (the first connection), once.
  await page.route(
    (url) =>
      url.pathname === '/v1/chat/completions' && url.port !== new URL(KEYED_API_BASE_URL).port,
    async (route) => {
      if (held) await route.continue();
      else held = route;
    },
  );
  await page.goto('/');
  await expect.poll(() => held !== null).toBe(true);

  await page.getByRole('button', { name: /^Connection:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Connection' });
  await dialog.getByLabel('Base URL').fill(KEYED_API_BASE_URL);
  await dialog.getByLabel('API key', { exact: true }).fill(TEST_API_KEY);
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Connection:/ })).toHaveAccessibleName(
    `Connection: direct to ${KEYED_API_BASE_URL}`,
  );
  const links = page.getByRole('link', { name: /^chatcmpl-/ });
  await expect(links.first()).toBeVisible();
  const shown = await links.count();

  // Now the first connection answers, every completion marked.
  const route = held as Route | null;
  try {
    const response = await route!.fetch();
    const body = (await response.json()) as { data: { model: string }[] };
    for (const completion of body.data) completion.model = MARKER;
    await route!.fulfill({ response, json: body });
  } catch {
    // The page gave the request up (the switch cancels what the old connection was loading).
  }
  await page.waitForTimeout(500);
  await expect(page.getByText(MARKER)).toHaveCount(0);
  await expect(links).toHaveCount(shown);
});
