import { describe, expect, it } from 'vitest';
import {
  estimateImageTokens,
  estimatePatchTokens,
  estimateTileTokens,
  fitWithin,
  matchVisionFamily,
  readDetail,
} from './estimate-image-tokens.ts';
import { VISION_FAMILIES, VISION_GUIDE } from './vision-token-rules.ts';

const family = (id: string) => {
  const found = VISION_FAMILIES.find((f) => f.id === id);
  if (!found) throw new Error(`no family ${id}`);
  return found;
};
const gpt4o = { baseTokens: 85, tileTokens: 170 };

describe('the guide’s worked examples (tile-based, gpt-4o)', () => {
  it('1024 × 1024 high: no fit resize, 768 × 768, 4 tiles, 765 tokens', () => {
    const e = estimateTileTokens({ width: 1024, height: 1024 }, 'high', gpt4o);
    expect(e.resized).toEqual({ width: 768, height: 768 });
    expect(e.tiles).toEqual({ columns: 2, rows: 2, count: 4 });
    expect(e.tokens).toBe(765);
  });

  it('2048 × 4096 high: 1024 × 2048, then 768 × 1536, 6 tiles, 1105 tokens', () => {
    const e = estimateTileTokens({ width: 2048, height: 4096 }, 'high', gpt4o);
    expect(e.steps[0]).toContain('1024 × 2048');
    expect(e.resized).toEqual({ width: 768, height: 1536 });
    expect(e.tiles).toEqual({ columns: 2, rows: 3, count: 6 });
    expect(e.tokens).toBe(1105);
  });

  it('4096 × 8192 low: a fixed 85 tokens', () => {
    const e = estimateTileTokens({ width: 4096, height: 8192 }, 'low', gpt4o);
    expect(e.tokens).toBe(85);
    expect(e.tiles).toBeNull();
    expect(e.resized).toEqual({ width: 256, height: 512 });
  });
});

describe('the guide’s worked examples (patch-based)', () => {
  it('1024 × 1024 is 32 × 32 = 1024 patches, no resize', () => {
    const e = estimatePatchTokens({ width: 1024, height: 1024 }, { multiplier: 1 });
    expect(e.patches).toEqual({ columns: 32, rows: 32, count: 1024 });
    expect(e.resized).toEqual({ width: 1024, height: 1024 });
    expect(e.tokens).toBe(1024);
  });

  it('1800 × 2400 needs 4275 patches: scaled to 1056 × 1408, 33 × 44 = 1452 patches', () => {
    const e = estimatePatchTokens({ width: 1800, height: 2400 }, { multiplier: 1 });
    expect(e.steps[0]).toContain('57 × 75 = 4,275 patches');
    expect(e.resized).toEqual({ width: 1056, height: 1408 });
    expect(e.patches).toEqual({ columns: 33, rows: 44, count: 1452 });
    expect(e.tokens).toBe(1452);
  });

  it('applies the model’s multiplier: gpt-4.1-mini × 1.62, gpt-4.1-nano × 2.46, o4-mini × 1.72', () => {
    const size = { width: 1024, height: 1024 };
    const mini = estimateImageTokens('gpt-4.1-mini-2025-04-14', size, 'high');
    expect(mini.kind === 'patch' && mini.estimate.exactTokens).toBeCloseTo(1658.88);
    expect(mini.kind === 'patch' && mini.estimate.tokens).toBe(1659);
    const nano = estimateImageTokens('gpt-4.1-nano', size, 'low');
    expect(nano.kind === 'patch' && nano.estimate.tokens).toBe(Math.round(1024 * 2.46));
    const o4 = estimateImageTokens('o4-mini-2025-04-16', { width: 1800, height: 2400 }, 'auto');
    expect(o4.kind === 'patch' && o4.estimate.tokens).toBe(Math.round(1452 * 1.72));
  });

  it('never counts more than 1536 patches', () => {
    for (const [width, height] of [
      [4000, 1474],
      [8192, 8192],
      [2049, 513],
      [10_000, 33],
      [333, 7777],
    ] as const) {
      const e = estimatePatchTokens({ width, height }, { multiplier: 1 });
      expect(e.patches.count).toBeLessThanOrEqual(1536);
      expect(e.resized.width).toBeLessThanOrEqual(width);
      expect(e.resized.height).toBeLessThanOrEqual(height);
    }
  });

  it('the ~5 MB demo image (1120 × 1116) for gpt-4.1-mini: 35 × 35 = 1225 patches × 1.62', () => {
    const e = estimateImageTokens('gpt-4.1-mini', { width: 1120, height: 1116 }, 'high');
    expect(e.kind).toBe('patch');
    if (e.kind !== 'patch') return;
    expect(e.estimate.patches.count).toBe(1225);
    expect(e.estimate.tokens).toBe(1985);
  });
});

describe('high detail never scales a small image up', () => {
  it.each([
    [64, 64, 1, 255],
    [512, 512, 1, 255],
    [800, 600, 4, 765],
    [300, 1200, 3, 595],
    [512, 513, 2, 425],
  ])('%i × %i → %i tiles, %i tokens for gpt-4o', (width, height, tiles, tokens) => {
    const e = estimateTileTokens({ width, height }, 'high', gpt4o);
    expect(e.resized).toEqual({ width, height });
    expect(e.tiles?.count).toBe(tiles);
    expect(e.tokens).toBe(tokens);
  });
});

