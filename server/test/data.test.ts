/** The demo dataset: deterministic, fast, and as varied as promised. */
import { describe, expect, it } from 'vitest';
import { DEMO_BASE_TIME, generateDemoDataset } from '../data/demo.ts';
import {
  DEMO_IDS,
  HUGE_MESSAGE_COUNT,
  LONG_MESSAGE_COUNT,
  ODD_METADATA_KEY,
} from '../data/demo-ids.ts';
import type { StoredCompletion, StoredMessage } from '../api/types.ts';

const ORIGIN = 'http://127.0.0.1:4173';

function messages(item: StoredCompletion): StoredMessage[] {
  return Array.from(
    { length: item.messages.count },
    (_, i) => item.messages.at(i) as StoredMessage,
  );
}

describe('demo dataset', () => {
  const started = performance.now();
  const data = generateDemoDataset({ origin: ORIGIN });
  const elapsed = performance.now() - started;
  const byId = new Map(data.map((d) => [d.completion.id, d]));

  it('is generated quickly', () => {
    expect(elapsed).toBeLessThan(1500);
  });

  it('is deterministic', () => {
    const again = generateDemoDataset({ origin: ORIGIN });
    expect(again.map((d) => d.completion)).toEqual(data.map((d) => d.completion));
    const sample = (d: StoredCompletion) =>
      [0, 1, Math.floor(d.messages.count / 2), d.messages.count - 1].map((i) => d.messages.at(i));
    again.forEach((d, i) => expect(sample(d)).toEqual(sample(data[i]!)));
    const long = byId.get(DEMO_IDS.long)!;
    expect(long.messages.at(4321)).toEqual(long.messages.at(4321));
  });

  it('has ≥ 200 completions with real-looking, unique ids, including every well-known id', () => {
    expect(data.length).toBeGreaterThanOrEqual(200);
    expect(new Set(byId.keys()).size).toBe(data.length);
    for (const d of data) expect(d.completion.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    for (const id of Object.values(DEMO_IDS)) expect(byId.has(id)).toBe(true);
  });

  it('spreads over ~90 days before the fixed base date, over several models and metadata keys', () => {
    const created = data.map((d) => d.completion.created);
    expect(Math.max(...created)).toBeLessThanOrEqual(DEMO_BASE_TIME);
    expect(DEMO_BASE_TIME - Math.min(...created)).toBeGreaterThan(80 * 86_400);
    expect(DEMO_BASE_TIME - Math.min(...created)).toBeLessThanOrEqual(90 * 86_400);
    expect(new Set(data.map((d) => d.completion.model)).size).toBeGreaterThanOrEqual(6);
    const keys = new Set(data.flatMap((d) => Object.keys(d.completion.metadata ?? {})));
    for (const k of ['customer', 'env', 'feature', 'user_id', ODD_METADATA_KEY])
      expect(keys).toContain(k);
    expect(
      data.filter((d) => Object.keys(d.completion.metadata ?? {}).length === 0).length,
    ).toBeGreaterThan(10);
  });

  it('has conversations from 1 to 60 messages (plus the long and huge ones) with every role', () => {
    const counts = data
      .filter(
        (d) =>
          d.completion.id !== DEMO_IDS.long &&
          d.completion.id !== DEMO_IDS.huge &&
          d.completion.id !== DEMO_IDS.toolPages,
      )
      .map((d) => d.messages.count);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(60);
    expect(byId.get(DEMO_IDS.long)!.messages.count).toBe(LONG_MESSAGE_COUNT);
    expect(byId.get(DEMO_IDS.huge)!.messages.count).toBe(HUGE_MESSAGE_COUNT);
    // Tool calls and results pages apart (special-tool-pages.ts).
    expect(byId.get(DEMO_IDS.toolPages)!.messages.count).toBe(240);
    const roles = new Set(
      data.filter((d) => d.messages.count < 100).flatMap((d) => messages(d).map((m) => m.role)),
    );
    expect(roles).toEqual(new Set(['system', 'developer', 'user', 'assistant', 'tool']));
  });

  it('pairs every tool message with an earlier tool call', () => {
    for (const d of data) {
      const count = Math.min(d.messages.count, 500);
      const calls = new Set<string>();
      for (let i = 0; i < count; i++) {
        const m = d.messages.at(i) as StoredMessage;
        for (const c of m.tool_calls ?? []) calls.add(c.id);
        if (m.role === 'tool' && !calls.has(m.tool_call_id ?? '')) {
          throw new Error(`${d.completion.id}-${i}: tool_call_id ${m.tool_call_id} has no call`);
        }
      }
    }
  });

  it('keeps usage figures consistent', () => {
    for (const d of data) {
      const u = d.completion.usage as {
        prompt_tokens: number;
        completion_tokens: number;
        total_tokens: number;
      };
      expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
      expect(u.prompt_tokens).toBeGreaterThan(0);
    }
  });

  it('builds local image URLs from the origin given', () => {
    const urls = messages(byId.get(DEMO_IDS.images)!).flatMap((m) =>
      (m.content_parts ?? []).flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : [])),
    );
    expect(
      urls.filter((u) => u.startsWith(`${ORIGIN}/demo-assets/images/`)).length,
    ).toBeGreaterThanOrEqual(10);
  });

  it('produces the huge conversation lazily too: any index, in constant time', () => {
    const huge = byId.get(DEMO_IDS.huge)!;
    expect(huge.messages.indexOf(`${DEMO_IDS.huge}-99999`)).toBe(99_999);
    expect(huge.messages.indexOf(`${DEMO_IDS.huge}-100000`)).toBe(-1);
    const t = performance.now();
    for (let i = 0; i < 1000; i++) huge.messages.at(89_500 + i);
    expect(performance.now() - t).toBeLessThan(500);
    expect((huge.messages.at(90_000) as StoredMessage).id).toBe(`${DEMO_IDS.huge}-90000`);
    expect(huge.messages.at(HUGE_MESSAGE_COUNT)).toBeUndefined();
  });

  it('produces long-conversation messages lazily by index (no materialized array)', () => {
    const long = byId.get(DEMO_IDS.long)!;
    expect(long.messages.indexOf(`${DEMO_IDS.long}-9999`)).toBe(9999);
    expect(long.messages.indexOf(`${DEMO_IDS.long}-10000`)).toBe(-1);
    expect(long.messages.indexOf(`${DEMO_IDS.long}-01`)).toBe(-1);
    const t = performance.now();
    for (let i = 0; i < 1000; i++) long.messages.at(9000 + i);
    expect(performance.now() - t).toBeLessThan(500);
  });
});
