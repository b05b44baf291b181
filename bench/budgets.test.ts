import { describe, expect, it } from 'vitest';
import { broken, checkFigures, loadBudgets, type Budgets } from './budgets.ts';

const budgets: Budgets = {
  noiseMarginPct: 20,
  budgets: {
    'scroll.p95FrameMs': { max: 10, label: 'p95' },
    initialJsGzipKB: { max: 100, label: 'JS', exact: true },
    'deepLink.ms': { max: 1000, label: 'deep link' },
  },
};

describe('bench budgets', () => {
  it('passes figures within budget, tolerates noise, and breaks beyond it', () => {
    const rows = checkFigures({ 'scroll.p95FrameMs': 11.5, initialJsGzipKB: 99 }, budgets);
    expect(rows.map((r) => r.status)).toEqual(['over budget (within noise)', 'ok', 'not measured']);
    expect(broken(rows)).toEqual([]);
    expect(broken(checkFigures({ 'scroll.p95FrameMs': 12.5 }, budgets)).map((r) => r.name)).toEqual(
      ['scroll.p95FrameMs'],
    );
  });

  it('gives sizes no noise margin', () => {
    const rows = checkFigures({ initialJsGzipKB: 100.5 }, budgets);
    expect(rows.find((r) => r.name === 'initialJsGzipKB')?.status).toBe('BROKEN');
  });

  it('reads the committed budgets file', () => {
    const committed = loadBudgets();
    expect(committed.noiseMarginPct).toBeGreaterThan(0);
    expect(Object.keys(committed.budgets)).toEqual(
      expect.arrayContaining([
        'scroll.p95FrameMs',
        'scroll.longestTaskMs',
        'conversation.domGrowthPct',
        'deepLink.ms',
        'initialJsGzipKB',
        'conversation.firstMessageMs',
        'proxy.firstMessageRoundTrips',
        'proxy.deepLinkRoundTrips',
      ]),
    );
  });
});
