// The measurements `npm run bench` makes, one function per scenario. Each opens fresh browser
// contexts on the real server and the production build.
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { DEMO_IDS, HOSTILE_BIG_CODE_LINES } from '../server/data/demo-ids.ts';
import { gzipBytesOf } from './bundle-size.ts';
import {
  domElements,
  firstMessageMs,
  heapMB,
  instrumentation,
  measureScroll,
  type ScrollFigures,
} from './measure.ts';

export const SCROLL = { pxPerFrame: 60, frames: 600 };
export const VIEWPORT = { width: 1280, height: 900 };

export interface VariantFigures {
  firstMessageMs: number;
  allLoadedMs: number;
  domAt100: number | null;
  /** Same scroll position as domAt100, every page loaded. */
  domAtAll: number;
  /** The middle of the whole conversation, every page loaded. */
  domAtMiddle: number;
  heapMB: number;
  scroll: ScrollFigures;
  /** Gzipped JS the browser loaded to show the conversation (entry and lazy chunks). */
  routeJsGzipBytes: number | null;
}

/** A fresh, instrumented page, navigated to `url`, once its first message is in the DOM. */
export async function open(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // tsx keeps function names with a `__name` helper that page.evaluate'd code lacks.
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.addInitScript(instrumentation);
  const cdp = await context.newCDPSession(page);
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(new URL(response.url()).pathname);
  });
  const started = Date.now();
  await page.goto(url);
  const first = await firstMessageMs(page);
  return { context, page, cdp, started, first, scripts };
}

export const RUNS = 5;
/** Fresh loads for the deep-linked scroll of the scale scenario (the median one counts). */
const SCROLL_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Median time to the first message over fresh contexts. */
export async function medianFirstMessageMs(
  browser: Browser,
  url: string,
  runs = RUNS,
): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const { context, first } = await open(browser, url);
    times.push(first);
    await context.close();
  }
  return median(times);
}

/** The app on the 10,000-message conversation: from the first page to every page loaded. */
export async function measureVirtualized(
  browser: Browser,
  origin: string,
  distDir: string,
  /** Measured already (bench/opening.ts), the same way. */
  firstMessage?: number,
): Promise<VariantFigures> {
  const url = `${origin}/completions/${DEMO_IDS.long}`;
  const first = firstMessage ?? (await medianFirstMessageMs(browser, url));
  const { context, page, cdp, started, scripts } = await open(browser, url);
  const routeScripts = [...scripts];
  const scroller = page.getByTestId('conversation-scroll');

  // 100 messages loaded: the middle of the first page.
  await page.waitForTimeout(500);
  const samplePosition = await scroller.evaluate((el) => {
    el.scrollTo({ top: el.scrollHeight / 2 });
    return el.scrollTop;
  });
  await page.waitForTimeout(300);
  const domAt100 = await domElements(page);

  // Every page loaded: scroll to the end until the answer shows.
  const answer = page.getByRole('heading', { name: /^Answer/ });
  while (!(await answer.isVisible())) {
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForTimeout(30);
    if (Date.now() - started > 180_000) throw new Error('The conversation did not finish loading.');
  }
  const allLoadedMs = Date.now() - started;
  // The same view as before, now with 100 times as many messages loaded.
  await scroller.evaluate((el, top) => el.scrollTo({ top }), samplePosition);
  await page.waitForTimeout(300);
  const domAtAll = await domElements(page);
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await page.waitForTimeout(300);
  const domAtMiddle = await domElements(page);
  const heap = await heapMB(cdp);
  const height = await scroller.evaluate((el) => el.scrollHeight);
  const scroll = await measureScroll(page, { from: height / 2, ...SCROLL });
  await context.close();
  return {
    firstMessageMs: first,
    allLoadedMs,
    domAt100,
    domAtAll,
    domAtMiddle,
    heapMB: heap,
    scroll,
    routeJsGzipBytes: gzipBytesOf(distDir, routeScripts),
  };
}

/** A plain render of every message (bench/baseline), measured the same way. */
export async function measureBaseline(browser: Browser, origin: string): Promise<VariantFigures> {
  const url = `${origin}/__bench/index.html?id=${DEMO_IDS.long}`;
  const first = await medianFirstMessageMs(browser, url);
  const { context, page, cdp, started } = await open(browser, url);
  await page.getByTestId('all-loaded').waitFor({ timeout: 300_000 });
  const allLoadedMs = Date.now() - started;
  const domAtAll = await domElements(page);
  const heap = await heapMB(cdp);
  const height = await page.getByTestId('conversation-scroll').evaluate((el) => el.scrollHeight);
  const scroll = await measureScroll(page, { from: height / 2, ...SCROLL });
  await context.close();
  return {
    firstMessageMs: first,
    allLoadedMs,
    domAt100: null,
    domAtAll,
    domAtMiddle: domAtAll,
    heapMB: heap,
    scroll,
    routeJsGzipBytes: null,
  };
}

