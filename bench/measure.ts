import type { CDPSession, Page } from '@playwright/test';

/** Installed before any page script: records when the first message appears, and long tasks. */
export const instrumentation = () => {
  const w = window as unknown as {
    __bench: {
      firstMessageAt: number | null;
      headerAt: number | null;
      longTasks: { start: number; duration: number }[];
    };
  };
  w.__bench = { firstMessageAt: null, headerAt: null, longTasks: [] };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      w.__bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    if (w.__bench.headerAt == null && document.querySelector('[data-testid="completion-header"]')) {
      w.__bench.headerAt = performance.now();
    }
    if (w.__bench.firstMessageAt == null && document.querySelector('[data-testid="message"]')) {
      w.__bench.firstMessageAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
};

export async function firstMessageMs(page: Page): Promise<number> {
  await page.waitForFunction(
    () =>
      (window as unknown as { __bench: { firstMessageAt: number | null } }).__bench
        .firstMessageAt != null,
    null,
    { timeout: 60_000 },
  );
  return page.evaluate(
    () => (window as unknown as { __bench: { firstMessageAt: number } }).__bench.firstMessageAt,
  );
}

export async function domElements(page: Page): Promise<number> {
  return page.evaluate(() => document.getElementsByTagName('*').length);
}

export async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1024 / 1024;
}

export interface ScrollFigures {
  frames: number;
  /** Main-thread work per frame: from the frame's start to the end of its rendering (ms). */
  p50: number;
  p95: number;
  max: number;
  /** Frames whose interval exceeded 1.5 display frames (a visible stutter at 60 Hz). */
  droppedFrames: number;
  longTasks: number;
  longestTaskMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Drives scrollTop by a fixed step every animation frame (as TanStack Virtual's own perf test
 * does). Frame intervals in headless Chromium are held to 60 Hz, so each frame's own work is
 * measured instead: from the frame's start (the rAF timestamp; scroll handlers and React renders
 * run just before rAF callbacks) to a message posted from rAF, which runs once style, layout and
 * paint of that frame are done. Long tasks are recorded meanwhile.
 */
export async function measureScroll(
  page: Page,
  options: { from: number; pxPerFrame: number; frames: number },
): Promise<ScrollFigures> {
  const result = await page.evaluate(async ({ from, pxPerFrame, frames }) => {
    const el = document.querySelector('[data-testid="conversation-scroll"]') as HTMLElement;
    const bench = (
      window as unknown as { __bench: { longTasks: { start: number; duration: number }[] } }
    ).__bench;
    el.scrollTop = from;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    const work: number[] = [];
    const intervals: number[] = [];
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      let frameStart = 0;
      let lastStart = 0;
      let count = 0;
      let direction = 1;
      channel.port1.onmessage = () => {
        work.push(performance.now() - frameStart);
        if (count >= frames) resolve();
        else requestAnimationFrame(step);
      };
      function step(now: number) {
        if (lastStart) intervals.push(now - lastStart);
        lastStart = now;
        frameStart = now;
        const max = el.scrollHeight - el.clientHeight;
        const next = el.scrollTop + pxPerFrame * direction;
        if (next > max || next < 0) direction = -direction;
        el.scrollTop += pxPerFrame * direction;
        count += 1;
        channel.port2.postMessage(null);
      }
      requestAnimationFrame(step);
    });
    const longTasks = bench.longTasks.filter((task) => task.start >= started);
    return { work: work.slice(1), intervals, longTasks: longTasks.map((task) => task.duration) };
  }, options);
  const sorted = [...result.work].sort((a, b) => a - b);
  return {
    frames: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? 0,
    droppedFrames: result.intervals.filter((interval) => interval > 25).length,
    longTasks: result.longTasks.length,
    longestTaskMs: Math.max(0, ...result.longTasks),
  };
}
