import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { FUZZ_COOKIE, startFuzzServer, type FuzzServer } from './fuzz/fuzz-server.ts';
import { FAMILIES, LIST_PAGE_SIZE, MESSAGES_PAGE_SIZE, fuzzWorld } from './fuzz/generator.ts';
import { E2E_STATIC_DIR } from './helpers-server.ts';

/** A CSS attribute selector for any value (quotes and backslashes escaped). */
const withAttribute = (name: string, value: string) =>
  `[${name}="${value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"]`;

// Schema fuzzing in Chromium: for each family of strange answers and several seeds, a real
// HTTP server (e2e/fuzz/fuzz-server.ts) answers the viewer's reads from the seeded generator,
// and the list, a conversation and a deep link must each show something, settle (no endless
// fetching), throw nothing, and show broken items as error cards in place.

const SEEDS = [1, 2, 3];
/** E2E_FUZZ_PORT: first port of a range (one server per parallel worker); unset: any free port. */
const basePort = Number(process.env.E2E_FUZZ_PORT ?? 0);
const staticDir = E2E_STATIC_DIR;

let server: FuzzServer;

/**
 * One browser context per worker, a fresh pair of tabs per test: the viewer's hashed assets
 * come from the HTTP cache after the first test (each tab still starts with an empty query
 * cache and session storage). The world is chosen per test by the cookie.
 */
const test = base.extend<object, { fuzzContext: BrowserContext }>({
  fuzzContext: [
    async ({ browser }, use) => {
      const context = await browser.newContext();
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
});

test.beforeAll(async () => {
  const { parallelIndex } = test.info();
  server = await startFuzzServer({
    port: basePort === 0 ? 0 : basePort + parallelIndex,
    staticDir,
  });
});

test.afterAll(async () => {
  await server?.close();
});

/** Every request to the API, by path and query. */
function recordApiRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/v1/')) urls.push(url.pathname + url.search);
  });
  return urls;
}

/**
 * Waits for a quiet half second (no API request started), within 15 s: a page that keeps
 * paging never gets one. Then the requests since `from` must be fewer than `max`.
 */
async function expectFetchingSettles(page: Page, requests: string[], from: number, max: number) {
  await expect
    .poll(
      async () => {
        const before = requests.length;
        await page.waitForTimeout(500);
        return requests.length === before;
      },
      { message: 'API requests never stopped', timeout: 15_000, intervals: [0] },
    )
    .toBe(true);
  expect(requests.length - from, `API requests: ${requests.slice(from).join('\n')}`).toBeLessThan(
    max,
  );
}

/** What the list page shows when it is done: rows, an error card, or an empty state. */
const LIST_CONTENT = [
  '[data-testid="completion-row"]',
  '[role="alert"]',
  '[data-testid="no-completions"]',
  '[data-testid="no-match"]',
].join(', ');
const CONVERSATION_CONTENT = [
  '[data-testid="message"]',
  '[data-testid="broken-message"]',
  '[data-testid="empty-conversation"]',
  '[role="alert"]',
].join(', ');

async function expectNotBlank(page: Page, content: string) {
  await expect(page.locator(content).first()).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('[data-testid="skeleton"]')).toHaveCount(0);
  // A view that threw is contained to its card (render-boundary.tsx), but is a bug all the same.
  await expect(page.locator('[data-render-error]')).toHaveCount(0);
  const text = await page.locator('#root').innerText();
  expect(text.trim().length).toBeGreaterThan(0);
}

/** Rows of a virtualized list never overlap (a wrong size or a duplicate key would). */
async function expectRowsDoNotOverlap(page: Page, scrollerTestId: string) {
  const overlaps = await page.getByTestId(scrollerTestId).evaluate((scroller) => {
    const rows = [...scroller.querySelectorAll<HTMLElement>(':scope [data-index]')]
      .filter((row) => row.parentElement?.closest('[data-index]') === null)
      .map((row) => {
        const box = row.getBoundingClientRect();
        return { index: Number(row.dataset.index), top: box.top, bottom: box.bottom };
      })
      .sort((a, b) => a.index - b.index);
    const found: string[] = [];
    for (let i = 1; i < rows.length; i++) {
      const [previous, row] = [rows[i - 1]!, rows[i]!];
      if (row.index === previous.index) found.push(`row ${row.index} rendered twice`);
      else if (row.top < previous.bottom - 1)
        found.push(
          `row ${row.index} starts ${previous.bottom - row.top}px inside ${previous.index}`,
        );
    }
    return found;
  });
  expect(overlaps).toEqual([]);
}

/** Records the uncaught errors and the API requests of a tab. */
function watch(page: Page) {
  const uncaught: string[] = [];
  page.on('pageerror', (error) => uncaught.push(`${error.name}: ${error.message}`));
  return { page, uncaught, requests: recordApiRequests(page) };
}

type Tab = ReturnType<typeof watch>;
type World = ReturnType<typeof fuzzWorld>;

const conversationPath = (world: World) => `/completions/${encodeURIComponent(world.openId)}`;