/**
 * Resolves once the message is highlighted (selected), its top is inside the viewport, and it is
 * shown (the conversation keeps a deep-linked view transparent until the message has settled).
 */
export async function messageInViewAt(page: Page, id: string) {
  return page.evaluate(
    (target) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const el = document.querySelector(`[data-message-id="${target}"][aria-current="true"]`);
          const box = el?.getBoundingClientRect();
          const shown = el?.checkVisibility({ opacityProperty: true, visibilityProperty: true });
          if (box && shown && box.top >= 0 && box.top < window.innerHeight)
            resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      }),
    id,
  );
}

/** Median time from navigation to the deep-linked message in view (and highlighted). */
export async function measureDeepLink(
  browser: Browser,
  origin: string,
  completionId: string,
  index: number,
  runs = RUNS,
): Promise<number> {
  const target = `${completionId}-${index}`;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.goto(`${origin}/completions/${completionId}/messages/${target}`);
    times.push(await messageInViewAt(page, target));
    await context.close();
  }
  return median(times);
}

export interface ScaleFigures {
  messages: number;
  firstMessageMs: number;
  deepLinkIndex: number;
  deepLinkMs: number;
  /** Elements in the DOM, deep-linked view. */
  domInView: number;
  /** Scrolling through the deep-linked region (pages load on both sides meanwhile). */
  scroll: ScrollFigures;
  heapMB: number;
}

/**
 * The same procedure for any conversation size, so sizes compare: first message, a deep link
 * to 90% of the way in, then scrolling there while pages load in both directions.
 */
export async function measureScale(
  browser: Browser,
  origin: string,
  completionId: string,
  messages: number,
): Promise<ScaleFigures> {
  const deepLinkIndex = Math.floor(messages * 0.9);
  const firstMs = await medianFirstMessageMs(browser, `${origin}/completions/${completionId}`, 3);
  const deepLinkMs = await measureDeepLink(browser, origin, completionId, deepLinkIndex, 3);
  const target = `${completionId}-${deepLinkIndex}`;
  // Scrolling there while pages load is the noisiest figure: three fresh loads, the median one.
  const runs: { domInView: number; scroll: ScrollFigures; heap: number }[] = [];
  for (let run = 0; run < SCROLL_RUNS; run++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(instrumentation);
    const cdp = await context.newCDPSession(page);
    await page.goto(`${origin}/completions/${completionId}/messages/${target}`);
    await messageInViewAt(page, target);
    await page.waitForTimeout(500);
    const domInView = await domElements(page);
    const from = await page
      .getByTestId('conversation-scroll')
      .evaluate((el) => el.scrollTop as number);
    const scroll = await measureScroll(page, { from, ...SCROLL });
    const heap = await heapMB(cdp);
    await context.close();
    runs.push({ domInView, scroll, heap });
  }
  runs.sort((a, b) => a.scroll.p95 - b.scroll.p95);
  const { domInView, scroll, heap } = runs[Math.floor(runs.length / 2)]!;
  return {
    messages,
    firstMessageMs: firstMs,
    deepLinkIndex,
    deepLinkMs,
    domInView,
    scroll,
    heapMB: heap,
  };
}

/**
 * The ~5 MB data-URL image: long tasks while it loads, i.e. from the first byte of the answer that
 * holds it (the messages page) until the image is decoded and shown. Also reported: long tasks
 * from the moment the page shows the completion (which includes the conversation's first mount,
 * before the image's bytes exist), for comparison.
 */
