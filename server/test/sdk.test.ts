/** The official `openai` SDK (v6) against the local server: proves wire compatibility. */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_IDS,
  LONG_MESSAGE_COUNT,
  ODD_METADATA_KEY,
  ODD_METADATA_VALUE,
} from '../data/demo-ids.ts';
import { startServer, type RunningServer } from '../http.ts';

let server: RunningServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startServer({ port: 0, quiet: true });
  client = new OpenAI({ apiKey: 'sk-local-anything', baseURL: `${server.url}/v1`, maxRetries: 0 });
});
afterAll(() => server.close());

describe('official SDK', () => {
  it('auto-paginates client.chat.completions.list()', async () => {
    const ids: string[] = [];
    for await (const c of client.chat.completions.list({ limit: 50 })) ids.push(c.id);
    expect(server.mode.kind).toBe('demo');
    expect(ids).toHaveLength(server.mode.kind === 'demo' ? server.mode.completions : -1);
    expect(new Set(ids).size).toBe(ids.length);
    const desc: string[] = [];
    for await (const c of client.chat.completions.list({ order: 'desc', limit: 100 }))
      desc.push(c.id);
    expect(desc).toEqual([...ids].reverse());
  });

  it('filters with metadata the way the SDK encodes it', async () => {
    const page = await client.chat.completions.list({
      metadata: { [ODD_METADATA_KEY]: ODD_METADATA_VALUE },
    });
    expect(page.data.map((c) => c.id).sort()).toEqual(
      [DEMO_IDS.oddMetadataA, DEMO_IDS.oddMetadataB].sort(),
    );
    const acme = await client.chat.completions.list({
      model: 'gpt-4o',
      metadata: { customer: 'acme' },
      limit: 100,
    });
    // The SDK's ChatCompletion type has no `metadata` field, though stored completions carry it.
    const metadataOf = (c: object) => (c as { metadata?: Record<string, string> }).metadata;
    expect(acme.data.length).toBeGreaterThan(0);
    expect(acme.data.every((c) => c.model === 'gpt-4o' && metadataOf(c)?.customer === 'acme')).toBe(
      true,
    );
  });

  it('auto-paginates client.chat.completions.messages.list(id) over 10,000 messages', async () => {
    let i = 0;
    for await (const m of client.chat.completions.messages.list(DEMO_IDS.long, { limit: 100 })) {
      if (m.id !== `${DEMO_IDS.long}-${i}`) throw new Error(`unexpected ${m.id} at ${i}`);
      i++;
    }
    expect(i).toBe(LONG_MESSAGE_COUNT);
    const images = await client.chat.completions.messages.list(DEMO_IDS.images);
    expect(images.data[1]!.content_parts?.[1]).toMatchObject({ type: 'image_url' });
  });

  it('retrieves, updates and deletes; errors map to the SDK’s error classes', async () => {
    const c = await client.chat.completions.retrieve(DEMO_IDS.refusal);
    expect(c.choices[0]!.message.refusal).toBeTruthy();
    const { data, response } = await client.chat.completions
      .retrieve(DEMO_IDS.refusal)
      .withResponse();
    expect(data.id).toBe(DEMO_IDS.refusal);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);

    const updated = await client.chat.completions.update(DEMO_IDS.refusal, {
      metadata: { reviewed: 'true' },
    });
    expect((updated as { metadata?: unknown }).metadata).toEqual({ reviewed: 'true' });

    const deleted = await client.chat.completions.delete(DEMO_IDS.refusal);
    expect(deleted).toEqual({
      object: 'chat.completion.deleted',
      id: DEMO_IDS.refusal,
      deleted: true,
    });
    const gone = await client.chat.completions.retrieve(DEMO_IDS.refusal).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(OpenAI.NotFoundError);
    expect((gone as InstanceType<typeof OpenAI.NotFoundError>).message).toContain(
      'No chat completion found',
    );
    expect((gone as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);

    const bad = await client.chat.completions
      .update(DEMO_IDS.tools, { metadata: { note: 'x'.repeat(513) } })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('metadata.note');
  });
});
