import { expect, test, type Page } from '@playwright/test';
import { ANCHOR_FIXTURE_ID, ANCHOR_FIXTURE_TARGET } from '../server/data/anchor-fixture.ts';
import { startAnchorFixture, type AnchorFixture } from '../server/testing/anchor-fixture-server.ts';
import { DEMO_IDS } from './helpers.ts';
import { startViewerServer } from './helpers-server.ts';
import {
  installReadingPositionProbe,
  type ProbeWindow,
  type ReadingPositionReport,
} from './reading-position-probe.ts';

// A deep link into a conversation whose messages above the linked one render taller as markdown
// than as plain text (40-item lists, tables, highlighted code) and whose images arrive late:
// nothing may move the message being read, on opening and while pages load above it.
const anchorId = `${ANCHOR_FIXTURE_ID}-${ANCHOR_FIXTURE_TARGET}`;
const ANCHOR_WINDOW_MS = 3_000;

let fixture: AnchorFixture;
let server: Awaited<ReturnType<typeof startViewerServer>>;

test.beforeAll(async () => {
  fixture = await startAnchorFixture();
  server = await startViewerServer(['--data', fixture.dataFile]);
});
test.afterAll(async () => {
  await server?.stop();
  await fixture?.close();
});

const report = (page: Page) =>
  page.evaluate(() => (window as unknown as ProbeWindow).__probe.report());

async function openDeepLink(page: Page) {
  await page.addInitScript(installReadingPositionProbe, {
    anchorId,
    anchorWindowMs: ANCHOR_WINDOW_MS,
  });
  await page.goto(`${server.url}/completions/${ANCHOR_FIXTURE_ID}/messages/${anchorId}`);
  await expect(page.locator(`[data-message-id="${anchorId}"]`)).toBeInViewport();
}

test.describe('the reading position', () => {
  test('a deep-linked message holds still for 3 s after it appears, already rendered', async ({
    page,
  }) => {
    await openDeepLink(page);
    await page.waitForTimeout(ANCHOR_WINDOW_MS + 300);
    const figures: ReadingPositionReport = await report(page);
    expect(figures.anchorSeenAt).not.toBeNull();
    expect(figures.anchorSpread, JSON.stringify(figures)).toBeLessThanOrEqual(1);
    expect(figures.maxDrift, JSON.stringify(figures)).toBeLessThanOrEqual(1);
    // Rows appear in their final form: no plain text turning into markdown in view.
    expect(figures.anchorFirstSeenAsMarkdown).toBe(true);
    expect(figures.plainTextFrames).toBe(0);
    // And the linked message is where a deep link puts it: at the top of the list.
    const box = await page.locator(`[data-message-id="${anchorId}"]`).boundingBox();
    const scroller = await page.getByTestId('conversation-scroll').boundingBox();
    expect(Math.abs(box!.y - scroller!.y - 16)).toBeLessThanOrEqual(1);
    // Images were still arriving in that window (their server answers after 150-900 ms).
    expect(fixture.imageRequests()).toBeGreaterThan(0);
  });

  test('when the markdown renderer arrives after the data, rows still appear in final form', async ({
    page,
  }) => {
    // A slow network for the renderer's chunk only (the real file, held back 700 ms).
    await page.route('**/assets/render-markdown-*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await route.continue();
    });
    await openDeepLink(page);
    await page.waitForTimeout(1_500);
    const figures = await report(page);
    expect(figures.anchorFirstSeenAsMarkdown).toBe(true);
    expect(figures.plainTextFrames).toBe(0);
    expect(figures.maxDrift, JSON.stringify(figures)).toBeLessThanOrEqual(1);
  });

  test('scrolling up while pages load above moves nothing but by the scroll itself', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await openDeepLink(page);
    await page.waitForTimeout(800);
    const olderPages: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (url.includes('/messages?') && url.includes('order=desc')) olderPages.push(url);
    });
    // Up in steps, past two page boundaries (pages of 100 load 15 rows ahead of the top).
    await expect(async () => {
      await page.evaluate(() => (window as unknown as ProbeWindow).__probe.scrollBy(-600));
      expect(olderPages.length).toBeGreaterThanOrEqual(2);
    }).toPass({ timeout: 75_000, intervals: [40] });
    await page.waitForTimeout(1_000);
    const figures = await report(page);
    expect(figures.maxDrift, JSON.stringify(figures)).toBeLessThanOrEqual(1);
    expect(figures.plainTextFrames).toBe(0);
  });

  test('scrolling down and a narrower window keep the message at the top in place', async ({
    page,
  }) => {
    await openDeepLink(page);
    await page.waitForTimeout(800);
    const anchor = page.locator(`[data-message-id="${anchorId}"]`);
    const top = async () => (await anchor.boundingBox())!.y;
    const before = await top();
    // Every row above re-wraps at a new width and changes height; the message read stays.
    await page.setViewportSize({ width: 760, height: 900 });
    await page.waitForTimeout(600);
    expect(Math.abs((await top()) - before)).toBeLessThanOrEqual(1);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.waitForTimeout(600);
    expect(Math.abs((await top()) - before)).toBeLessThanOrEqual(1);
    // Down a few screens (rows below measured for the first time) and back: no drift on the way.
    await page.evaluate(() => (window as unknown as ProbeWindow).__probe.reset());
    for (let i = 0; i < 12; i++) {
      await page.evaluate(() => (window as unknown as ProbeWindow).__probe.scrollBy(250));
      await page.waitForTimeout(30);
    }
    for (let i = 0; i < 12; i++) {
      await page.evaluate(() => (window as unknown as ProbeWindow).__probe.scrollBy(-250));
      await page.waitForTimeout(30);
    }
    await page.waitForTimeout(400);
    const figures = await report(page);
    expect(figures.maxDrift, JSON.stringify(figures)).toBeLessThanOrEqual(1);
  });
});

// Issue 12: the ~5 MB image conversation opened 92 px down (its header hidden): a short list,
// wholly in view by estimate, counted as "at the end" and followed the end as rows grew.
test('a conversation opened from its start stays at its start while its rows are measured', async ({
  page,
}) => {
  await page.goto(`/completions/${DEMO_IDS.bigImage}`);
  await expect(page.getByRole('img').first()).toBeVisible({ timeout: 15_000 });
  await page.waitForTimeout(1_000);
  expect(await page.getByTestId('conversation-scroll').evaluate((el) => el.scrollTop)).toBe(0);
  await expect(page.getByText(DEMO_IDS.bigImage).first()).toBeInViewport();
});
