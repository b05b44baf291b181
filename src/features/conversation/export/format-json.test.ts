import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoDataset } from '../../../../server/data/demo.ts';
import { DEMO_IDS } from '../../../../server/data/demo-ids.ts';
import { loadJsonlFile, parseJsonl } from '../../../../server/data/jsonl.ts';
import { parseCompletion, parseMessage } from '@/api/parse.ts';
import type { Json, MessageItem, StoredCompletion } from '@/api/types.ts';
import { formatJsonExport } from './format-json.ts';

const dataset = generateDemoDataset({ origin: 'http://127.0.0.1:4173' });

/** What the viewer holds after fetching a demo completion: parsed from the JSON text. */
function received(id: string): { completion: StoredCompletion; items: MessageItem[]; raw: Json[] } {
  const stored = dataset.find((s) => s.completion.id === id)!;
  const parsed = parseCompletion(JSON.parse(JSON.stringify(stored.completion)));
  if (!parsed.ok) throw new Error(parsed.reason);
  const raw = Array.from(
    { length: stored.messages.count },
    (_, i) => JSON.parse(JSON.stringify(stored.messages.at(i))) as Json,
  );
  return { completion: parsed.value, items: raw.map(parseMessage), raw };
}

const dir = await mkdtemp(join(tmpdir(), 'export-json-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('formatJsonExport', () => {
  it.each([
    ['tools', DEMO_IDS.tools],
    ['images', DEMO_IDS.images],
    ['rich', DEMO_IDS.rich],
  ])(
    'writes %s as one line the server loads back to the same completion and messages',
    async (_name, id) => {
      const { completion, items, raw } = received(id);
      const text = formatJsonExport(completion, items);
      expect(text.endsWith('\n')).toBe(true);
      expect(text.slice(0, -1)).not.toMatch(/[\r\n]/);

      const file = join(dir, `${id}.jsonl`);
      await writeFile(file, text, 'utf8');
      const [loaded, ...more] = await loadJsonlFile(file);
      expect(more).toHaveLength(0);
      // The completion exactly as the API sent it (same keys, same order, same values).
      expect(JSON.stringify(loaded!.completion)).toBe(JSON.stringify(completion.raw));
      expect(loaded!.messages.count).toBe(raw.length);
      for (let i = 0; i < raw.length; i++) {
        expect(JSON.stringify(loaded!.messages.at(i))).toBe(JSON.stringify(raw[i]));
      }
    },
  );

  it('keeps unknown fields, odd values and broken items exactly as received', () => {
    const body = {
      id: 'chatcmpl-x',
      object: 'chat.completion',
      created: 1_761_955_200,
      model: 'gpt-4o',
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
      metadata: { 'team [α]&x=y': 'a&b=c 🚀' },
      x_future_field: { nested: [1, 2.5, null, '\u2028'] },
    };
    const parsed = parseCompletion(body);
    if (!parsed.ok) throw new Error(parsed.reason);
    const rawMessages: Json[] = [
      { id: 'chatcmpl-x-0', role: 'user', content: 'line\nbreak\r\ttab', x_extra: true },
      { id: 'chatcmpl-x-1', content: 'no role: a broken item' },
      'not even an object',
    ];
    const text = formatJsonExport(parsed.value, rawMessages.map(parseMessage));
    expect(text.split('\n')).toHaveLength(2);
    const [loaded] = parseJsonl(text, 'export.jsonl');
    expect(loaded!.completion).toEqual(body);
    expect(loaded!.messages.count).toBe(3);
    expect(loaded!.messages.at(0)).toEqual(rawMessages[0]);
    expect(loaded!.messages.at(1)).toEqual(rawMessages[1]);
    expect(loaded!.messages.at(2)).toEqual(rawMessages[2]);
  });
});
