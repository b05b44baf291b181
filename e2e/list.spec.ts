import { expect, test, type Page } from '@playwright/test';
import { ODD_METADATA_KEY, ODD_METADATA_VALUE } from '../server/data/demo-ids.ts';
import { DEMO_IDS, fixClock } from './helpers.ts';

const listScroller = (page: Page) => page.getByTestId('completions-scroll');
const rows = (page: Page) => page.getByTestId('completion-row');

/** Every request the page makes to the list endpoint, as parsed URLs. */
function listRequests(page: Page): URL[] {
  const urls: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/v1/chat/completions') urls.push(url);
  });
  return urls;
}

test.describe('the list of stored completions', () => {
  test('loads pages of 100, newest first, to the very end as the reader scrolls', async ({
    page,
    request,
  }) => {
    const requests = listRequests(page);
    const pageSizes: number[] = [];
    page.on('response', async (response) => {
      if (new URL(response.url()).pathname !== '/v1/chat/completions') return;
      pageSizes.push(((await response.json()) as { data: unknown[] }).data.length);
    });
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    expect(requests[0]?.searchParams.get('limit')).toBe('100');
    expect(requests[0]?.searchParams.get('order')).toBe('desc');
    const oldest = (await (await request.get('/v1/chat/completions?limit=1&order=asc')).json()) as {
      data: { id: string }[];
    };
    const lastRow = page.locator(`[data-completion-id="${oldest.data[0]?.id}"]`);
    await expect(async () => {
      await listScroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(lastRow).toBeInViewport({ timeout: 250 });
    }).toPass({ timeout: 20_000 });
    expect(requests.length).toBeGreaterThanOrEqual(3);
    // Each page continues after the last id of the one before, in the same order.
    for (const url of requests.slice(1)) {
      expect(url.searchParams.get('after')).toMatch(/^chatcmpl-/);
      expect(url.searchParams.get('order')).toBe('desc');
    }
    await expect(
      page.getByRole('status').filter({ hasText: 'stored completions loaded' }),
    ).toHaveText(`${pageSizes.reduce((a, b) => a + b, 0)} stored completions loaded.`);
  });

  test('filters by model, metadata and order from the UI, in the URL and in the query sent', async ({
    page,
  }) => {
    const requests = listRequests(page);
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();

    await page.getByRole('combobox', { name: 'Model' }).fill('gpt-4o');
    await page.getByRole('combobox', { name: 'Model' }).press('Enter');
    await expect(page).toHaveURL('/?model=gpt-4o');
    await expect(rows(page).first()).toBeVisible();
    expect(requests.at(-1)?.searchParams.get('model')).toBe('gpt-4o');
    for (const model of await rows(page)
      .getByRole('button', { name: /^Filter by model/ })
      .allTextContents()) {
      expect(model).toBe('gpt-4o');
    }

    await page.getByLabel('Metadata key', { exact: true }).fill('customer');
    await page.getByLabel('Metadata value', { exact: true }).fill('acme');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page).toHaveURL('/?model=gpt-4o&metadata[customer]=acme');
    await expect(rows(page).first()).toBeVisible();
    expect(requests.at(-1)?.searchParams.get('metadata[customer]')).toBe('acme');
    for (const row of await rows(page).all()) await expect(row).toContainText('customer=acme');

    await page.getByLabel('Order', { exact: true }).selectOption('asc');
    await expect(page).toHaveURL('/?model=gpt-4o&metadata[customer]=acme&order=asc');
    await expect.poll(() => requests.at(-1)?.searchParams.get('order')).toBe('asc');

    await page.getByRole('button', { name: 'Remove filter model = gpt-4o' }).click();
    await expect(page).toHaveURL('/?metadata[customer]=acme&order=asc');
  });

  test('a link with filters opens filtered, odd keys and values intact', async ({ page }) => {
    const requests = listRequests(page);
    const key = encodeURIComponent(ODD_METADATA_KEY);
    await page.goto(`/?metadata[${key}]=${encodeURIComponent(ODD_METADATA_VALUE)}`);
    await expect(rows(page)).toHaveCount(2);
    const ids = await rows(page).evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-completion-id')),
    );
    expect(ids.sort()).toEqual([DEMO_IDS.oddMetadataA, DEMO_IDS.oddMetadataB].sort());
    expect(requests[0]?.searchParams.get(`metadata[${ODD_METADATA_KEY}]`)).toBe(ODD_METADATA_VALUE);
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(
      `${ODD_METADATA_KEY}=${ODD_METADATA_VALUE}`,
    );
  });

  test('clicking a model or a metadata chip adds it as a filter', async ({ page }) => {
    await page.goto('/');
    const row = page.locator(`[data-completion-id="${DEMO_IDS.tools}"]`);
    await page.getByLabel('Metadata key', { exact: true }).fill('feature');
    await page.getByLabel('Metadata value', { exact: true }).fill('support-bot');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await row.getByRole('button', { name: 'Filter by metadata customer = acme' }).click();
    await expect(page).toHaveURL('/?metadata[feature]=support-bot&metadata[customer]=acme');
    await row.getByRole('button', { name: /^Filter by model/ }).click();
    await expect(page).toHaveURL(/^http:\/\/[^/]+\/\?model=gpt-4\.1&metadata/);
    await expect(row).toBeVisible();
  });

  test('no match offers to clear the filters; back and forward restore each view', async ({
    page,
  }) => {
    await page.goto('/?model=gpt-4o');
    await expect(rows(page).first()).toBeVisible();
    await page.getByRole('combobox', { name: 'Model' }).fill('no-such-model');
    await page.getByRole('combobox', { name: 'Model' }).press('Enter');
    await expect(page.getByTestId('no-match')).toContainText('No stored completion matches');
    await page.goBack();
    await expect(page).toHaveURL('/?model=gpt-4o');
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-4o');
    await expect(rows(page).first()).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('no-such-model');
    await page.getByTestId('no-match').getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL('/');
    await expect(rows(page).first()).toBeVisible();
  });

  test('coming back from a completion keeps the pages loaded and the scroll position', async ({
    page,
  }) => {
    const requests = listRequests(page);
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await expect(async () => {
      await listScroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      const status = await page.getByText(/stored completions loaded/).textContent();
      expect(Number.parseInt(status ?? '0', 10)).toBeGreaterThanOrEqual(200);
    }).toPass({ timeout: 10_000 });
    await listScroller(page).evaluate((el) => el.scrollTo({ top: 120 * 76 }));
    await expect(page.locator('[data-index="125"]')).toBeVisible();
    const top = await listScroller(page).evaluate((el) => el.scrollTop);
    const target = page.locator('[data-index="125"] [data-testid="completion-row"]');
    const id = await target.getAttribute('data-completion-id');
    const before = requests.length;
    await target.click({ position: { x: 20, y: 10 } });
    await expect(page).toHaveURL(`/completions/${id}`);
    await expect(page.getByTestId('completion-header')).toBeVisible();
    await page.goBack();
    await expect(page.locator(`[data-completion-id="${id}"]`)).toBeInViewport();
    expect(await listScroller(page).evaluate((el) => el.scrollTop)).toBe(top);
    expect(requests.length).toBe(before);
    // And through the page's own link back to the list.
    await page.locator(`[data-completion-id="${id}"]`).click({ position: { x: 20, y: 10 } });
    await page.getByRole('link', { name: '← All stored completions' }).click();
    await expect(page).toHaveURL('/');
    expect(await listScroller(page).evaluate((el) => el.scrollTop)).toBe(top);
  });

  test('keyboard: arrows and j/k move between rows, Enter opens', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const focusedId = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-completion-id]')?.getAttribute('data-completion-id'),
      );
    const idAt = (index: number) =>
      page
        .locator(`[data-index="${index}"] [data-testid="completion-row"]`)
        .getAttribute('data-completion-id');
    await rows(page).first().locator('[data-main-link]').focus();
    expect(await focusedId()).toBe(await idAt(0));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focusedId()).toBe(await idAt(3));
    await page.keyboard.press('k');
    const id = await idAt(2);
    expect(await focusedId()).toBe(id);
    await page.keyboard.press('End');
    // The last loaded row (the first page holds 100).
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.activeElement?.closest('[data-index]')?.getAttribute('data-index'),
        ),
      )
      .toBe('99');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/completions/${id}`);
  });

  test('hovering or focusing a row prefetches its conversation', async ({ page }) => {
    await page.goto('/');
    const row = rows(page).nth(3);
    const id = await row.getAttribute('data-completion-id');
    const prefetched = page.waitForRequest((request) =>
      request.url().includes(`/v1/chat/completions/${id}/messages`),
    );
    await row.hover();
    await prefetched;
    // The completion itself came with the list: opening it asks only for nothing new.
    const detailRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith(`/v1/chat/completions/${id}`)) detailRequests.push(request.url());
    });
    await row.click({ position: { x: 20, y: 10 } });
    await expect(page.getByTestId('message').first()).toBeVisible();
    expect(detailRequests).toEqual([]);
  });
});

// The demo's dates are fixed and the page's clock too (helpers.ts): 2026-11-01 12:00 UTC, unless
// a test says otherwise. Only the 10,000-message conversation, created 2026-10-30 12:00 UTC.
test.describe('when, in a row', () => {
  const onlyLong = '/?metadata[user_id]=user_l0ngS3ss';
  const longRow = (page: Page) =>
    page.locator(`[data-testid="completion-row"][data-completion-id="${DEMO_IDS.long}"]`);
  /** The relative time, the short date and time, the exact one (in the DOM's order). */
  const times = (page: Page) => {
    const spans = longRow(page).locator('time > span');
    return { relative: spans.nth(0), short: spans.nth(1), exact: spans.nth(2) };
  };

  test('a short date and time, and how long ago beside it; the exact time on hover', async ({
    page,
  }) => {
    await fixClock(page);
    await page.goto(onlyLong);
    const { relative, short, exact } = times(page);
    await expect(short).toHaveText('Oct 30, 12:00 PM');
    await expect(relative).toHaveText('2 days ago');
    await expect(short).toBeVisible();
    await expect(relative).toBeVisible();
    await expect(exact).toBeHidden();
    const [shortBox, relativeBox] = [await short.boundingBox(), await relative.boundingBox()];
    expect(relativeBox!.x).toBeGreaterThanOrEqual(shortBox!.x + shortBox!.width);
    expect(Math.abs(relativeBox!.y - shortBox!.y)).toBeLessThan(4);

    await longRow(page).hover();
    await expect(exact).toHaveText('Oct 30, 2026, 12:00:00 PM GMT+0');
    await expect(exact).toBeVisible();
    await expect(short).toBeHidden();
  });

  test('the year when it is not the current one', async ({ page }) => {
    await fixClock(page, '2031-06-01T00:00:00Z');
    await page.goto(onlyLong);
    const { relative, short } = times(page);
    await expect(short).toHaveText('Oct 30, 2026, 12:00 PM');
    await expect(relative).toHaveText('5 years ago');
  });

  test.describe('for a German reader in Tokyo', () => {
    test.use({ locale: 'de-DE', timezoneId: 'Asia/Tokyo' });

    test('in German, in Tokyo time, once the formatters are made', async ({ page }) => {
      await fixClock(page);
      await page.goto(onlyLong);
      const { relative, short } = times(page);
      await expect(short).toHaveText('30. Okt., 21:00');
      await expect(relative).toHaveText('vorgestern');
    });
  });
});