export async function measureBigImage(browser: Browser, origin: string) {
  const runs: {
    shownMs: number;
    longTasks: number;
    longestTaskMs: number;
    sinceHeaderLongTasks: number;
    sinceHeaderLongestTaskMs: number;
  }[] = [];
  for (let run = 0; run < 5; run++) {
    const { context, page } = await open(browser, `${origin}/completions/${DEMO_IDS.bigImage}`);
    const img = page
      .getByTestId('image-part')
      .getByRole('img', { name: /Image part/ })
      .first();
    await img.waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (el) =>
        (el as HTMLImageElement | null)?.complete &&
        ((el as HTMLImageElement).naturalWidth ?? 0) > 0,
      await img.elementHandle(),
      { timeout: 30_000 },
    );
    const shownAt = await page.evaluate(() => performance.now());
    await page.waitForTimeout(200);
    const { sinceData, sinceHeader } = await page.evaluate((shown) => {
      const bench = (
        window as unknown as {
          __bench: { headerAt: number | null; longTasks: { start: number; duration: number }[] };
        }
      ).__bench;
      const messages = performance
        .getEntriesByType('resource')
        .find((entry) => new URL(entry.name).pathname.endsWith('/messages')) as
        PerformanceResourceTiming | undefined;
      const dataAt = messages?.responseStart ?? 0;
      const within = (from: number) =>
        bench.longTasks
          .filter((task) => task.start + task.duration >= from && task.start <= shown)
          .map((task) => task.duration);
      return { sinceData: within(dataAt), sinceHeader: within(bench.headerAt ?? 0) };
    }, shownAt);
    await context.close();
    runs.push({
      shownMs: shownAt,
      longTasks: sinceData.length,
      longestTaskMs: Math.max(0, ...sinceData),
      sinceHeaderLongTasks: sinceHeader.length,
      sinceHeaderLongestTaskMs: Math.max(0, ...sinceHeader),
    });
  }
  // The median run by its longest task.
  runs.sort((a, b) => a.longestTaskMs - b.longestTaskMs);
  return runs[Math.floor(runs.length / 2)]!;
}

/**
 * A message holding a 2,000-line fenced code block, deep-linked. Texts that long open as stored
 * (head and tail, plain); "Show all" renders the markdown: time from that click to the block on
 * screen, and to its highlighting, and the longest task meanwhile.
 */
export async function measureCodeBlock(browser: Browser, origin: string) {
  const page0 = await (
    await fetch(`${origin}/v1/chat/completions/${DEMO_IDS.hostile}/messages?limit=100`)
  ).json();
  const message = (page0 as { data: { id: string; content?: unknown }[] }).data.find(
    (m) => typeof m.content === 'string' && m.content.split('\n').length > HOSTILE_BIG_CODE_LINES,
  );
  if (!message) throw new Error('The demo conversation has no 2,000-line code block.');
  const runs: { plainMs: number; highlightedMs: number; longestTaskMs: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(instrumentation);
    await page.goto(`${origin}/completions/${DEMO_IDS.hostile}/messages/${message.id}`);
    const card = page.locator(`[data-message-id="${message.id}"]`);
    await card.getByRole('button', { name: 'Show all' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    const figures = await page.evaluate(
      (id) =>
        new Promise<{ plainMs: number; highlightedMs: number; clickedAt: number }>(
          (resolve, reject) => {
            const card = document.querySelector(`[data-message-id="${id}"]`);
            const button = [...(card?.querySelectorAll('button') ?? [])].find(
              (b) => b.textContent === 'Show all',
            );
            if (!button) return reject(new Error('no Show all button'));
            const clickedAt = performance.now();
            button.click();
            let plainAt = 0;
            const check = () => {
              const now = performance.now();
              const code = document.querySelector(`[data-message-id="${id}"] pre code`);
              if (code && !plainAt) plainAt = now;
              if (document.querySelector(`[data-message-id="${id}"] [data-highlighted="true"]`))
                resolve({
                  plainMs: plainAt - clickedAt,
                  highlightedMs: now - clickedAt,
                  clickedAt,
                });
              else if (now - clickedAt > 20_000) reject(new Error('not highlighted in 20 s'));
              else requestAnimationFrame(check);
            };
            requestAnimationFrame(check);
          },
        ),
      message.id,
    );
    await page.waitForTimeout(300);
    const longest = await page.evaluate((since) => {
      const bench = (
        window as unknown as { __bench: { longTasks: { start: number; duration: number }[] } }
      ).__bench;
      const after = bench.longTasks.filter((task) => task.start + task.duration >= since);
      return Math.max(0, ...after.map((task) => task.duration));
    }, figures.clickedAt);
    runs.push({
      plainMs: figures.plainMs,
      highlightedMs: figures.highlightedMs,
      longestTaskMs: longest,
    });
    await context.close();
  }
  runs.sort((a, b) => a.highlightedMs - b.highlightedMs);
  return runs[1] ?? runs[0]!;
}

export const distDirOf = (root: string) => join(root, 'dist');
