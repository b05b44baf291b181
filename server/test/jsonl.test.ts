/** `--data FILE.jsonl`: the loader, its line-numbered errors, and serving a loaded file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadJsonlFile } from '../data/jsonl.ts';
import { DEMO_IDS } from '../data/demo-ids.ts';
import { startServer } from '../http.ts';
import { getJson, useTempDir, walk, type Page } from './helpers.ts';
import { expectValid, validators } from './spec.ts';

const v = validators();
const temp = useTempDir('viewer-jsonl-');
const file = temp.file;

const completion = (id: string, created: number, extra: Record<string, unknown> = {}) => ({
  id,
  object: 'chat.completion',
  created,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      finish_reason: 'stop',
      logprobs: null,
      message: { role: 'assistant', content: 'ok', refusal: null },
    },
  ],
  metadata: { source: 'file' },
  messages: [
    { role: 'user', content: 'first', name: null, content_parts: null, refusal: null },
    {
      id: 'custom-id',
      role: 'assistant',
      content: 'second',
      name: null,
      content_parts: null,
      refusal: null,
    },
  ],
  ...extra,
});

describe('loadJsonlFile', () => {
  it('loads completions, skips blank lines, assigns missing message ids', async () => {
    const path = file('ok.jsonl', [
      completion('chatcmpl-b', 20),
      '',
      '   ',
      completion('chatcmpl-a', 10),
      '',
    ]);
    const items = await loadJsonlFile(path);
    expect(items.map((i) => i.completion.id)).toEqual(['chatcmpl-b', 'chatcmpl-a']);
    const first = items[0]!;
    expect(first.completion).not.toHaveProperty('messages');
    expect(first.messages.count).toBe(2);
    expect(first.messages.at(0)).toMatchObject({ id: 'chatcmpl-b-0', role: 'user' });
    expect(first.messages.at(1)).toMatchObject({ id: 'custom-id' });
    expect(first.messages.indexOf('custom-id')).toBe(1);
  });

  it.each([
    ['bad JSON', '{"id": "x",', /invalid JSON/],
    ['a non-object', '[1, 2]', /expected a JSON object/],
    ['no id', JSON.stringify({ created: 1, model: 'm', messages: [] }), /"id"/],
    ['no created', JSON.stringify({ id: 'x', model: 'm', messages: [] }), /"created"/],
    [
      'a fractional created',
      JSON.stringify({ id: 'x', created: 1.5, model: 'm', messages: [] }),
      /"created"/,
    ],
    ['no model', JSON.stringify({ id: 'x', created: 1, messages: [] }), /"model"/],
    [
      'messages not an array',
      JSON.stringify({ id: 'x', created: 1, model: 'm', messages: {} }),
      /"messages" must be an array/,
    ],
    [
      'no messages',
      JSON.stringify({ id: 'x', created: 1, model: 'm' }),
      /"messages" must be an array/,
    ],
    [
      'a duplicate id',
      JSON.stringify(completion('chatcmpl-a', 1)),
      /duplicate id "chatcmpl-a" \(first on line 1\)/,
    ],
  ])('fails on %s naming the file and line', async (_label, line, problem) => {
    const path = file('bad.jsonl', [
      completion('chatcmpl-a', 1),
      '',
      line,
      completion('chatcmpl-z', 3),
    ]);
    const error = await loadJsonlFile(path).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message.startsWith(`${path}:3: `)).toBe(true);
    expect(error?.message).toMatch(problem);
  });

  it('fails clearly on a missing file', async () => {
    await expect(loadJsonlFile(join(temp.dir(), 'nope.jsonl'))).rejects.toThrow(
      /nope\.jsonl: cannot read the data file \(ENOENT\)/,
    );
  });
});

describe('startServer({ dataFile })', () => {
  it('serves exactly the file, spec-valid', async () => {
    const path = file('serve.jsonl', [
      completion('chatcmpl-b', 20),
      completion('chatcmpl-a', 10, { metadata: undefined }),
    ]);
    const server = await startServer({ port: 0, quiet: true, dataFile: path });
    try {
      expect(server.mode).toEqual({ kind: 'file', file: path, completions: 2, messages: 4 });
      const list = await getJson<Page<{ id: string; metadata: unknown }>>(
        `${server.url}/v1/chat/completions`,
      );
      expectValid(v.list, list.body);
      expect(list.body.data.map((c) => c.id)).toEqual(['chatcmpl-a', 'chatcmpl-b']);
      expect(list.body.data[0]!.metadata).toEqual({});
      const messages = await getJson<Page<{ id: string }>>(
        `${server.url}/v1/chat/completions/chatcmpl-a/messages`,
      );
      expectValid(v.messages, messages.body);
      expect(messages.body.data.map((m) => m.id)).toEqual(['chatcmpl-a-0', 'custom-id']);
      const after = await getJson<Page<{ id: string }>>(
        `${server.url}/v1/chat/completions/chatcmpl-a/messages?after=custom-id&order=desc`,
      );
      expect(after.body.data.map((m) => m.id)).toEqual(['chatcmpl-a-0']);
      expect((await fetch(`${server.url}/v1/chat/completions/${DEMO_IDS.tools}`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('round-trips the export format: completion + its messages, one per line', async () => {
    const demo = await startServer({ port: 0, quiet: true });
    const ids = [DEMO_IDS.tools, DEMO_IDS.images, DEMO_IDS.refusal];
    const lines: string[] = [];
    const originals = new Map<string, { completion: unknown; messages: unknown[] }>();
    try {
      for (const id of ids) {
        const c = (await getJson<Record<string, unknown>>(`${demo.url}/v1/chat/completions/${id}`))
          .body;
        const messages = await walk<{ id: string }>(
          `${demo.url}/v1/chat/completions/${id}/messages`,
          { limit: '100' },
        );
        originals.set(id, { completion: c, messages });
        lines.push(JSON.stringify({ ...c, messages }));
      }
    } finally {
      await demo.close();
    }
    const path = join(temp.dir(), 'export.jsonl');
    writeFileSync(path, `${lines.join('\n')}\n`);
    const server = await startServer({ port: 0, quiet: true, dataFile: path });
    try {
      for (const id of ids) {
        const c = (await getJson(`${server.url}/v1/chat/completions/${id}`)).body;
        expect(c).toEqual(originals.get(id)!.completion);
        const messages = await walk<{ id: string }>(
          `${server.url}/v1/chat/completions/${id}/messages`,
          { limit: '7' },
        );
        expect(messages).toEqual(originals.get(id)!.messages);
      }
    } finally {
      await server.close();
    }
  });
});