describe('model families', () => {
  it.each([
    ['gpt-4o', 'gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o', 'gpt-4o'],
    ['chatgpt-4o-latest', 'gpt-4o', 'chatgpt-4o-latest'],
    ['gpt-4.1-2025-04-14', 'gpt-4o', 'gpt-4.1'],
    ['gpt-4.5-preview-2025-02-27', 'gpt-4o', 'gpt-4.5'],
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini', 'gpt-4o-mini'],
    ['gpt-4.1-mini-2025-04-14', 'gpt-4.1-mini', 'gpt-4.1-mini'],
    ['gpt-4.1-nano', 'gpt-4.1-nano', 'gpt-4.1-nano'],
    ['o1-2024-12-17', 'o1-o3', 'o1'],
    ['o1-pro-2025-03-19', 'o1-o3', 'o1-pro'],
    ['o3-2025-04-16', 'o1-o3', 'o3'],
    ['o4-mini-2025-04-16', 'o4-mini', 'o4-mini'],
    ['gpt-5-2025-08-07', 'gpt-5', 'gpt-5'],
    ['gpt-5-chat-latest', 'gpt-5', 'gpt-5-chat-latest'],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini', 'gpt-5-mini'],
    ['gpt-5-nano', 'gpt-5-nano', 'gpt-5-nano'],
    ['computer-use-preview-2025-03-11', 'computer-use-preview', 'computer-use-preview'],
    ['ft:gpt-4o-2024-08-06:acme::AbC123', 'gpt-4o', 'gpt-4o'],
    ['GPT-4o', 'gpt-4o', 'gpt-4o'],
  ])('%s → family %s (prefix %s)', (model, id, prefix) => {
    const match = matchVisionFamily(model);
    expect(match?.family.id).toBe(id);
    expect(match?.prefix).toBe(prefix);
  });

  it.each([
    'claude-3-5-sonnet',
    'gpt-3.5-turbo',
    'gpt-5.1',
    'gpt-4o1',
    'o3-mini-2025-01-31',
    'o1-mini',
    'gpt-4o-audio-preview-2024-12-17',
    '',
  ])('%j is an unknown model: no guess', (model) => {
    expect(matchVisionFamily(model)).toBeNull();
    expect(estimateImageTokens(model, { width: 1024, height: 1024 }, 'high')).toEqual({
      kind: 'unknown-model',
      model,
    });
  });

  it('uses each family’s own base and tile numbers', () => {
    const size = { width: 1024, height: 1024 };
    const high = (model: string) => {
      const e = estimateImageTokens(model, size, 'high');
      return e.kind === 'tile' ? e.cases[0]?.tokens : null;
    };
    expect(high('gpt-4o-mini')).toBe(2833 + 4 * 5667);
    expect(high('o3')).toBe(75 + 4 * 150);
    expect(high('computer-use-preview')).toBe(65 + 4 * 129);
    expect(high('gpt-5')).toBe(70 + 4 * 140);
    expect(family('gpt-4o').kind).toBe('tile');
  });

  it('cites the guide it was copied from', () => {
    expect(VISION_GUIDE.url).toMatch(
      /^https:\/\/platform\.openai\.com\/docs\/guides\/images-vision/,
    );
    expect(VISION_GUIDE.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('detail', () => {
  it('auto gives both cases, low then high', () => {
    const e = estimateImageTokens('gpt-4o', { width: 2048, height: 4096 }, 'auto');
    expect(e.kind === 'tile' && e.cases.map((c) => [c.detail, c.tokens])).toEqual([
      ['low', 85],
      ['high', 1105],
    ]);
  });

  it('a missing detail is the API’s default, auto; an unknown one is estimated as auto', () => {
    expect(readDetail(undefined)).toEqual({ detail: 'auto', unrecognized: null, defaulted: true });
    expect(readDetail('HIGHEST')).toEqual({
      detail: 'auto',
      unrecognized: 'HIGHEST',
      defaulted: false,
    });
    const e = estimateImageTokens('gpt-4o', { width: 1024, height: 1024 }, undefined);
    expect(e.kind === 'tile' && e.cases).toHaveLength(2);
  });

  it('low or high gives one case', () => {
    const low = estimateImageTokens('gpt-4o', { width: 1024, height: 1024 }, 'low');
    expect(low.kind === 'tile' && low.cases.map((c) => c.tokens)).toEqual([85]);
    const high = estimateImageTokens('gpt-4o', { width: 1024, height: 1024 }, 'high');
    expect(high.kind === 'tile' && high.cases.map((c) => c.tokens)).toEqual([765]);
  });
});

describe('fitWithin', () => {
  it('scales down to the box, keeping the aspect ratio, and never up', () => {
    expect(fitWithin({ width: 4096, height: 2048 }, 2048)).toEqual({ width: 2048, height: 1024 });
    expect(fitWithin({ width: 300, height: 1200 }, 512)).toEqual({ width: 128, height: 512 });
    expect(fitWithin({ width: 64, height: 64 }, 512)).toEqual({ width: 64, height: 64 });
  });
});