/** The list settles on rows, an error card or the empty state, after a bounded walk. */
async function checkList(tab: Tab, world: World, wrongVariant: number | null) {
  const { page, requests } = tab;
  await page.goto(`${server.url}/`);
  await expectNotBlank(page, LIST_CONTENT);
  // Its pages (plus an empty or repeated one), and nothing more.
  await expectFetchingSettles(page, requests, 0, Math.ceil(world.listedCount / LIST_PAGE_SIZE) + 3);
  if (wrongVariant === 0) {
    await expect(page.getByRole('alert')).toContainText('could not be read');
  } else if (world.openIdListed) {
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    await expectRowsDoNotOverlap(page, 'completions-scroll');
    if (wrongVariant === 1) {
      // Elements that are no completion at all stay in the list, as error rows.
      await expect(page.getByTestId('broken-completion').first()).toBeVisible();
    }
  } else {
    await expect(page.getByTestId('no-completions')).toBeVisible();
  }
}

/** Follows the row's own link: the id makes the round trip through URL, API path and answer. */
async function openFromList(page: Page, world: World) {
  await page
    .locator(`${withAttribute('data-completion-id', world.openId)} [data-main-link]`)
    .first()
    .click({ position: { x: 4, y: 4 } });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(world.openId);
}

/**
 * Opens everything the header's Request section can show: its details, each schema and the
 * predicted output (a few), and the completion's JSON. None of it may fail to render.
 */
async function openRequestSection(page: Page) {
  const section = page.getByTestId('request-section');
  await section.getByRole('button', { name: 'Request details' }).click();
  await expect(section.getByTestId('request-details')).toBeVisible();
  const toggles = section.getByRole('button', {
    name: /^Show (schema|parameters|format|prediction) of /,
  });
  const count = Math.min(await toggles.count(), 6);
  // Each click turns "Show …" into "Hide …": the next one is first again.
  for (let i = 0; i < count; i++) await toggles.first().click();
  await section.getByRole('button', { name: 'Completion JSON' }).click();
  await expect(section.getByLabel('Completion as received', { exact: true })).toBeVisible();
  await expect(page.locator('[data-render-error]')).toHaveCount(0);
}

async function checkConversation(
  tab: Tab,
  world: World,
  family: (typeof FAMILIES)[number],
  wrongVariant: number | null,
) {
  const { page, requests } = tab;
  if (world.openId.includes('/')) {
    // A path with an encoded "/" is refused by the static server (reported), so go through the
    // list's link instead.
    await page.goto(`${server.url}/`);
    await openFromList(page, world);
  } else {
    await page.goto(server.url + conversationPath(world));
  }
  await expectNotBlank(page, CONVERSATION_CONTENT);
  if (wrongVariant !== 0) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(world.openId);
    await openRequestSection(page);
  }
  await page
    .getByTestId('conversation-scroll')
    .evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  // Its pages of messages, the completion, a list page or two: bounded.
  const messagePages = Math.ceil(world.openMessageCount / MESSAGES_PAGE_SIZE);
  await expectFetchingSettles(page, requests, 0, messagePages + 6);
  if (family.schemaValid) {
    // Nothing the spec allows may be shown as unreadable.
    await expect(page.getByTestId('broken-message')).toHaveCount(0);
  }
  if (wrongVariant === 1) {
    await expect(page.getByTestId('broken-message').first()).toBeVisible();
  } else if (wrongVariant !== null) {
    await expect(page.getByRole('alert')).toContainText('could not be read');
  }
  if (wrongVariant === null || wrongVariant === 1) {
    await expectRowsDoNotOverlap(page, 'conversation-scroll');
  }

  // A deep link to a message on the second page: the page before it and the page from it.
  if (world.deepLinkMessageId !== null) {
    const from = requests.length;
    const messageId = world.deepLinkMessageId;
    await page.goto(
      `${server.url}${conversationPath(world)}/messages/${encodeURIComponent(messageId)}`,
    );
    const linked = page.locator(withAttribute('data-message-id', messageId));
    await expect(linked).toHaveAttribute('aria-current', 'true', { timeout: 10_000 });
    await expect(linked).toBeInViewport();
    await expectFetchingSettles(page, requests, from, messagePages + 5);
  }
}

for (const family of FAMILIES) {
  test.describe(`fuzz family ${family.name}`, () => {
    for (const seed of SEEDS) {
      test(`seed ${seed}: list, conversation and deep link settle with no uncaught error`, async ({
        fuzzContext: context,
      }) => {
        // Megabytes of text, arguments and data URLs take their time to lay out.
        test.slow(family.name === 'huge-strings');
        const world = fuzzWorld(family.name, seed);
        const wrongVariant = family.name === 'wrong-types' ? seed % 3 : null;
        await context.addCookies([
          { name: FUZZ_COOKIE, value: `${family.name}.${seed}`, url: server.url },
        ]);
        // Two tabs side by side: the list stays open (and watched) while the conversation runs.
        const page = await context.newPage();
        const list = watch(page);
        const conversation = watch(await context.newPage());
        await Promise.all([
          checkList(list, world, wrongVariant),
          checkConversation(conversation, world, family, wrongVariant),
        ]);

        // Both stay settled: no request at all for another second (the list has been idle
        // for the whole conversation check already).
        const settled = [list.requests.length, conversation.requests.length];
        await page.waitForTimeout(1_000);
        expect(list.requests.slice(settled[0])).toEqual([]);
        expect(conversation.requests.slice(settled[1])).toEqual([]);

        for (const tab of [list, conversation]) {
          await expect(tab.page.locator('[data-render-error]')).toHaveCount(0);
        }
        // Odd ids also go through the row's own link (its href's encoding).
        if (family.name === 'odd-ids') await openFromList(page, world);
        expect([...list.uncaught, ...conversation.uncaught]).toEqual([]);
        await Promise.all([list.page.close(), conversation.page.close()]);
      });
    }
  });
}
