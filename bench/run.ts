// `npm run bench`: opens the 10,000-message demo conversation in Chromium, in the real view and
// in a plain non-virtualized render of the same messages (the baseline, measured in the same
// run), and prints time to first message, DOM size, JS heap, scroll frame times and long tasks,
// and the initial JS size. Figures go to bench/results/latest.json as well.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { DEMO_IDS, LONG_MESSAGE_COUNT } from '../server/data/demo-ids.ts';
import { startServer } from '../server/main.ts';
import { gzipBytesOf, initialJsGzipBytes } from './bundle-size.ts';
import {
  domElements,
  firstMessageMs,
  heapMB,
  instrumentation,
  measureScroll,
  type ScrollFigures,
} from './measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCROLL = { pxPerFrame: 60, frames: 600 };

interface VariantFigures {
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

function buildBaseline() {
  const result = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building the baseline page failed.');
}

/** A fresh, instrumented page, navigated to `url`, once its first message is in the DOM. */
async function open(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
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

const FIRST_MESSAGE_RUNS = 5;

/** Median time to the first message over fresh contexts (the first one warms Chromium's caches). */
async function medianFirstMessageMs(browser: Browser, url: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < FIRST_MESSAGE_RUNS; run++) {
    const { context, first } = await open(browser, url);
    times.push(first);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function measureVirtualized(browser: Browser, origin: string): Promise<VariantFigures> {
  const url = `${origin}/completions/${DEMO_IDS.long}`;
  const first = await medianFirstMessageMs(browser, url);
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
  const count = await page.evaluate(
    () => document.querySelectorAll('[data-testid="message"]').length,
  );
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
  console.log(`  virtualized: ${count} message elements in the DOM at the end`);
  await context.close();
  return {
    firstMessageMs: first,
    allLoadedMs,
    domAt100,
    domAtAll,
    domAtMiddle,
    heapMB: heap,
    scroll,
    routeJsGzipBytes: gzipBytesOf(join(root, 'dist'), routeScripts),
  };
}

async function measureBaseline(browser: Browser, origin: string): Promise<VariantFigures> {
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

/** Median time from navigation to the deep-linked message in view (and highlighted). */
async function measureDeepLink(browser: Browser, origin: string, index: number): Promise<number> {
  const target = `${DEMO_IDS.long}-${index}`;
  const times: number[] = [];
  for (let run = 0; run < FIRST_MESSAGE_RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.goto(`${origin}/completions/${DEMO_IDS.long}/messages/${target}`);
    const at = await page.evaluate(
      (id) =>
        new Promise<number>((resolve) => {
          const check = () => {
            const el = document.querySelector(`[data-message-id="${id}"][aria-current="true"]`);
            const box = el?.getBoundingClientRect();
            if (box && box.top >= 0 && box.top < window.innerHeight) resolve(performance.now());
            else requestAnimationFrame(check);
          };
          check();
        }),
      target,
    );
    times.push(at);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Long tasks from navigation until the ~5 MB data-URL image is decoded and shown. */
async function measureBigImage(browser: Browser, origin: string) {
  const { context, page } = await open(browser, `${origin}/completions/${DEMO_IDS.bigImage}`);
  const img = page
    .getByTestId('image-part')
    .getByRole('img', { name: /Image part/ })
    .first();
  await img.waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    (el) =>
      (el as HTMLImageElement | null)?.complete && ((el as HTMLImageElement).naturalWidth ?? 0) > 0,
    await img.elementHandle(),
    { timeout: 30_000 },
  );
  const shownAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(200);
  // From the moment the page shows the completion (the app has booted) until the image shows.
  const tasks = await page.evaluate(() => {
    const bench = (
      window as unknown as {
        __bench: { headerAt: number | null; longTasks: { start: number; duration: number }[] };
      }
    ).__bench;
    return bench.longTasks.filter((task) => task.start + task.duration >= (bench.headerAt ?? 0));
  });
  await context.close();
  return {
    shownMs: shownAt,
    longTasks: tasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((task) => task.duration)),
  };
}

const fmt = (value: number | null, digits = 1) => (value == null ? '—' : value.toFixed(digits));

async function main() {
  buildBaseline();
  const server = await startServer({
    port: 0,
    staticDir: join(root, 'dist'),
    extraStatic: [{ prefix: '/__bench/', dir: join(root, 'bench', 'dist') }],
    quiet: true,
  });
  const executablePath =
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    console.log(
      `Bench: ${LONG_MESSAGE_COUNT.toLocaleString('en-US')}-message conversation ${DEMO_IDS.long}`,
    );
    // The server builds demo conversations lazily: warm it so neither variant pays for that.
    for (const path of [`${DEMO_IDS.long}`, `${DEMO_IDS.long}/messages?limit=100`]) {
      await (await fetch(`${server.url}/v1/chat/completions/${path}`)).arrayBuffer();
    }
    const virtualized = await measureVirtualized(browser, server.url);
    const baseline = await measureBaseline(browser, server.url);
    const bundle = initialJsGzipBytes(join(root, 'dist'));
    const deepLinkMs = await measureDeepLink(browser, server.url, 7000);
    const bigImage = await measureBigImage(browser, server.url);

    const v = virtualized;
    const b = baseline;
    const rows: [string, string, string, string][] = [
      ['figure', 'virtualized (app)', 'plain render (baseline)', 'target'],
      [
        'time to first message, median of 5 (ms)',
        fmt(v.firstMessageMs, 0),
        fmt(b.firstMessageMs, 0),
        '',
      ],
      ['all 10,000 loaded (ms)', fmt(v.allLoadedMs, 0), fmt(b.allLoadedMs, 0), ''],
      ['DOM elements, 100 loaded', fmt(v.domAt100, 0), '—', ''],
      ['DOM elements, 10,000 loaded, same view', fmt(v.domAtAll, 0), '—', 'within 20%'],
      ['DOM elements, 10,000 loaded, middle', fmt(v.domAtMiddle, 0), fmt(b.domAtMiddle, 0), ''],
      ['JS heap after GC (MB)', fmt(v.heapMB), fmt(b.heapMB), ''],
      ['scroll frames measured', String(v.scroll.frames), String(b.scroll.frames), ''],
      ['frame work p50 (ms)', fmt(v.scroll.p50), fmt(b.scroll.p50), ''],
      ['frame work p95 (ms)', fmt(v.scroll.p95), fmt(b.scroll.p95), '≤ 16.7'],
      ['frame work max (ms)', fmt(v.scroll.max), fmt(b.scroll.max), ''],
      [
        'dropped frames (> 25 ms apart)',
        String(v.scroll.droppedFrames),
        String(b.scroll.droppedFrames),
        '',
      ],
      ['long tasks while scrolling', String(v.scroll.longTasks), String(b.scroll.longTasks), ''],
      [
        'longest task while scrolling (ms)',
        fmt(v.scroll.longestTaskMs, 0),
        fmt(b.scroll.longestTaskMs, 0),
        '≤ 50',
      ],
    ];
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
    for (const row of rows)
      console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
    console.log(
      `initial JS (gzipped, what index.html loads): ${(bundle.bytes / 1024).toFixed(1)} KB in ${bundle.files.length} file(s) (target ≤ 110 KB)`,
    );
    console.log(
      `deep link to message 7,000 of 10,000, navigation to in view (median of ${FIRST_MESSAGE_RUNS}): ${deepLinkMs.toFixed(0)} ms`,
    );
    console.log(
      `~5 MB data-URL image: shown after ${bigImage.shownMs.toFixed(0)} ms; ${bigImage.longTasks} long task(s) between the page showing and the image showing, the longest ${bigImage.longestTaskMs.toFixed(0)} ms (target: none over 50 ms)`,
    );
    console.log(
      `JS loaded to show the conversation (gzipped, with its lazy chunks): ${((v.routeJsGzipBytes ?? 0) / 1024).toFixed(1)} KB`,
    );

    const domGrowth = virtualized.domAt100 ? virtualized.domAtAll / virtualized.domAt100 - 1 : null;
    const checks = {
      p95FrameMs: virtualized.scroll.p95 <= 16.7,
      noLongTaskOver50ms: virtualized.scroll.longestTaskMs <= 50,
      domWithin20Percent: domGrowth != null && Math.abs(domGrowth) <= 0.2,
      initialJsWithin110KB: bundle.bytes <= 110 * 1024,
    };
    console.log(
      'targets:',
      Object.entries(checks)
        .map(([k, ok]) => `${k} ${ok ? 'met' : 'MISSED'}`)
        .join(', '),
    );

    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(root, 'bench', 'results', 'latest.json'),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          conversation: { id: DEMO_IDS.long, messages: LONG_MESSAGE_COUNT },
          virtualized,
          baseline,
          initialJsGzipBytes: bundle.bytes,
          deepLinkMs,
          bigImage,
          domGrowth,
          checks,
        },
        null,
        2,
      ) + '\n',
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
