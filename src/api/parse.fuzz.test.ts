import { describe, expect, it } from 'vitest';
import {
  FAMILIES,
  createFuzzWorld,
  type FamilyName,
  type FuzzWorld,
} from '../../e2e/fuzz/generator.ts';
import { Rng } from '../../server/data/prng.ts';
import { validators } from '../../server/test/spec.ts';
import { listEntries } from '@/features/completions-list/utils/list-entries.ts';
import { answerPreview } from '@/features/completions-list/utils/preview.ts';
import { displayJson } from '@/features/conversation/components/json-view.tsx';
import { collectImageParts } from '@/features/conversation/inspector/utils/collect-image-parts.ts';
import {
  buildConversationRows,
  estimateMessageHeight,
} from '@/features/conversation/utils/rows.ts';
import { formatDateTime, formatNumber, formatRelative, isoDateTime } from '@/lib/format.ts';
import { describeUrl, safeImageSource } from '@/lib/safe-url.ts';
import { requestSummary, settingText } from '@/features/conversation/utils/request-summary.ts';
import {
  REQUEST_SETTING_KEYS,
  parseCompletion,
  parseCompletionsPage,
  parseMessagesPage,
} from './parse.ts';
import type { Json, MessageItem, StoredCompletion } from './types.ts';

// Schema fuzz of the lenient parser: every answer of the fuzz generator (e2e/fuzz/generator.ts,
// built from the vendored spec's schemas), then thousands of random mutations of them, go
// through parse.ts as they would arrive (JSON text). The parser never throws, keeps one item per
// message it was given, never calls something the spec allows broken, and drops no field.

const SEEDS_PER_FAMILY = 6;
const MUTATIONS = 3_000;
/** Generous: the machine running the suite may be busy; the work itself takes a few seconds. */
const HEAVY_TIMEOUT = 60_000;

type Kind = 'list' | 'completion' | 'messages';
interface Sample {
  family: FamilyName;
  kind: Kind;
  body: Json;
}

/** As it comes off the wire: JSON text parsed again (own "__proto__" keys and all). */
const wire = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** Every answer a world gives: each list page both ways, each completion, each messages page. */
function answersOf(world: FuzzWorld): { kind: Kind; status: number; body: unknown }[] {
  const out: { kind: Kind; status: number; body: unknown }[] = [];
  const ids = new Set<string>([world.openId]);
  const walk = (
    kind: Kind,
    ask: (after: string | undefined) => { status: number; body: unknown },
  ) => {
    let after: string | undefined;
    for (let page = 0; page < 8; page++) {
      const answer = ask(after);
      out.push({ kind, ...answer });
      const body = answer.body as { data?: unknown; has_more?: unknown; last_id?: unknown };
      if (answer.status !== 200 || !Array.isArray(body.data)) return;
      for (const item of body.data) {
        const id = (item as { id?: unknown } | null)?.id;
        if (kind === 'list' && typeof id === 'string') ids.add(id);
      }
      if (body.has_more !== true || typeof body.last_id !== 'string' || body.last_id === after)
        return;
      after = body.last_id;
    }
  };
  for (const order of ['asc', 'desc'] as const) {
    walk('list', (after) => world.listCompletions({ after, limit: 100, order }));
  }
  for (const id of ids) {
    out.push({ kind: 'completion', ...world.getCompletion(id) });
    walk('messages', (after) => world.listMessages(id, { after, limit: 100, order: 'asc' }));
  }
  return out;
}

const samples: Sample[] = [];
for (const family of FAMILIES) {
  for (let seed = 1; seed <= SEEDS_PER_FAMILY; seed++) {
    for (const answer of answersOf(createFuzzWorld(family.name, seed))) {
      if (answer.status === 200) {
        samples.push({ family: family.name, kind: answer.kind, body: wire(answer.body) });
      }
    }
  }
}

const schemaValid = new Set<FamilyName>(FAMILIES.filter((f) => f.schemaValid).map((f) => f.name));
const isRecord = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const RENDERED = [
  'id',
  'role',
  'content',
  'content_parts',
  'name',
  'refusal',
  'tool_calls',
  'tool_call_id',
  'function_call',
];

/** Fields of the message neither rendered nor null must all be kept (as own properties). */
function droppedFields(raw: Json, item: MessageItem): string[] {
  if (!item.ok || !isRecord(raw)) return [];
  return Object.keys(raw).filter(
    (key) =>
      !RENDERED.includes(key) && raw[key] !== null && !Object.hasOwn(item.message.extra, key),
  );
}

