/** Contract tests: the messages endpoint, its content shapes and cursor walks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_IDS,
  DEMO_IMAGES,
  EXPIRED_IMAGE_PATH,
  HOSTILE_BIG_CODE_LINES,
  LONG_MESSAGE_COUNT,
} from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';
import { getJson, rawRequest, walk, type Page } from './helpers.ts';
import { pngSize } from './images.ts';
import { expectValid, validators } from './spec.ts';

interface Part {
  type: string;
  text?: string;
  image_url?: { url: string; detail: string };
}
interface Message {
  id: string;
  role: string;
  content: string | null;
  name: string | null;
  content_parts: Part[] | null;
  tool_calls?: {
    id: string;
    type: string;
    function?: { name: string; arguments: string };
    custom?: { name: string; input: string };
  }[];
  tool_call_id?: string;
}

let server: RunningServer;
const v = validators();
const messagesUrl = (id: string) => `${server.url}/v1/chat/completions/${id}/messages`;

beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true, allowedHosts: ['viewer.example:8443'] });
});
afterAll(() => server.close());

async function all(id: string): Promise<Message[]> {
  return walk<Message>(messagesUrl(id), { limit: '100' }, (p) => expectValid(v.messages, p));
}

describe('GET /v1/chat/completions/{id}/messages', () => {
  it('answers a spec-valid page with ids <completion_id>-<index>', async () => {
    const { status, headers, body } = await getJson<Page<Message>>(messagesUrl(DEMO_IDS.tools));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('x-request-id')).toMatch(/^req_/);
    expectValid(v.messages, body);
    body.data.forEach((m, i) => expect(m.id).toBe(`${DEMO_IDS.tools}-${i}`));
    expect(body.first_id).toBe(`${DEMO_IDS.tools}-0`);
  });

  it('walks all 10,000 messages of the long conversation asc and desc, each once, in order', async () => {
    const pages: Page<Message>[] = [];
    const asc = await walk<Message>(messagesUrl(DEMO_IDS.long), { limit: '100' }, (p) => {
      expectValid(v.messages, p);
      pages.push(p);
    });
    expect(asc).toHaveLength(LONG_MESSAGE_COUNT);
    asc.forEach((m, i) => {
      if (m.id !== `${DEMO_IDS.long}-${i}`) throw new Error(`message ${i} has id ${m.id}`);
    });
    expect(pages).toHaveLength(LONG_MESSAGE_COUNT / 100);
    expect(pages.filter((p) => !p.has_more)).toEqual([pages.at(-1)]);

    const desc = await walk<Message>(
      messagesUrl(DEMO_IDS.long),
      { limit: '100', order: 'desc' },
      (p) => expectValid(v.messages, p),
    );
    expect(desc.map((m) => m.id)).toEqual(asc.map((m) => m.id).reverse());

    // Varied content: one-liners to several KB, every role, some image parts, names.
    const lengths = asc.map((m) => m.content?.length ?? 0);
    expect(Math.min(...lengths.filter((l) => l > 0))).toBeLessThan(100);
    expect(Math.max(...lengths)).toBeGreaterThan(2000);
    expect(new Set(asc.map((m) => m.role))).toEqual(
      new Set(['system', 'developer', 'user', 'assistant', 'tool']),
    );
    expect(
      asc.filter((m) => m.content_parts?.some((p) => p.type === 'image_url')).length,
    ).toBeGreaterThan(50);
    expect(asc.some((m) => m.name)).toBe(true);
    expect(asc.at(-1)!.role).toBe('user');
  });

  it('pages with odd limits, and the default of 20', async () => {
    const { body } = await getJson<Page<Message>>(messagesUrl(DEMO_IDS.long));
    expect(body.data).toHaveLength(20);
    const seven = await walk<Message>(messagesUrl(DEMO_IDS.images), { limit: '3' });
    expect(seven.map((m) => m.id)).toEqual((await all(DEMO_IDS.images)).map((m) => m.id));
    const after = await getJson<Page<Message>>(
      `${messagesUrl(DEMO_IDS.long)}?after=${DEMO_IDS.long}-9998&limit=5`,
    );
    expect(after.body.data.map((m) => m.id)).toEqual([`${DEMO_IDS.long}-9999`]);
    expect(after.body.has_more).toBe(false);
    const end = await getJson<Page<Message>>(
      `${messagesUrl(DEMO_IDS.long)}?after=${DEMO_IDS.long}-0&order=desc`,
    );
    expectValid(v.messages, end.body);
    expect(end.body).toEqual({
      object: 'list',
      data: [],
      first_id: null,
      last_id: null,
      has_more: false,
    });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['order=up', 'order'],
    [`after=${DEMO_IDS.long}-10000`, 'after'],
    [`after=${DEMO_IDS.tools}-1`, 'after'], // an id of another conversation
    ['after=nope', 'after'],
  ])('rejects %s with 400', async (query, param) => {
    const { status, body } = await getJson<{ error: { param: string } }>(
      `${messagesUrl(DEMO_IDS.long)}?${query}`,
    );
    expect(status).toBe(400);
    expectValid(v.error, body);
    expect(body.error.param).toBe(param);
  });
});

describe('message shapes', () => {
  it('tools: tool_calls on assistant messages, tool messages answer them, one bad JSON argument', async () => {
    const messages = await all(DEMO_IDS.tools);
    const calls = messages.flatMap((m) => m.tool_calls ?? []);
    expect(calls.length).toBeGreaterThanOrEqual(5);
    const toolMessages = messages.filter((m) => m.role === 'tool');
    for (const t of toolMessages) expect(calls.map((c) => c.id)).toContain(t.tool_call_id);
    const badJson = calls.filter((c) => {
      if (c.type !== 'function') return false;
      try {
        JSON.parse(c.function!.arguments);
        return false;
      } catch {
        return true;
      }
    });
    expect(badJson).toHaveLength(1);
    expect(
      calls.some((c) => c.type === 'custom' && c.custom!.input.includes('*** Begin Patch')),
    ).toBe(true);
    expect(messages.find((m) => m.role === 'user')!.name).toBe('alice');
    expect(messages.every((m) => m.content_parts === null)).toBe(true);
  });

  it('images: parts with absolute local URLs and data URLs, detail low/high/auto, text joined in content', async () => {
    const messages = await all(DEMO_IDS.images);
    const parts = messages.flatMap((m) => m.content_parts ?? []);
    const images = parts.filter((p) => p.type === 'image_url').map((p) => p.image_url!);
    expect(images.length).toBeGreaterThanOrEqual(15);
    expect(new Set(images.map((i) => i.detail))).toEqual(new Set(['low', 'high', 'auto']));
    expect(images.some((i) => i.url.startsWith('data:image/png;base64,'))).toBe(true);
    expect(images.some((i) => i.url.startsWith('data:image/jpeg;base64,'))).toBe(true);
    const local = images.filter((i) => i.url.startsWith('http'));
    for (const name of Object.keys(DEMO_IMAGES)) {
      expect(local.map((i) => i.url)).toContain(`${server.url}/demo-assets/images/${name}`);
    }
    const imageOnly = messages.find((m) => m.content_parts?.every((p) => p.type === 'image_url'));
    expect(imageOnly?.content).toBeNull();
    const mixed = messages.find(
      (m) => (m.content_parts?.filter((p) => p.type === 'text').length ?? 0) === 2,
    )!;
    expect(mixed.content).toBe(
      mixed
        .content_parts!.filter((p) => p.type === 'text')
        .map((p) => p.text)
        .join('\n'),
    );
    // Messages sent as a plain string have content_parts null.
    expect(messages.find((m) => m.role === 'system')!.content_parts).toBeNull();
  });

  it('builds image URLs from the Host the client used', async () => {
    const res = await rawRequest(
      server.url,
      `/v1/chat/completions/${DEMO_IDS.images}/messages?limit=2`,
      {
        headers: { Host: 'viewer.example:8443' },
      },
    );
    const page = JSON.parse(res.body.toString('utf8')) as Page<Message>;
    expect(page.data[1]!.content_parts![1]!.image_url!.url).toBe(
      'http://viewer.example:8443/demo-assets/images/grid-1024.png',
    );
    expect(res.body.toString('utf8')).not.toContain('viewer-demo-origin.invalid');
  });

  it('markdown and rtl conversations carry what their names promise', async () => {
    const md = await all(DEMO_IDS.markdown);
    const mdText = md.map((m) => m.content ?? '').join('\n');
    expect(mdText).toMatch(/```ts\n/);
    expect(mdText).toMatch(/\|---/);
    const answer = (
      await getJson<{ choices: { message: { content: string } }[] }>(
        `${server.url}/v1/chat/completions/${DEMO_IDS.markdown}`,
      )
    ).body.choices[0]!.message.content;
    expect(answer.length).toBeGreaterThan(4000);
    expect(answer).toContain('<script>');
    const rtl = (await all(DEMO_IDS.rtl)).map((m) => m.content ?? '').join('\n');
    expect(rtl).toMatch(/[\u0600-\u06FF]/); // Arabic
    expect(rtl).toMatch(/[\u0590-\u05FF]/); // Hebrew
    expect(rtl).toMatch(/\p{Extended_Pictographic}/u);
  });

  it('hostile: HTML, bad-scheme links, markdown images and a 2,000-line code block', async () => {
    const messages = await all(DEMO_IDS.hostile);
    const texts = messages.flatMap((m) => [
      m.content ?? '',
      ...(m.content_parts ?? []).map((p) => p.text ?? ''),
      ...(m.tool_calls ?? []).map((c) => c.function?.arguments ?? ''),
    ]);
    const joined = texts.join('\n');
    for (const payload of [
      '<script>',
      'onerror=',
      '<svg onload',
      '](javascript:',
      'jav&#x61;script:',
    ])
      expect(joined).toContain(payload);
    expect(joined).toContain(`![tracking pixel](${server.url}/demo-assets/images/`);
    const big = texts.find((t) => t.includes('```ts\n'))!;
    const inner = big.slice(big.indexOf('```ts\n') + 6, big.lastIndexOf('\n```'));
    expect(inner.split('\n')).toHaveLength(HOSTILE_BIG_CODE_LINES);
  });

  it('bigImage: one data URL PNG of about 5 MB', async () => {
    const messages = await all(DEMO_IDS.bigImage);
    const url = messages.flatMap((m) => m.content_parts ?? []).find((p) => p.type === 'image_url')!
      .image_url!.url;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const base64 = url.slice('data:image/png;base64,'.length);
    expect(base64.length).toBeGreaterThan(4_900_000);
    expect(base64.length).toBeLessThan(5_100_000);
    const bytes = Buffer.from(base64, 'base64');
    expect(pngSize(bytes)).toEqual({ width: 1120, height: 1116 });
  });

  it('expiredImage: its URL answers 404 while the other image loads', async () => {
    const messages = await all(DEMO_IDS.expiredImage);
    const urls = messages
      .flatMap((m) => m.content_parts ?? [])
      .filter((p) => p.type === 'image_url')
      .map((p) => p.image_url!.url);
    expect(urls[0]).toBe(`${server.url}${EXPIRED_IMAGE_PATH}`);
    expect((await fetch(urls[0]!)).status).toBe(404);
    expect((await fetch(urls[1]!)).status).toBe(200);
  });
});
