/** GET /__viewer/conversation: a conversation's length and the ids at both of its ends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../routes/conversation-summary.ts';
import { startServer, type RunningServer } from '../http.ts';
import { DEMO_IDS, LONG_MESSAGE_COUNT } from '../data/demo-ids.ts';
import { getJson, useTempDir } from './helpers.ts';

describe('conversation summary', () => {
  const temp = useTempDir('viewer-summary-');
  let demo: RunningServer;
  let file: RunningServer;
  beforeAll(async () => {
    demo = await startServer({ port: 0, quiet: true, db: ':memory:' });
    const path = temp.file('data.jsonl', [
      {
        id: 'c1',
        object: 'chat.completion',
        created: 1,
        model: 'm',
        choices: [],
        messages: [
          { id: 'first', role: 'user', content: 'a' },
          { id: 'last', role: 'user', content: 'b' },
        ],
      },
      { id: 'c2', object: 'chat.completion', created: 2, model: 'm', choices: [], messages: [] },
    ]);
    file = await startServer({ port: 0, quiet: true, db: ':memory:', dataFile: path });
  });
  afterAll(async () => {
    await demo.close();
    await file.close();
  });

  it('counts the messages of the demo’s long conversation and names its ends', async () => {
    const res = await getJson<ConversationSummary>(
      `${demo.url}/__viewer/conversation?id=${DEMO_IDS.long}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: DEMO_IDS.long,
      message_count: LONG_MESSAGE_COUNT,
      first_message_id: `${DEMO_IDS.long}-0`,
      last_message_id: `${DEMO_IDS.long}-${LONG_MESSAGE_COUNT - 1}`,
    });
  });

  it('reads any ids, and an empty conversation', async () => {
    const one = await getJson<ConversationSummary>(`${file.url}/__viewer/conversation?id=c1`);
    expect(one.body).toMatchObject({
      message_count: 2,
      first_message_id: 'first',
      last_message_id: 'last',
    });
    const empty = await getJson<ConversationSummary>(`${file.url}/__viewer/conversation?id=c2`);
    expect(empty.body).toMatchObject({
      message_count: 0,
      first_message_id: null,
      last_message_id: null,
    });
  });

  it('answers OpenAI-shaped errors: a missing id, an unknown completion', async () => {
    const missing = await getJson<{ error: { param: string } }>(
      `${file.url}/__viewer/conversation`,
    );
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('id');
    const unknown = await getJson<{ error: { code: string } }>(
      `${file.url}/__viewer/conversation?id=nope`,
    );
    expect(unknown.status).toBe(404);
  });

  it('refuses another site’s page', async () => {
    const res = await fetch(`${file.url}/__viewer/conversation?id=c1`, {
      headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(res.status).toBe(403);
  });
});
