import { createServer } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';
import {
  expectKeyNotOnPage,
  expectKeyOnlyInApiHeaders,
  KEYED_API_BASE_URL,
  KEYED_API_ORIGIN,
  keyInStorage,
  recordRequests,
  STATIC_ORIGIN,
  TEST_API_KEY,
  WRONG_API_KEY,
} from './helpers-connection.ts';

// Direct mode, for real: the built viewer on a static-only host (4318) talks to a key-required
// API with CORS (4319), and the default server (4317) serves its own API. No mocks, no routes.

const connectionButton = (page: Page) => page.getByRole('button', { name: /^Connection:/ });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Connection' });
const completionLinks = (page: Page) => page.getByRole('link', { name: /^chatcmpl-/ });

async function fillDirect(
  dialog: Locator,
  values: { baseURL: string; apiKey?: string; remember?: boolean },
) {
  await dialog.getByLabel('Base URL').fill(values.baseURL);
  await dialog.getByLabel('API key', { exact: true }).fill(values.apiKey ?? '');
  if (values.remember) await dialog.getByLabel('Remember on this device').check();
}

/** A port nothing listens on: bound by the OS, then released. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

test.describe('static host: the viewer needs a direct connection', () => {
  test('it asks for one on load; the panel is keyboard-usable and gives focus back', async ({
    page,
  }) => {
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = panel(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('This build needs a direct connection');
    await expect(dialog.getByLabel('Base URL')).toHaveValue('https://api.openai.com/v1');
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'password');
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute(
      'autocomplete',
      'off',
    );
    // The server offers no API here: nothing to switch back to.
    await expect(dialog.getByRole('button', { name: 'Use the server' })).toHaveCount(0);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(connectionButton(page)).toHaveAccessibleName('Connection: not set');
    await expect(connectionButton(page)).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(connectionButton(page)).toBeFocused();
  });

  test('a wrong key: the test shows 401 with the server message, and so does the list', async ({
    page,
  }) => {
    const requests = recordRequests(page);
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = panel(page);
    await fillDirect(dialog, { baseURL: KEYED_API_BASE_URL, apiKey: WRONG_API_KEY });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const failure = dialog.getByRole('alert');
    await expect(failure).toContainText('The API key was refused (401)');
    await expect(failure).toContainText('Server said: Incorrect API key provided: tes');
    await expectKeyNotOnPage(page, WRONG_API_KEY);

    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(connectionButton(page)).toHaveAccessibleName(
      `Connection: direct to ${KEYED_API_BASE_URL}`,
    );
    await expect(page.getByRole('alert')).toContainText('The API key was refused (401)');
    await expect(page.getByRole('alert')).toContainText('Incorrect API key provided');
    await expectKeyNotOnPage(page, WRONG_API_KEY);
    await expectKeyOnlyInApiHeaders(requests, {
      key: WRONG_API_KEY,
      apiOrigin: KEYED_API_ORIGIN,
      expectAuthorized: true,
    });
  });

  test('the right key: the test succeeds, the list and a conversation load, images from the API origin', async ({
    page,
    context,
  }) => {
    const requests = recordRequests(page);
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = panel(page);
    await fillDirect(dialog, { baseURL: KEYED_API_BASE_URL, apiKey: TEST_API_KEY });

    // Show / hide the key: the field's type changes, the key is still in no page text.
    const show = dialog.getByRole('button', { name: 'Show key' });
    await show.click();
    await expect(show).toHaveAttribute('aria-pressed', 'true');
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'text');
    await expectKeyNotOnPage(page, TEST_API_KEY);
    await show.click();
    await expect(dialog.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'password');

    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByRole('status')).toContainText(
      'Connected: stored completions are visible',
    );
    // Tested, not saved: nothing stored yet.
    expect(await keyInStorage(page, TEST_API_KEY)).toEqual([false, false]);

    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(connectionButton(page)).toBeFocused();
    await expect(completionLinks(page).first()).toBeVisible();
    await expectKeyNotOnPage(page, TEST_API_KEY);
    // This tab only: sessionStorage, not localStorage.
    expect(await keyInStorage(page, TEST_API_KEY)).toEqual([true, false]);

    // A reload keeps the tab's connection; a deep link opens a completion.
    await page.goto(`${STATIC_ORIGIN}/completions/${DEMO_IDS.tools}`);
    await expect(page.getByTestId('completion-header')).toContainText(DEMO_IDS.tools);
    await expectKeyNotOnPage(page, TEST_API_KEY);

    const image = page.waitForResponse(
      (response) =>
        response.url().startsWith(`${KEYED_API_ORIGIN}/demo-assets/`) && response.status() === 200,
    );
    await page.goto(`${STATIC_ORIGIN}/completions/${DEMO_IDS.images}`);
    await image;
    const firstImage = page.getByRole('img', { name: /^Image part/ }).first();
    await expect(firstImage).toHaveAttribute('src', new RegExp(`^${KEYED_API_ORIGIN}/`));
    await expect
      .poll(() => firstImage.evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);

    // The open panel shows the connection in words, with the key only inside its field.
    await connectionButton(page).click();
    await expect(panel(page)).toContainText(`this browser asks ${KEYED_API_BASE_URL} itself`);
    await expect(panel(page)).toContainText('for this tab only (sessionStorage)');
    await expectKeyNotOnPage(page, TEST_API_KEY);
    await page.keyboard.press('Escape');

    // Another tab of the same browser has no sessionStorage of this one: not connected there.
    const other = await context.newPage();
    await other.goto(`${STATIC_ORIGIN}/`);
    await expect(panel(other)).toBeVisible();
    expect(await keyInStorage(other, TEST_API_KEY)).toEqual([false, false]);
    await other.close();

    await expectKeyOnlyInApiHeaders(requests, {
      key: TEST_API_KEY,
      apiOrigin: KEYED_API_ORIGIN,
      expectAuthorized: true,
    });
  });

  test('a wrong base URL is explained as such: 404, and a non-API answer', async ({ page }) => {
    const requests = recordRequests(page);
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = panel(page);
    const failure = dialog.getByRole('alert');

    await fillDirect(dialog, { baseURL: `${KEYED_API_ORIGIN}/v1/nope`, apiKey: TEST_API_KEY });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(failure).toContainText('Not found (404): wrong base URL?');
    await expect(failure).toContainText('should end in /v1');
    await expect(failure).toContainText('Invalid URL');

    // The static host itself has no /v1: a plain 404 (no key given, so none is sent there).
    await fillDirect(dialog, { baseURL: `${STATIC_ORIGIN}/v1` });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(failure).toContainText('Not found (404): wrong base URL?');

    // Without /v1 its history fallback answers index.html: not an API answer.
    await fillDirect(dialog, { baseURL: STATIC_ORIGIN });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(failure).toContainText('The answer is not an API answer');

    // Not a URL at all: refused before any request.
    await fillDirect(dialog, { baseURL: 'api.openai.com/v1', apiKey: TEST_API_KEY });
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
    await expect(failure).toContainText('Not a URL');
    await expect(connectionButton(page)).toHaveAccessibleName('Connection: not set');

    await expectKeyNotOnPage(page, TEST_API_KEY);
    await expectKeyOnlyInApiHeaders(requests, {
      key: TEST_API_KEY,
      apiOrigin: KEYED_API_ORIGIN,
      expectAuthorized: true,
    });
  });

  test('an unreachable server or a CORS refusal is explained as network or CORS', async ({
    page,
  }) => {
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = panel(page);
    const failure = dialog.getByRole('alert');

    await fillDirect(dialog, {
      baseURL: `http://127.0.0.1:${await freePort()}/v1`,
      apiKey: TEST_API_KEY,
    });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(failure).toContainText('Network error or CORS');
    await expect(failure).toContainText('the server is unreachable');

    // The API's origin without /v1 answers the preflight with no CORS headers: blocked.
    await fillDirect(dialog, { baseURL: KEYED_API_ORIGIN, apiKey: TEST_API_KEY });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(failure).toContainText('Network error or CORS');
    await expectKeyNotOnPage(page, TEST_API_KEY);
  });

  test('"remember on this device" uses localStorage, another tab is connected; untick and forget remove it', async ({
    page,
    context,
  }) => {
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = panel(page);
    await fillDirect(dialog, {
      baseURL: KEYED_API_BASE_URL,
      apiKey: TEST_API_KEY,
      remember: true,
    });
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(completionLinks(page).first()).toBeVisible();
    expect(await keyInStorage(page, TEST_API_KEY)).toEqual([false, true]);

    const other = await context.newPage();
    const otherRequests = recordRequests(other);
    await other.goto(`${STATIC_ORIGIN}/`);
    await expect(connectionButton(other)).toHaveAccessibleName(
      `Connection: direct to ${KEYED_API_BASE_URL}`,
    );
    await expect(completionLinks(other).first()).toBeVisible();
    await expect(panel(other)).toBeHidden();
    await expectKeyNotOnPage(other, TEST_API_KEY);
    await expectKeyOnlyInApiHeaders(otherRequests, {
      key: TEST_API_KEY,
      apiOrigin: KEYED_API_ORIGIN,
      expectAuthorized: true,
    });

    // Unticking takes the key off the device at once: back to this tab's sessionStorage.
    await connectionButton(other).click();
    await panel(other).getByLabel('Remember on this device').uncheck();
    await expect(panel(other).getByRole('status')).toContainText('for this tab only');
    expect(await keyInStorage(other, TEST_API_KEY)).toEqual([true, false]);

    // Forget key: gone from both storages and from memory; the form keeps the base URL.
    await panel(other).getByRole('button', { name: 'Forget key' }).click();
    await expect(panel(other).getByRole('status')).toContainText('Key forgotten');
    await expect(panel(other).getByLabel('API key', { exact: true })).toHaveValue('');
    await expect(panel(other).getByLabel('Base URL')).toHaveValue(KEYED_API_BASE_URL);
    expect(await keyInStorage(other, TEST_API_KEY)).toEqual([false, false]);
    await expect(connectionButton(other)).toHaveAccessibleName('Connection: not set');
    expect(await keyInStorage(page, TEST_API_KEY)).toEqual([false, false]);

    // A fresh tab now starts unconnected.
    const third = await context.newPage();
    await third.goto(`${STATIC_ORIGIN}/`);
    await expect(panel(third)).toBeVisible();
    await expect(panel(third).getByLabel('API key', { exact: true })).toHaveValue('');
  });
});

test.describe('default server: its own API', () => {
  test('the panel says it is the local demo data; no Authorization header is sent', async ({
    page,
  }) => {
    const requests = recordRequests(page);
    await page.goto('/');
    await expect(completionLinks(page).first()).toBeVisible();
    await expect(panel(page)).toBeHidden();
    const button = connectionButton(page);
    await expect(button).toHaveAccessibleName('Connection: local demo data');
    await button.click();
    await expect(panel(page)).toContainText(/Local demo data \(\d[\d,]* stored completions\)/);
    await expect(panel(page).getByRole('button', { name: 'Use the server' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(button).toBeFocused();
    await expectKeyOnlyInApiHeaders(requests, { key: TEST_API_KEY });
  });

  test('a direct connection from here, then "Use the server" switches back', async ({ page }) => {
    const requests = recordRequests(page);
    await page.goto('/');
    await connectionButton(page).click();
    await fillDirect(panel(page), { baseURL: KEYED_API_BASE_URL, apiKey: TEST_API_KEY });
    await panel(page).getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connectionButton(page)).toHaveAccessibleName(
      `Connection: direct to ${KEYED_API_BASE_URL}`,
    );
    await expect(completionLinks(page).first()).toBeVisible();
    await expectKeyOnlyInApiHeaders(requests, {
      key: TEST_API_KEY,
      apiOrigin: KEYED_API_ORIGIN,
      expectAuthorized: true,
    });

    const ownApi = `${new URL(page.url()).origin}/v1/`;
    await connectionButton(page).click();
    requests.length = 0;
    await panel(page).getByRole('button', { name: 'Use the server' }).click();
    await expect(connectionButton(page)).toHaveAccessibleName('Connection: local demo data');
    await expect(completionLinks(page).first()).toBeVisible();
    expect(requests.some((request) => request.url().startsWith(ownApi))).toBe(true);
    await expectKeyOnlyInApiHeaders(requests, { key: TEST_API_KEY });
    await expectKeyNotOnPage(page, TEST_API_KEY);

    // The choice survives a reload and a typed URL (issue 12: the page went back to direct).
    await page.reload();
    await expect(connectionButton(page)).toHaveAccessibleName('Connection: local demo data');
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    await expect(connectionButton(page)).toHaveAccessibleName('Connection: local demo data');
    await expect(page.locator('article[data-message-id]').first()).toBeVisible();
  });

  test('the test names the newest completion, and a form that no longer validates hides it', async ({
    page,
    request,
  }) => {
    const newest = await request.get(`${KEYED_API_BASE_URL}/chat/completions?limit=1&order=desc`, {
      headers: { Authorization: `Bearer ${TEST_API_KEY}` },
    });
    const newestId = (await newest.json()).data[0].id as string;
    await page.goto('/');
    await connectionButton(page).click();
    const dialog = panel(page);
    await fillDirect(dialog, { baseURL: KEYED_API_BASE_URL, apiKey: TEST_API_KEY });
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByRole('status')).toContainText(`the newest is ${newestId}`);
    await dialog.getByLabel('Base URL').fill('not a url');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect(dialog.getByText('Connected: stored completions are visible')).toHaveCount(0);
  });

  test('in direct mode an unreachable API points to the connection settings', async ({ page }) => {
    const port = await freePort();
    await page.goto('/');
    await connectionButton(page).click();
    await fillDirect(panel(page), { baseURL: `http://127.0.0.1:${port}/v1`, apiKey: TEST_API_KEY });
    await panel(page).getByRole('button', { name: 'Connect', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The API could not be reached' });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(alert).toContainText(`http://127.0.0.1:${port}/v1`);
    await expect(alert).not.toContainText('server is still running');
    await alert.getByRole('button', { name: 'Open connection settings' }).click();
    await expect(panel(page)).toBeVisible();
    await panel(page).getByRole('button', { name: 'Use the server' }).click();
  });
});
