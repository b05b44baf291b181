/** The 100,000-message demo conversation: generated page by page, cursors anywhere in it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS, HUGE_MESSAGE_COUNT } from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, type Page } from './helpers.ts';
import { expectValid, validators } from './spec.ts';

const v = validators();
const id = DEMO_IDS.huge;
const msg = (i: number) => `${id}-${i}`;
type Message = { id: string; role: string };

let server: RunningServer;
let url: string;
beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true });
  url = `${server.url}/v1/chat/completions/${id}/messages`;
});
afterAll(() => server.close());

/** Pages from `after` in `order` until `pages` pages or the end; checks every page. */
async function walkFrom(after: string | null, order: 'asc' | 'desc', pages: number) {
  const indexes: number[] = [];
  let cursor = after;
  for (let n = 0; n < pages; n++) {
    const q = new URLSearchParams({ limit: '100', order });
    if (cursor) q.set('after', cursor);
    const res = await getJson<Page<Message>>(`${url}?${q}`);
    expect(res.status).toBe(200);
    if (n === 0) expectValid(v.messages, res.body);
    indexes.push(...res.body.data.map((m) => Number(m.id.slice(id.length + 1))));
    expect(res.body.first_id).toBe(res.body.data[0]?.id ?? null);
    expect(res.body.last_id).toBe(res.body.data.at(-1)?.id ?? null);
    if (!res.body.has_more) return { indexes, ended: true };
    cursor = res.body.last_id;
  }
  return { indexes, ended: false };
}

describe(`DEMO_IDS.huge (${HUGE_MESSAGE_COUNT.toLocaleString('en-US')} messages)`, () => {
  it('is listed like any completion, with the count in its usage estimate', async () => {
    const c = await getJson<{ id: string; usage: { prompt_tokens: number } }>(
      `${server.url}/v1/chat/completions/${id}`,
    );
    expect(c.status).toBe(200);
    expectValid(v.completion, c.body);
    expect(c.body.usage.prompt_tokens).toBe(HUGE_MESSAGE_COUNT * 71);
    expect(server.mode.kind === 'demo' && server.mode.messages).toBeGreaterThan(HUGE_MESSAGE_COUNT);
  });

  it('pages forward from message 90,000 to the very end, in order, nothing skipped', async () => {
    const started = performance.now();
    const { indexes, ended } = await walkFrom(msg(90_000), 'asc', 200);
    // 100 pages generated on request: a few ms each, nowhere near a full materialization.
    expect((performance.now() - started) / 100).toBeLessThan(250);
    expect(ended).toBe(true);
    expect(indexes).toEqual(
      Array.from({ length: HUGE_MESSAGE_COUNT - 90_001 }, (_, k) => 90_001 + k),
    );
  });

  it('pages backward from message 90,000, in order, and reaches the start from 250', async () => {
    const back = await walkFrom(msg(90_000), 'desc', 20);
    expect(back.ended).toBe(false);
    expect(back.indexes).toEqual(Array.from({ length: 2000 }, (_, k) => 89_999 - k));
    const toStart = await walkFrom(msg(250), 'desc', 10);
    expect(toStart.ended).toBe(true);
    expect(toStart.indexes).toEqual(Array.from({ length: 250 }, (_, k) => 249 - k));
  });

  it('answers both ends and the deep-link window around 90,000 like the viewer asks for it', async () => {
    const first = await walkFrom(null, 'asc', 1);
    expect(first.indexes.slice(0, 3)).toEqual([0, 1, 2]);
    const last = await walkFrom(null, 'desc', 1);
    expect(last.indexes.slice(0, 2)).toEqual([HUGE_MESSAGE_COUNT - 1, HUGE_MESSAGE_COUNT - 2]);
    // The viewer opens a deep link with the page before the message and the page from it on.
    const before = await walkFrom(msg(90_000), 'desc', 1);
    const from = await walkFrom(msg(89_999), 'asc', 1);
    expect(before.indexes[0]).toBe(89_999);
    expect(from.indexes[0]).toBe(90_000);
    const end = await getJson<Page<Message>>(`${url}?after=${msg(HUGE_MESSAGE_COUNT - 1)}`);
    expect(end.body).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
    const outside = await getJson(`${url}?after=${msg(HUGE_MESSAGE_COUNT)}`);
    expect(outside.status).toBe(400);
  });
});