function checkMessagesPage(body: Json, strict: boolean): MessageItem[] {
  const page = parseMessagesPage(body);
  if (strict) expect(page.ok).toBe(true);
  if (!page.ok) {
    expect(page.reason).toMatch(/\S/);
    return [];
  }
  const input = (body as { data: Json[] }).data;
  // One item per element, in order, whatever the element is.
  expect(page.value.data).toHaveLength(input.length);
  page.value.data.forEach((item, i) => {
    if (item.ok) {
      expect(item.message.role.length).toBeGreaterThan(0);
      expect(droppedFields(input[i]!, item)).toEqual([]);
    } else {
      expect(item.reason).toMatch(/\S/);
      expect(item.raw).toBe(input[i]);
    }
  });
  if (strict) expect(page.value.data.filter((item) => !item.ok)).toEqual([]);
  return page.value.data;
}

/**
 * Where each field of a completion is shown when it has the type it is read as; a field of any
 * other type (or any other field) must be kept in `extra`.
 */
const COMPLETION_VIEWS: Record<string, (value: Json) => boolean> = {
  id: () => true,
  object: (value) => value === 'chat.completion',
  created: (value) => typeof value === 'number' && Number.isFinite(value),
  model: (value) => typeof value === 'string',
  usage: isRecord,
  system_fingerprint: (value) => typeof value === 'string',
  metadata: isRecord,
  choices: Array.isArray,
  tools: Array.isArray,
  tool_choice: () => true,
  response_format: isRecord,
  prediction: () => true,
  request_id: (value) => typeof value === 'string',
  ...Object.fromEntries(REQUEST_SETTING_KEYS.map((key) => [key, () => true])),
};

/** Fields of the completion neither null, nor shown, nor kept in `extra`. */
function droppedCompletionFields(
  raw: Record<string, Json>,
  completion: StoredCompletion,
): string[] {
  return Object.keys(raw).filter((key) => {
    const value = raw[key]!;
    if (value === null || Object.hasOwn(completion.extra, key)) return false;
    return !(Object.hasOwn(COMPLETION_VIEWS, key) && COMPLETION_VIEWS[key]!(value));
  });
}

function checkCompletion(body: Json, strict: boolean): StoredCompletion | null {
  const completion = parseCompletion(body);
  if (strict) expect(completion.ok).toBe(true);
  if (!completion.ok) return null;
  const raw = body as Record<string, Json>;
  if (Array.isArray(raw.choices)) expect(completion.value.choices).toHaveLength(raw.choices.length);
  if (isRecord(raw.metadata)) {
    expect(Object.keys(completion.value.metadata)).toEqual(Object.keys(raw.metadata));
  }
  if (strict) {
    for (const choice of completion.value.choices) expect(choice.message.ok).toBe(true);
  }
  expect(droppedCompletionFields(raw, completion.value)).toEqual([]);
  return completion.value;
}

function checkList(body: Json, strict: boolean): StoredCompletion[] {
  const page = parseCompletionsPage(body);
  if (strict) expect(page.ok).toBe(true);
  if (!page.ok) return [];
  const input = (body as { data: Json[] }).data;
  // Every element is a completion, or set aside with its position to be shown in place.
  const unreadable = page.value.unreadable ?? [];
  expect(page.value.data.length + unreadable.length).toBe(input.length);
  for (const item of unreadable) expect(item.raw).toBe(input[item.position]);
  if (strict) expect(unreadable).toEqual([]);
  const entries = listEntries([page.value]);
  expect(entries).toHaveLength(input.length);
  expect(new Set(entries.map((entry) => entry.key)).size).toBe(entries.length);
  return page.value.data;
}

/** What the views compute from parsed data, none of which may throw either. */
function exerciseViews(completion: StoredCompletion | null, items: MessageItem[]): void {
  const rows = buildConversationRows('c', items, completion?.choices, false);
  expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  for (const item of items) expect(estimateMessageHeight(item)).toBeGreaterThan(0);
  for (const image of collectImageParts(rows)) {
    safeImageSource(image.url);
    describeUrl(image.url);
  }
  for (const item of items) displayJson(item.ok ? item.message.raw : item.raw);
  if (completion) {
    answerPreview(completion);
    if (completion.created !== null) {
      isoDateTime(completion.created);
      formatDateTime(completion.created);
      formatRelative(completion.created);
    }
    formatNumber(completion.usage?.total_tokens);
    requestSummary(completion.request);
    for (const setting of completion.request.settings) settingText(setting.value);
    displayJson(completion.raw);
  }
}

