import { expect, test, type Page } from '@playwright/test';
import { FUZZ_COOKIE, startFuzzServer, type FuzzServer } from './fuzz/fuzz-server.ts';
import { fuzzWorld } from './fuzz/generator.ts';
import { DEMO_IDS } from './helpers.ts';
import {
  KEYED_API_BASE_URL,
  KEYED_API_ORIGIN,
  STATIC_ORIGIN,
  TEST_API_KEY,
} from './helpers-connection.ts';
import { E2E_STATIC_DIR } from './helpers-server.ts';

// A conversation URL's page starts its API requests itself (server/index-page.ts,
// src/app/early-requests.ts): all of them at once, each asked once, the app taking the answers.

/** Every API request the page makes (path and query as sent), in order. */
function apiRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/v1/')) urls.push(url.pathname + url.search);
  });
  return urls;
}

/** The API requests' times in the page (Resource Timing), from navigation start. */
function apiTimings(page: Page) {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => new URL(entry.name).pathname.startsWith('/v1/'))
      .map((entry) => ({ url: entry.name, start: entry.startTime, end: entry.responseEnd })),
  );
}

const anchored = (page: Page, id: string) =>
  page.locator(`[data-message-id="${id.replace(/["\\]/g, '\\$&')}"]`);

test.describe('the requests of a conversation URL', () => {
  // Every answer of this completion takes LATENCY ms (server/testing/faults.ts): one after the
  // other would take twice that or more.
  const LATENCY = 1500;
  const id = `fault_latency_${LATENCY}`;

  test('a deep link: completion, page before and page from it, in flight at once, each once', async ({
    page,
  }) => {
    const requests = apiRequests(page);
    await page.goto(`/completions/${id}/messages/${id}-3`);
    const linked = anchored(page, `${id}-3`);
    await expect(linked).toHaveAttribute('aria-current', 'true', { timeout: 3 * LATENCY });
    await expect(linked).toBeInViewport();
    await page.waitForTimeout(500);
    expect(requests).toEqual([
      `/v1/chat/completions/${id}`,
      `/v1/chat/completions/${id}/messages?after=${id}-3&limit=100&order=desc`,
      `/v1/chat/completions/${id}/messages?after=${id}-2&limit=100&order=asc`,
    ]);
    const timings = await apiTimings(page);
    expect(timings).toHaveLength(3);
    // Each started before any of them was answered.
    const lastStart = Math.max(...timings.map((t) => t.start));
    const firstEnd = Math.min(...timings.map((t) => t.end));
    expect(lastStart).toBeLessThan(firstEnd);
    // One round trip for all three: two one after the other would take 2 × LATENCY at least.
    const lastEnd = Math.max(...timings.map((t) => t.end));
    const firstStart = Math.min(...timings.map((t) => t.start));
    expect(lastEnd - firstStart).toBeLessThan(2 * LATENCY);
  });

  test('a conversation from its start: the completion and the first page at once', async ({
    page,
  }) => {
    const requests = apiRequests(page);
    await page.goto(`/completions/${id}`);
    await expect(anchored(page, `${id}-0`)).toBeVisible({ timeout: 3 * LATENCY });
    await page.waitForTimeout(500);
    expect(requests).toEqual([
      `/v1/chat/completions/${id}`,
      `/v1/chat/completions/${id}/messages?limit=100&order=asc`,
    ]);
    const timings = await apiTimings(page);
    expect(Math.max(...timings.map((t) => t.start))).toBeLessThan(
      Math.min(...timings.map((t) => t.end)),
    );
  });

  test('the 10,000-message conversation at message 7,000: three requests, each once', async ({
    page,
  }) => {
    const requests = apiRequests(page);
    const target = `${DEMO_IDS.long}-7000`;
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${target}`);
    await expect(anchored(page, target)).toHaveAttribute('aria-current', 'true');
    await page.waitForTimeout(500);
    expect(requests).toEqual([
      `/v1/chat/completions/${DEMO_IDS.long}`,
      `/v1/chat/completions/${DEMO_IDS.long}/messages?after=${target}&limit=100&order=desc`,
      `/v1/chat/completions/${DEMO_IDS.long}/messages?after=${DEMO_IDS.long}-6999&limit=100&order=asc`,
    ]);
  });

  test('an unknown message: "not found" from the early answers, nothing asked twice', async ({
    page,
  }) => {
    const requests = apiRequests(page);
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-99999`);
    await expect(page.getByRole('heading', { name: 'Message not found' })).toBeVisible();
    await page.waitForTimeout(500);
    expect(new Set(requests).size).toBe(requests.length);
    expect(requests).toHaveLength(3);
  });
});

