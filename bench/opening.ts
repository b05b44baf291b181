// Opening a conversation URL, request by request: the time until the first message (or the
// deep-linked one) shows, median of fresh loads, with the waterfall of the median load (each
// request's start and end from navigation start) and, behind the proxy, the round trips to its
// upstream the page waited for one after the other.
import type { Browser, Page } from '@playwright/test';
import { firstMessageMs, instrumentation } from './measure.ts';
import { messageInViewAt, RUNS, VIEWPORT } from './scenarios.ts';
import { sequentialRoundTrips, type UpstreamRequest } from './upstream.ts';

export interface WaterfallEntry {
  /** Path and query (the document: its path). */
  name: string;
  kind: 'document' | 'script' | 'style' | 'api' | 'other';
  /** ms from navigation start; `end` is the answer's last byte. */
  start: number;
  end: number;
}

export interface OpeningRun {
  /** Navigation to the message on screen (ms). */
  ms: number;
  waterfall: WaterfallEntry[];
  /**
   * Proxy scenario: upstream requests on the critical path, one after the other (see
   * sequentialRoundTrips). Not counted without the upstream's latency: requests to a server on
   * loopback end before the next one starts whether or not the page waited for them.
   */
  upstreamRoundTrips: number | null;
}

export interface OpeningFigures {
  medianMs: number;
  /** Every load's time, in order. */
  runsMs: number[];
  /** Every load's upstream round trips, in order (proxy scenario; else empty). */
  runsRoundTrips: number[];
  /** The median load. */
  median: OpeningRun;
}

/** Every request of the page so far, from navigation start. */
function waterfall(page: Page): Promise<WaterfallEntry[]> {
  return page.evaluate(() => {
    const kindOf = (path: string, initiator: string): WaterfallEntry['kind'] => {
      if (path.startsWith('/v1/')) return 'api';
      if (path.endsWith('.js') || initiator === 'script') return 'script';
      if (path.endsWith('.css')) return 'style';
      return 'other';
    };
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const entries: WaterfallEntry[] = [
      { name: location.pathname, kind: 'document', start: nav.startTime, end: nav.responseEnd },
    ];
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const url = new URL(entry.name);
      entries.push({
        name: url.pathname + url.search,
        kind: kindOf(url.pathname, entry.initiatorType),
        start: entry.startTime,
        end: entry.responseEnd,
      });
    }
    return entries;
  });
}

async function openOnce(
  browser: Browser,
  url: string,
  target: string | null,
  upstream: UpstreamRequest[] | null,
): Promise<OpeningRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(instrumentation);
    await page.goto(url);
    const ms = target === null ? await firstMessageMs(page) : await messageInViewAt(page, target);
    // The first messages in the DOM: a deep link's window comes in whole, the linked one with it.
    const rendered = await firstMessageMs(page);
    // Requests still on their way then show in the waterfall once they end.
    await page.waitForTimeout(300);
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    return {
      ms,
      waterfall: (await waterfall(page)).filter((entry) => entry.start <= ms),
      // The upstream requests answered before the messages were rendered: those the page waited
      // for (pages loaded once it shows, while the check for "in view" lags, don't count).
      upstreamRoundTrips: upstream
        ? sequentialRoundTrips(
            upstream
              .filter((r) => r.start >= timeOrigin)
              .map((r) => ({ start: r.start - timeOrigin, end: r.end - timeOrigin }))
              .filter((r) => r.end <= rendered),
          )
        : null,
    };
  } finally {
    await context.close();
  }
}

/**
 * Median over fresh contexts of the time from navigation to the first message (`target` null)
 * or to the message `target` highlighted in view.
 */
export async function measureOpening(
  browser: Browser,
  url: string,
  target: string | null,
  options: { runs?: number; upstream?: UpstreamRequest[] } = {},
): Promise<OpeningFigures> {
  const runs: OpeningRun[] = [];
  for (let run = 0; run < (options.runs ?? RUNS); run++) {
    runs.push(await openOnce(browser, url, target, options.upstream ?? null));
  }
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return {
    medianMs: median.ms,
    runsMs: runs.map((run) => run.ms),
    runsRoundTrips: runs.flatMap((run) => run.upstreamRoundTrips ?? []),
    median,
  };
}

/** The waterfall as lines of text: start → end, kind, path (long ids shortened). */
export function formatWaterfall(run: OpeningRun, ids: readonly string[]): string {
  const shorten = (name: string) =>
    ids.reduce((text, id) => text.split(id).join(`${id.slice(0, 12)}…`), name);
  const rows = [...run.waterfall].sort((a, b) => a.start - b.start);
  const lines = rows.map(
    (e) =>
      `    ${e.start.toFixed(0).padStart(5)} → ${e.end.toFixed(0).padStart(5)}  ${e.kind.padEnd(8)}  ${shorten(e.name)}`,
  );
  lines.push(`    ${run.ms.toFixed(0).padStart(5)}           on screen`);
  return lines.join('\n');
}