describe('parse.ts on schema-generated answers', () => {
  it('draws a few thousand samples from every family', () => {
    const families = new Set(samples.map((sample) => sample.family));
    expect([...families].sort()).toEqual(FAMILIES.map((f) => f.name).sort());
    const items = samples.reduce(
      (sum, sample) =>
        sum +
        (isRecord(sample.body) && Array.isArray(sample.body.data) ? sample.body.data.length : 1),
      0,
    );
    console.log(`${samples.length} answers, ${items} items`);
    expect(items).toBeGreaterThan(2_000);
  });

  it(
    'the families marked schema-valid answer only what the spec allows',
    () => {
      const v = validators();
      const validate = { list: v.list, completion: v.completion, messages: v.messages };
      for (const sample of samples) {
        if (!schemaValid.has(sample.family)) continue;
        const ok = validate[sample.kind](sample.body);
        expect(
          ok,
          `${sample.family} ${sample.kind}: ${JSON.stringify(validate[sample.kind].errors?.[0])}`,
        ).toBe(true);
      }
    },
    HEAVY_TIMEOUT,
  );

  it(
    'never throws, keeps one item per message, and calls nothing valid broken',
    () => {
      for (const sample of samples) {
        const strict = schemaValid.has(sample.family);
        if (sample.kind === 'messages') exerciseViews(null, checkMessagesPage(sample.body, strict));
        else if (sample.kind === 'completion')
          exerciseViews(checkCompletion(sample.body, strict), []);
        else for (const completion of checkList(sample.body, strict)) exerciseViews(completion, []);
      }
    },
    HEAVY_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// Mutations: any node of a generated answer replaced, removed or joined by odd JSON.

const ODD_VALUES: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'x',
  '__proto__',
  '🚀‮',
  [],
  [null],
  [[[]]],
  {},
  { type: 'text' },
  { role: 'user' },
  JSON.parse('{"__proto__": {"role": "polluted"}}') as Json,
];

function mutate(value: Json, rng: Rng, depth = 0): Json {
  if (rng.chance(0.08 + depth * 0.04)) return structuredClone(rng.pick(ODD_VALUES));
  if (Array.isArray(value)) {
    const out = value.map((item) => (rng.chance(0.3) ? mutate(item, rng, depth + 1) : item));
    if (rng.chance(0.1)) out.push(structuredClone(rng.pick(ODD_VALUES)));
    if (rng.chance(0.1)) out.splice(rng.int(0, out.length), 1);
    return out;
  }
  if (isRecord(value)) {
    const out: Record<string, Json> = {};
    for (const [key, field] of Object.entries(value)) {
      if (rng.chance(0.05)) continue;
      out[key] = rng.chance(0.3) ? mutate(field, rng, depth + 1) : field;
    }
    if (rng.chance(0.1))
      out[rng.pick(['role', 'content', 'id', 'data', 'extra'])] = rng.pick(ODD_VALUES);
    return out;
  }
  return value;
}

describe('parse.ts on mutated answers', () => {
  it(
    `never throws on ${MUTATIONS.toLocaleString('en-US')} mutations, one item per element`,
    () => {
      const rng = new Rng('parse-mutations');
      // Small samples only: mutating the megabyte ones thousands of times proves nothing more.
      const pool = samples.filter((sample) => JSON.stringify(sample.body).length < 50_000);
      let broken = 0;
      for (let i = 0; i < MUTATIONS; i++) {
        const sample = rng.pick(pool);
        const body = wire(mutate(sample.body, rng));
        if (sample.kind === 'messages') {
          const items = checkMessagesPage(body, false);
          broken += items.filter((item) => !item.ok).length;
          exerciseViews(null, items);
        } else if (sample.kind === 'completion') {
          exerciseViews(checkCompletion(body, false), []);
        } else {
          for (const completion of checkList(body, false)) exerciseViews(completion, []);
        }
      }
      console.log(`${MUTATIONS} mutated answers, ${broken} unreadable messages among them`);
      // The mutations do reach the parser's refusals, not only its happy path.
      expect(broken).toBeGreaterThan(50);
    },
    HEAVY_TIMEOUT,
  );
});

describe('fields named like Object.prototype members (regression)', () => {
  it('keeps "__proto__" as a field and as a metadata key instead of dropping it', () => {
    const page = parseMessagesPage(
      wire(
        JSON.parse(
          '{"object":"list","data":[{"id":"m","role":"user","content":"x","__proto__":{"a":1},"constructor":"c"}],"first_id":"m","last_id":"m","has_more":false}',
        ),
      ),
    );
    const item = page.ok ? page.value.data[0] : undefined;
    expect(item?.ok && Object.keys(item.message.extra)).toEqual(['__proto__', 'constructor']);
    expect(item?.ok && Object.getPrototypeOf(item.message.extra)).toBe(Object.prototype);

    const completion = parseCompletion(
      JSON.parse('{"id":"c","choices":[],"metadata":{"__proto__":"v","k":"w"}}') as Json,
    );
    expect(completion.ok && completion.value.metadata).toEqual(
      JSON.parse('{"__proto__":"v","k":"w"}'),
    );
    expect(completion.ok && Object.keys(completion.value.metadata)).toEqual(['__proto__', 'k']);
  });

  it('reads a `created` of 1e400 (Infinity once parsed) as no date', () => {
    const completion = parseCompletion(JSON.parse('{"id":"c","created":1e400}') as Json);
    expect(completion.ok && completion.value.created).toBeNull();
  });
});