test.describe('where the early start must not ask the server', () => {
  test('a direct connection saved in this tab: nothing goes to the server’s /v1', async ({
    page,
  }) => {
    await page.addInitScript(
      ([baseURL, apiKey]) =>
        sessionStorage.setItem(
          'stored-completions-viewer.direct-connection',
          JSON.stringify({ baseURL, apiKey }),
        ),
      [KEYED_API_BASE_URL, TEST_API_KEY],
    );
    const origins: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/v1/')) origins.push(url.origin);
    });
    const target = `${DEMO_IDS.long}-7000`;
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${target}`);
    // The page does start early where it can: the server can't know about this tab's key.
    expect(await page.content()).toContain('early-requests');
    await expect(anchored(page, target)).toHaveAttribute('aria-current', 'true');
    expect(origins.length).toBeGreaterThan(0);
    expect(new Set(origins)).toEqual(new Set([KEYED_API_ORIGIN]));
  });

  test('a static-only host serves the page as built, with no early start', async ({ page }) => {
    const requests = apiRequests(page);
    const response = await page.goto(
      `${STATIC_ORIGIN}/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-7000`,
    );
    const html = await response!.text();
    expect(html).not.toContain('early-requests');
    expect(html).not.toContain('conversation-page');
    await expect(page.getByRole('dialog', { name: 'Connection' })).toBeVisible();
    await page.waitForTimeout(500);
    // Only the app's own first requests (404 here, until a direct connection is set up).
    expect(requests).toHaveLength(3);
    expect(new Set(requests).size).toBe(3);
  });
});

test.describe('odd ids (the fuzz data), through the early start', () => {
  let server: FuzzServer;
  test.beforeAll(async () => {
    server = await startFuzzServer({ port: 0, staticDir: E2E_STATIC_DIR });
  });
  test.afterAll(async () => {
    await server?.close();
  });

  /** Every message id of the world's open conversation, in order. */
  function messageIds(seed: number): string[] {
    const world = fuzzWorld('odd-ids', seed);
    const ids: string[] = [];
    for (let after: string | undefined, i = 0; i < 20; i++) {
      const page = world.listMessages(world.openId, { after, order: 'asc' }).body as {
        data: { id: string }[];
        has_more: boolean;
      };
      ids.push(...page.data.map((message) => message.id));
      if (!page.has_more) break;
      after = ids.at(-1);
    }
    return ids;
  }

  const path = (completionId: string, messageId: string) =>
    `/completions/${encodeURIComponent(completionId)}/messages/${encodeURIComponent(messageId)}`;
  const messages = (completionId: string, query: string) =>
    `/v1/chat/completions/${encodeURIComponent(completionId)}/messages?${query}`;
  const q = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: ids of the form open with the three requests, each once`, async ({
      page,
      context,
    }) => {
      await context.addCookies([{ name: FUZZ_COOKIE, value: `odd-ids.${seed}`, url: server.url }]);
      const { openId } = fuzzWorld('odd-ids', seed);
      const ids = messageIds(seed);
      // "<id>-7" follows "<id>-6" (every third message has an odd id of its own).
      expect(ids[6]).toBe(`${openId}-6`);
      const requests = apiRequests(page);
      await page.goto(server.url + path(openId, ids[7]!));
      await expect(anchored(page, ids[7]!)).toHaveAttribute('aria-current', 'true');
      await page.waitForTimeout(500);
      expect(requests.slice(0, 3)).toEqual([
        `/v1/chat/completions/${encodeURIComponent(openId)}`,
        messages(openId, `after=${q(ids[7]!)}&limit=100&order=desc`),
        messages(openId, `after=${q(ids[6]!)}&limit=100&order=asc`),
      ]);
      expect(new Set(requests).size).toBe(requests.length);
    });
  }

  test('ids not of the form, or whose message before is another: the deep link still opens', async ({
    page,
    context,
  }) => {
    await context.addCookies([{ name: FUZZ_COOKIE, value: 'odd-ids.1', url: server.url }]);
    const { openId } = fuzzWorld('odd-ids', 1);
    const ids = messageIds(1);
    const odd = ids[5]!;
    expect(odd.startsWith(openId)).toBe(false);

    // "<id>-6" has the form, but the message before it is the odd one: the guess is checked
    // against the page before, and the page from it asked again with the right cursor.
    let requests = apiRequests(page);
    await page.goto(server.url + path(openId, ids[6]!));
    await expect(anchored(page, ids[6]!)).toHaveAttribute('aria-current', 'true');
    await expect(anchored(page, ids[6]!)).toBeInViewport();
    await page.waitForTimeout(500);
    expect(requests).toContain(messages(openId, `after=${q(`${openId}-5`)}&limit=100&order=asc`));
    expect(requests).toContain(messages(openId, `after=${q(odd)}&limit=100&order=asc`));
    expect(new Set(requests).size).toBe(requests.length);

    // An odd id: the page before, then the page from it.
    requests = apiRequests(await page.context().newPage());
    const other = page.context().pages().at(-1)!;
    await other.goto(server.url + path(openId, odd));
    await expect(anchored(other, odd)).toHaveAttribute('aria-current', 'true');
    await other.waitForTimeout(500);
    expect(requests.slice(0, 3)).toEqual([
      `/v1/chat/completions/${encodeURIComponent(openId)}`,
      messages(openId, `after=${q(odd)}&limit=100&order=desc`),
      messages(openId, `after=${q(ids[4]!)}&limit=100&order=asc`),
    ]);
    expect(new Set(requests).size).toBe(requests.length);
  });
});
