// The bench's reading-position scenario: a deep link into the anchor fixture (markdown that
// renders taller than its plain text, late images, server/data/anchor-fixture.ts), the linked
// message watched every frame for 3 s after it appears, then while the reader scrolls up through
// two pages loading above it. The figure is the largest move of anything in view that the reader
// did not scroll (px); the same probe as e2e/reading-position.spec.ts.
import type { Browser } from '@playwright/test';
import { ANCHOR_FIXTURE_ID, ANCHOR_FIXTURE_TARGET } from '../server/data/anchor-fixture.ts';
import { startServer } from '../server/main.ts';
import { startAnchorFixture } from '../server/testing/anchor-fixture-server.ts';
import {
  installReadingPositionProbe,
  type ProbeWindow,
  type ReadingPositionReport,
} from '../e2e/reading-position-probe.ts';

export interface DriftFigures {
  runs: number;
  /** Worst run: the anchor's spread over the 3 s after it appeared (px). */
  anchorSpreadPx: number;
  /** Worst run: the largest unscrolled move of a row in view, opening and scrolling up (px). */
  maxDriftPx: number;
  /** Frames in which plain text (not yet markdown) was in view, all runs. */
  plainTextFrames: number;
  /** Median time from navigation to the linked message shown (ms). */
  shownMs: number;
}

const ANCHOR_WINDOW_MS = 3_000;

export async function measureAnchorDrift(
  browser: Browser,
  staticDir: string,
  runs = 3,
): Promise<DriftFigures> {
  const fixture = await startAnchorFixture();
  const server = await startServer({
    port: 0,
    staticDir,
    dataFile: fixture.dataFile,
    quiet: true,
  });
  const anchorId = `${ANCHOR_FIXTURE_ID}-${ANCHOR_FIXTURE_TARGET}`;
  const reports: ReadingPositionReport[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript('window.__name = (fn) => fn;');
      await page.addInitScript(installReadingPositionProbe, {
        anchorId,
        anchorWindowMs: ANCHOR_WINDOW_MS,
      });
      await page.goto(`${server.url}/completions/${ANCHOR_FIXTURE_ID}/messages/${anchorId}`);
      await page.waitForFunction(
        () => (window as unknown as ProbeWindow).__probe.report().anchorSeenAt !== null,
        undefined,
        { timeout: 30_000 },
      );
      await page.waitForTimeout(ANCHOR_WINDOW_MS + 200);
      // Up, until two older pages have been asked for and have arrived.
      let olderPages = 0;
      page.on('response', (response) => {
        if (response.url().includes('order=desc')) olderPages += 1;
      });
      for (let step = 0; step < 400 && olderPages < 2; step++) {
        await page.evaluate(() => (window as unknown as ProbeWindow).__probe.scrollBy(-300));
        await page.waitForTimeout(40);
      }
      await page.waitForTimeout(1_000);
      reports.push(await page.evaluate(() => (window as unknown as ProbeWindow).__probe.report()));
      await context.close();
    }
  } finally {
    await server.close();
    await fixture.close();
  }
  const shown = reports.map((r) => r.anchorSeenAt ?? Number.NaN).sort((a, b) => a - b);
  return {
    runs,
    anchorSpreadPx: Math.max(...reports.map((r) => r.anchorSpread)),
    maxDriftPx: Math.max(...reports.map((r) => r.maxDrift)),
    plainTextFrames: reports.reduce((sum, r) => sum + r.plainTextFrames, 0),
    shownMs: shown[Math.floor(shown.length / 2)] ?? Number.NaN,
  };
}
