// `npm run bench`: measures the production build on the real server in Chromium and prints the
// figures, each next to its budget (bench/budgets.json) and, for the 10,000-message conversation,
// next to a plain non-virtualized render of the same messages (the baseline, measured in the same
// run). Figures go to bench/results/latest.json; `npm run bench:check` compares them with the
// budgets. `--only=a,b` runs some scenarios: conversation, first (its time to first message
// alone), baseline, deeplink, drift, proxy, image, code, scale.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { DEMO_IDS, HUGE_MESSAGE_COUNT, LONG_MESSAGE_COUNT } from '../server/data/demo-ids.ts';
import { startServer } from '../server/main.ts';
import { measureAnchorDrift } from './anchor-drift.ts';
import { initialJsGzipBytes } from './bundle-size.ts';
import { loadBudgets, checkFigures, formatCheck, type Figures } from './budgets.ts';
import { formatWaterfall, measureOpening, type OpeningFigures } from './opening.ts';
import {
  measureBaseline,
  measureBigImage,
  measureCodeBlock,
  measureScale,
  measureVirtualized,
  RUNS,
} from './scenarios.ts';
import { startUpstream } from './upstream.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SCENARIOS = [
  'conversation',
  'first',
  'baseline',
  'deeplink',
  'drift',
  'proxy',
  'image',
  'code',
  'scale',
] as const;
/** The proxy scenario's upstream answers each request after this long, as a remote API would. */
const PROXY_LATENCY_MS = 200;
type Scenario = (typeof SCENARIOS)[number];

function parseOnly(argv: string[]): Set<Scenario> {
  const arg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!arg) return new Set(SCENARIOS);
  const picked = arg.split(',').map((s) => s.trim());
  for (const name of picked) {
    if (!(SCENARIOS as readonly string[]).includes(name))
      throw new Error(`Unknown scenario "${name}": pick from ${SCENARIOS.join(', ')}.`);
  }
  return new Set(picked as Scenario[]);
}

function buildBaseline() {
  const result = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building the baseline page failed.');
}

/** An opening's figures as printed: median, every load, round trips, the median's waterfall. */
function printOpening(title: string, figures: OpeningFigures, ids: readonly string[]) {
  const { median } = figures;
  const trips =
    figures.runsRoundTrips.length === 0
      ? ''
      : `; upstream round trips on the critical path: ${figures.runsRoundTrips.join(', ')}`;
  console.log(
    `\n${title}, median of ${figures.runsMs.length}: ${figures.medianMs.toFixed(0)} ms (loads: ${figures.runsMs.map((ms) => ms.toFixed(0)).join(', ')})${trips}`,
  );
  console.log('  waterfall of the median load (ms from navigation start):');
  console.log(formatWaterfall(median, ids));
}

const fmt = (value: number | null | undefined, digits = 1) =>
  value == null ? '—' : value.toFixed(digits);

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  '));
}

async function main() {
  const only = parseOnly(process.argv.slice(2));
  // BENCH_DIST measures another build folder (the default is what `npm run build` writes).
  const distDir = resolve(root, process.env.BENCH_DIST ?? 'dist');
  if (only.has('baseline')) buildBaseline();
  const server = await startServer({
    port: 0,
    staticDir: distDir,
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
  const figures: Figures = {};
  const details: Record<string, unknown> = {};
  try {
    // The server builds demo conversations lazily: warm it so no scenario pays for that.
    for (const id of [DEMO_IDS.long, DEMO_IDS.huge]) {
      for (const path of [`${id}`, `${id}/messages?limit=100`]) {
        await (await fetch(`${server.url}/v1/chat/completions/${path}`)).arrayBuffer();
      }
    }

    const bundle = initialJsGzipBytes(distDir);
    figures['initialJsGzipKB'] = bundle.bytes / 1024;
    console.log(
      `initial JS (gzipped, what index.html loads): ${(bundle.bytes / 1024).toFixed(1)} KB in ${bundle.files.length} file(s)`,
    );

    const longUrl = `${server.url}/completions/${DEMO_IDS.long}`;
    let first: OpeningFigures | null = null;
    if (only.has('conversation') || only.has('first')) {
      first = await measureOpening(browser, longUrl, null);
      figures['conversation.firstMessageMs'] = first.medianMs;
      details['firstMessage'] = first;
      printOpening(
        `${LONG_MESSAGE_COUNT.toLocaleString('en-US')}-message conversation, time to first message`,
        first,
        [DEMO_IDS.long],
      );
    }

    if (only.has('conversation')) {
      console.log(
        `\n${LONG_MESSAGE_COUNT.toLocaleString('en-US')}-message conversation ${DEMO_IDS.long}`,
      );
      const v = await measureVirtualized(browser, server.url, distDir, first?.medianMs);
      const b = only.has('baseline') ? await measureBaseline(browser, server.url) : null;
      details['virtualized'] = v;
      details['baseline'] = b;
      figures['conversation.firstMessageMs'] = v.firstMessageMs;
      figures['conversation.domAt100'] = v.domAt100 ?? 0;
      figures['conversation.domAt10k'] = v.domAtAll;
      figures['conversation.domGrowthPct'] = v.domAt100 ? (v.domAtAll / v.domAt100 - 1) * 100 : 0;
      figures['conversation.heapMB'] = v.heapMB;
      figures['scroll.p95FrameMs'] = v.scroll.p95;
      figures['scroll.longTasks'] = v.scroll.longTasks;
      figures['scroll.longestTaskMs'] = v.scroll.longestTaskMs;
      figures['conversation.routeJsGzipKB'] = (v.routeJsGzipBytes ?? 0) / 1024;
      table([
        ['figure', 'virtualized (app)', 'plain render (baseline)'],
        [
          `time to first message, median of ${RUNS} (ms)`,
          fmt(v.firstMessageMs, 0),
          fmt(b?.firstMessageMs, 0),
        ],
        ['all 10,000 loaded (ms)', fmt(v.allLoadedMs, 0), fmt(b?.allLoadedMs, 0)],
        ['DOM elements, 100 loaded', fmt(v.domAt100, 0), '—'],
        ['DOM elements, 10,000 loaded, same view', fmt(v.domAtAll, 0), '—'],
        ['DOM elements, 10,000 loaded, middle', fmt(v.domAtMiddle, 0), fmt(b?.domAtMiddle, 0)],
        ['JS heap after GC (MB)', fmt(v.heapMB), fmt(b?.heapMB)],
        ['scroll frames measured', String(v.scroll.frames), String(b?.scroll.frames ?? '—')],
        ['frame work p50 (ms)', fmt(v.scroll.p50), fmt(b?.scroll.p50)],
        ['frame work p95 (ms)', fmt(v.scroll.p95), fmt(b?.scroll.p95)],
        ['frame work max (ms)', fmt(v.scroll.max), fmt(b?.scroll.max)],
        [
          'dropped frames (> 25 ms apart)',
          String(v.scroll.droppedFrames),
          String(b?.scroll.droppedFrames ?? '—'),
        ],
        [
          'long tasks while scrolling',
          String(v.scroll.longTasks),
          String(b?.scroll.longTasks ?? '—'),
        ],
        [
          'longest task while scrolling (ms)',
          fmt(v.scroll.longestTaskMs, 0),
          fmt(b?.scroll.longestTaskMs, 0),
        ],
        [
          'JS loaded for the conversation, gzipped (KB)',
          fmt((v.routeJsGzipBytes ?? 0) / 1024),
          '—',
        ],
      ]);
    }

    const deepLinkTarget = `${DEMO_IDS.long}-7000`;
    const deepLinkPath = `/completions/${DEMO_IDS.long}/messages/${deepLinkTarget}`;
    if (only.has('deeplink')) {
      const deepLink = await measureOpening(browser, server.url + deepLinkPath, deepLinkTarget);
      figures['deepLink.ms'] = deepLink.medianMs;
      details['deepLink'] = deepLink;
      printOpening('deep link to message 7,000 of 10,000, navigation to in view', deepLink, [
        DEMO_IDS.long,
      ]);
    }

    if (only.has('proxy')) {
      // `npm start` with OPENAI_API_KEY: the same build, its /v1 proxied to an upstream on
      // another loopback port that answers every request PROXY_LATENCY_MS late.
      const upstream = await startUpstream(PROXY_LATENCY_MS);
      const proxied = await startServer({
        port: 0,
        staticDir: distDir,
        proxy: { apiKey: 'bench-proxy-key', baseURL: upstream.baseURL },
        quiet: true,
      });
      try {
        for (const path of [`${DEMO_IDS.long}`, `${DEMO_IDS.long}/messages?limit=100`]) {
          await (await fetch(`${proxied.url}/v1/chat/completions/${path}`)).arrayBuffer();
        }
        console.log(
          `\nproxy mode: the upstream (the local API on another port) answers each request ${PROXY_LATENCY_MS} ms late`,
        );
        const proxyFirst = await measureOpening(
          browser,
          longUrl.replace(server.url, proxied.url),
          null,
          {
            upstream: upstream.log,
          },
        );
        const proxyDeepLink = await measureOpening(
          browser,
          proxied.url + deepLinkPath,
          deepLinkTarget,
          {
            upstream: upstream.log,
          },
        );
        figures['proxy.firstMessageMs'] = proxyFirst.medianMs;
        figures['proxy.firstMessageRoundTrips'] = Math.max(...proxyFirst.runsRoundTrips);
        figures['proxy.deepLinkMs'] = proxyDeepLink.medianMs;
        figures['proxy.deepLinkRoundTrips'] = Math.max(...proxyDeepLink.runsRoundTrips);
        details['proxy'] = {
          latencyMs: PROXY_LATENCY_MS,
          firstMessage: proxyFirst,
          deepLink: proxyDeepLink,
        };
        printOpening('proxy: time to first message', proxyFirst, [DEMO_IDS.long]);
        printOpening('proxy: deep link to message 7,000, in view', proxyDeepLink, [DEMO_IDS.long]);
      } finally {
        await proxied.close();
        await upstream.close();
      }
    }

    if (only.has('drift')) {
      const drift = await measureAnchorDrift(browser, distDir);
      details['drift'] = drift;
      figures['drift.anchorSpreadPx'] = drift.anchorSpreadPx;
      figures['drift.maxPx'] = drift.maxDriftPx;
      figures['drift.plainTextFrames'] = drift.plainTextFrames;
      console.log(
        `reading position, deep link into markdown above with late images (worst of ${drift.runs}): the linked message moved ${fmt(drift.anchorSpreadPx)} px in the 3 s after it showed (at ${drift.shownMs.toFixed(0)} ms, median); anything in view moved ${fmt(drift.maxDriftPx)} px unscrolled, opening and scrolling up through 2 pages; ${drift.plainTextFrames} frames showed plain text before markdown`,
      );
    }

    if (only.has('image')) {
      const image = await measureBigImage(browser, server.url);
      details['bigImage'] = image;
      figures['bigImage.longestTaskMs'] = image.longestTaskMs;
      console.log(
        `~5 MB data-URL image (median of 5): shown after ${image.shownMs.toFixed(0)} ms; while it loads (its answer's first byte to shown) ${image.longTasks} long task(s), the longest ${image.longestTaskMs.toFixed(0)} ms; from the page showing the completion (incl. the conversation's first mount) ${image.sinceHeaderLongTasks}, the longest ${image.sinceHeaderLongestTaskMs.toFixed(0)} ms`,
      );
    }

    if (only.has('code')) {
      const code = await measureCodeBlock(browser, server.url);
      details['codeBlock'] = code;
      figures['codeBlock.plainMs'] = code.plainMs;
      figures['codeBlock.highlightedMs'] = code.highlightedMs;
      figures['codeBlock.longestTaskMs'] = code.longestTaskMs;
      console.log(
        `2,000-line code block, deep-linked, "Show all" (median of 3): rendered ${code.plainMs.toFixed(0)} ms, highlighted ${code.highlightedMs.toFixed(0)} ms after the click; longest task meanwhile ${code.longestTaskMs.toFixed(0)} ms`,
      );
    }

    if (only.has('scale')) {
      console.log('\nscale: the same procedure on 10,000 and 100,000 messages');
      const sizes = [
        { id: DEMO_IDS.long, messages: LONG_MESSAGE_COUNT, key: '10k' },
        { id: DEMO_IDS.huge, messages: HUGE_MESSAGE_COUNT, key: '100k' },
      ];
      const results = [];
      for (const size of sizes) {
        const r = await measureScale(browser, server.url, size.id, size.messages);
        results.push(r);
        figures[`scale.${size.key}.firstMessageMs`] = r.firstMessageMs;
        figures[`scale.${size.key}.deepLinkMs`] = r.deepLinkMs;
        figures[`scale.${size.key}.p95FrameMs`] = r.scroll.p95;
        figures[`scale.${size.key}.longestTaskMs`] = r.scroll.longestTaskMs;
        figures[`scale.${size.key}.domInView`] = r.domInView;
      }
      details['scale'] = results;
      table([
        ['figure', ...results.map((r) => `${r.messages.toLocaleString('en-US')} messages`)],
        [
          'time to first message, median of 3 (ms)',
          ...results.map((r) => fmt(r.firstMessageMs, 0)),
        ],
        [
          'deep link to 90%, median of 3 (ms)',
          ...results.map(
            (r) => `${fmt(r.deepLinkMs, 0)} (#${r.deepLinkIndex.toLocaleString('en-US')})`,
          ),
        ],
        ['DOM elements in view', ...results.map((r) => fmt(r.domInView, 0))],
        [
          'frame work p50 / p95, median of 3 loads (ms)',
          ...results.map((r) => `${fmt(r.scroll.p50)} / ${fmt(r.scroll.p95)}`),
        ],
        [
          'long tasks / longest while scrolling (ms)',
          ...results.map((r) => `${r.scroll.longTasks} / ${fmt(r.scroll.longestTaskMs, 0)}`),
        ],
        ['JS heap after GC (MB)', ...results.map((r) => fmt(r.heapMB))],
      ]);
    }

    const budgets = loadBudgets();
    const check = checkFigures(figures, budgets);
    console.log('\nagainst bench/budgets.json (figure, value, budget, limit with noise margin):');
    console.log(formatCheck(check));

    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(root, 'bench', 'results', 'latest.json'),
      JSON.stringify({ date: new Date().toISOString(), figures, details }, null, 2) + '\n',
    );
    console.log('figures written to bench/results/latest.json');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
