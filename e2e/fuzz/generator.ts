/**
 * A seeded generator of strange answers for the three reads the viewer makes (the completions
 * list, one completion, a page of messages), built from the vendored spec's schemas with
 * json-schema-faker and then bent by one "family" of strangeness. Same family and seed, same
 * answers: every value derives from the seed (the faker's own seeded PRNG and ours), never
 * from the clock or Math.random().
 *
 * A world is a small set of stored completions with their messages, paged by a tiny page size
 * so every walk crosses pages. Families marked `schemaValid` answer only what the spec allows
 * (checked with Ajv in src/api/parse.fuzz.test.ts); the others go beyond it on purpose.
 */
import { generateSync, type JsonSchema, type Random } from 'json-schema-faker';
import { Rng, hashString } from '../../server/data/prng.ts';
import { fuzzSchemas } from './schemas.ts';

/** Image URLs point here; the fuzz server rewrites it to its own origin (no outside requests). */
export const FUZZ_ORIGIN = 'http://fuzz-origin.invalid';

export const FAMILIES = [
  { name: 'missing-optional', schemaValid: true, what: 'only the required fields' },
  { name: 'nulls', schemaValid: true, what: 'null wherever the schema allows it' },
  { name: 'empty-arrays', schemaValid: true, what: 'empty list, no choices, empty arrays' },
  { name: 'huge-strings', schemaValid: true, what: '≥1 MB texts, arguments, data URL, refusal' },
  { name: 'extra-fields', schemaValid: true, what: 'unknown fields on every object' },
  { name: 'odd-ids', schemaValid: true, what: 'ids with / ? # % & + space .. emoji RTL, long' },
  { name: 'odd-parts', schemaValid: false, what: 'content as parts arrays, odd part types' },
  { name: 'has-more-empty', schemaValid: true, what: 'has_more: true, then an empty page' },
  { name: 'cursor-repeat', schemaValid: true, what: 'last_id repeats a cursor (would loop)' },
  { name: 'duplicate-ids', schemaValid: true, what: 'the same ids again, across pages' },
  { name: 'wrong-types', schemaValid: false, what: 'valid JSON, wrong types at every level' },
  { name: 'extreme-numbers', schemaValid: true, what: 'dates past year 275760, ±2^53 counts' },
] as const;

export type FamilyName = (typeof FAMILIES)[number]['name'];

export interface FuzzQuery {
  after?: string | undefined;
  limit?: number | undefined;
  order?: 'asc' | 'desc' | undefined;
  model?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/** An HTTP answer: status and a JSON body. */
export interface FuzzAnswer {
  status: number;
  body: unknown;
}

export interface FuzzWorld {
  family: FamilyName;
  seed: number;
  /** The completion a test opens: the first row of the list whenever the list has rows. */
  openId: string;
  /** Whether `openId`'s row is in the list (else it is reachable by id only). */
  openIdListed: boolean;
  /** Items the list holds (broken ones included). */
  listedCount: number;
  /** Items of `openId`'s messages (broken ones included). */
  openMessageCount: number;
  /** A message of `openId` on its second page to deep-link to, where ids allow a link. */
  deepLinkMessageId: string | null;
  listCompletions(query: FuzzQuery): FuzzAnswer;
  getCompletion(id: string): FuzzAnswer;
  listMessages(completionId: string, query: FuzzQuery): FuzzAnswer;
}

type Obj = Record<string, unknown>;

/** Small pages, so that every conversation and every list crosses a few of them. */
export const LIST_PAGE_SIZE = 4;
export const MESSAGES_PAGE_SIZE = 5;
/** ≥ 1 MB, as the brief of the huge-strings family asks. */
export const HUGE_LENGTH = 1_100_000;

type FakeMode = 'required' | 'some' | 'all';

function fake(schema: JsonSchema, seed: number, mode: FakeMode): Obj {
  return generateSync(schema, {
    seed,
    maxDepth: 14,
    maxDefaultItems: 3,
    formats: { uri: (random: Random) => `${FUZZ_ORIGIN}/img/${random.int(0, 3)}.png` },
    ...(mode === 'required'
      ? { optionalsProbability: 0 }
      : mode === 'all'
        ? { alwaysFakeOptionals: true }
        : {}),
  }) as Obj;
}

const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets a key as an own, enumerable property, even `__proto__` (JSON.stringify then writes it). */
function setOwn(target: Obj, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function choicesOf(completion: Obj): Obj[] {
  return Array.isArray(completion.choices) ? completion.choices.filter(isObj) : [];
}

function messageOfChoice(choice: Obj): Obj | null {
  return isObj(choice.message) ? choice.message : null;
}

// ---------------------------------------------------------------------------------------------
// Strange values

/** Ids that need care in URLs, paths, DOM ids and selectors. */
const ODD_IDS = [
  'chatcmpl-a/b?c=d&e#f',
  '100% sure + space .. ok',
  `🚀 emoji ✨ مرحبا שלום ${'long-'.repeat(300)}end`,
  '..',
  '.',
  '%2F%00%zz',
  '\\back\\slash',
  '<img src=x onerror=alert(1)>',
  ' leading and trailing ',
  'a"b\'c`d',
];

/** Metadata keys that need encoding in `metadata[key]=value`. */
const ODD_KEYS = ['a[b]c', 'x&y=z', 'emoji 🚀', 'RTL عربى', '__proto__', 'constructor', ''];

function hugeText(rng: Rng, length: number): string {
  const lines = [
    '# A heading',
    'Plain text with **bold**, `code` and a [link](https://example.com).',
    'مرحبا بالعالم — שלום עולם — mixed RTL 🚀✨👩‍👩‍👧',
    '- a list item',
    '```js\nconsole.log("code");\n```',
    'x'.repeat(500),
  ];
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const line = rng.pick(lines);
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n');
}

function hugeSingleLine(length: number): string {
  return 'word '.repeat(Math.ceil(length / 5)).slice(0, length);
}

function hugeBase64(rng: Rng, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const chunk = Array.from({ length: 4096 }, () => alphabet[rng.int(0, 63)]).join('');
  return chunk.repeat(Math.ceil(length / chunk.length)).slice(0, length - (length % 4));
}

function deepObject(depth: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { [`level${depth - i}`]: value, list: [i, null] };
  return value;
}

/** Unknown fields, chosen by seed: nested, prototype-shaped names, empty and long keys. */
function addExtraFields(target: Obj, rng: Rng): void {
  const extras: [string, () => unknown][] = [
    ['x_fuzz_note', () => 'an unknown string'],
    ['x_fuzz_nested', () => ({ a: [1, { b: null, c: ['d', { e: true }] }] })],
    ['x_fuzz_deep', () => deepObject(40)],
    ['__proto__', () => ({ polluted: true })],
    ['constructor', () => 'not a function'],
    ['toString', () => 5],
    ['hasOwnProperty', () => 'nope'],
    ['valueOf', () => null],
    ['', () => 'an empty key'],
    ['k'.repeat(300), () => 'a long key'],
    ['ключ 🔑', () => ['unicode', 'key']],
  ];
  const count = rng.int(3, extras.length);
  const start = rng.int(0, extras.length - 1);
  for (let i = 0; i < count; i++) {
    const [key, make] = extras[(start + i) % extras.length]!;
    setOwn(target, key, make());
  }
}

/** Content parts of every odd kind the request shape (and worse) allows. */
function oddParts(rng: Rng): unknown[] {
  const parts: unknown[] = [
    { type: 'text', text: 'a plain text part' },
    { type: 'text', text: 42 },
    { type: 'text' },
    { type: 'image_url', image_url: { url: `${FUZZ_ORIGIN}/img/1.png`, detail: 'ultra' } },
    { type: 'image_url', image_url: { url: 'javascript:alert(1)' } },
    { type: 'image_url', image_url: { url: 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=' } },
    { type: 'image_url', image_url: { url: '/relative.png' } },
    { type: 'image_url', image_url: { url: '' } },
    { type: 'image_url', image_url: 'https://a-string-not-an-object.invalid/x.png' },
    { type: 'image_url', image_url: { url: `${FUZZ_ORIGIN}/img/missing.png`, detail: null } },
    { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
    { type: 'file', file: { file_id: 'file-abc', filename: 'report.pdf' } },
    { type: 'refusal', refusal: 'a refusal part' },
    { type: 'hologram', hologram: { depth: 3 } },
    { no_type: true },
    'a bare string',
    42,
    null,
    [1, [2, [3]]],
    true,
    { type: 5 },
    { type: '' },
    { type: '__proto__' },
    { type: 'constructor' },
  ];
  const start = rng.int(0, parts.length - 1);
  const count = rng.int(6, parts.length);
  return Array.from({ length: count }, (_, i) => parts[(start + i) % parts.length]);
}

/** Messages that are valid JSON but not messages, or messages with wrongly typed fields. */
const WRONG_MESSAGES: unknown[] = [
  null,
  'a string instead of a message',
  42,
  [1, 2],
  {},
  { role: 5, content: 'a numeric role' },
  { role: '', content: 'an empty role' },
  { id: 'w-1', role: 'user', content: { an: 'object' } },
  { id: 'w-2', role: 'assistant', content: null, tool_calls: 'not an array' },
  {
    id: 'w-3',
    role: 'assistant',
    content: null,
    tool_calls: [
      null,
      5,
      'x',
      { function: 'a string' },
      { id: 5, type: 7, function: { name: 5, arguments: { a: 1 } } },
    ],
  },
  { id: 'w-4', role: 'user', content: null, content_parts: 'not an array' },
  { id: 'w-5', role: 'user', content: null, content_parts: [{ type: 'text', text: 5 }] },
  { id: 7, role: 'tool', tool_call_id: 5, name: {}, refusal: 7, content: ['x', 5] },
  { id: 'w-6', role: 'constructor', content: 'a role named like a prototype member' },
  { id: 'w-7', role: '__proto__', content: 'another one' },
  { id: 'w-8', role: 'toString', content: 'and another' },
  { id: 'w-9', role: 'assistant', content: 'x', function_call: 'not an object', audio: 5 },
];

const WRONG_COMPLETIONS: unknown[] = [
  null,
  'a string instead of a completion',
  { id: 5 },
  { id: '' },
  { object: 'chat.completion', choices: [] },
];

/**
 * What a completion says of its request (not in the spec's schema, but in every real answer),
 * every field of the wrong type, and tools and formats that are not what they claim.
 */
function wrongRequestFields(completion: Obj): void {
  Object.assign(completion, {
    temperature: 'hot',
    top_p: { value: 1 },
    seed: '42',
    n: [2],
    stop: { not: 'a list' },
    logit_bias: 'none',
    reasoning_effort: 3,
    request_id: 7,
    tool_choice: ['auto'],
    tools: [
      null,
      5,
      'get_weather',
      [1, 2],
      { function: 'a string' },
      { type: 'function', function: { name: 5, description: {}, parameters: 'a string' } },
      // Its own "__proto__" field (a literal `__proto__:` would set the prototype instead).
      JSON.parse('{"type": "__proto__", "__proto__": {"name": "polluted"}}') as unknown,
      { type: 'toString' },
      { type: 'custom', custom: { name: 'c', format: [null] } },
      { type: 'function', function: { name: 'deep', strict: 'yes', parameters: deepObject(40) } },
    ],
    response_format: { type: 7, json_schema: 'not an object', schema: [] },
    prediction: { type: 'content', content: [5, { text: 7 }, null] },
  });
}

function wrongCompletionFields(completion: Obj): void {
  wrongRequestFields(completion);
  completion.model = 42;
  completion.created = 'yesterday';
  completion.usage = 'lots';
  completion.metadata = [1, 2];
  completion.service_tier = 5;
  completion.system_fingerprint = {};
  completion.choices = [
    null,
    5,
    { message: 'a string' },
    { index: 'a', finish_reason: 7, message: { role: 3 } },
    { index: 4, message: { role: 'assistant', content: ['x', 5], tool_calls: {} } },
    { index: 5 },
  ];
}

// ---------------------------------------------------------------------------------------------
// Paging

interface Paging {
  /** Which occurrence of a repeated id a cursor means ('last' keeps walks moving forward). */
  lookup: 'first' | 'last';
  /** has_more stays true at the end, and the page after it is empty. */
  emptyMore: boolean;
  /** last_id repeats the cursor just used ('same'), or alternates two cursors ('cycle'). */
  repeat: null | 'same' | 'cycle';
  /** first_id / last_id null (the spec's gap allows it on any page). */
  nullIds: boolean;
}

function idOf(item: unknown): string | null {
  return isObj(item) && typeof item.id === 'string' ? item.id : null;
}

function badCursor(after: string): FuzzAnswer {
  return {
    status: 400,
    body: {
      error: {
        message: `Invalid 'after': no item with id '${after}'.`,
        type: 'invalid_request_error',
        param: 'after',
        code: null,
      },
    },
  };
}

function pageOf(items: readonly unknown[], query: FuzzQuery, size: number, paging: Paging) {
  const sequence = query.order === 'asc' ? items : [...items].reverse();
  let start = 0;
  if (query.after !== undefined) {
    const ids = sequence.map(idOf);
    const at = paging.lookup === 'last' ? ids.lastIndexOf(query.after) : ids.indexOf(query.after);
    if (at < 0) return badCursor(query.after);
    start = at + 1;
  }
  const take = Math.max(1, Math.min(query.limit ?? 20, size));
  const data = sequence.slice(start, start + take);
  let hasMore = start + take < sequence.length;
  let lastId = idOf(data[data.length - 1]);
  if (paging.emptyMore) hasMore = true;
  if (paging.repeat === 'same' && query.after !== undefined) {
    lastId = query.after;
    hasMore = true;
  }
  if (paging.repeat === 'cycle') {
    // Two cursors taking turns: A, then F, then A again… (A ≠ F, so "same as the last cursor"
    // alone would not stop a walk).
    const first = sequence.slice(0, take);
    const a = idOf(first[first.length - 1]);
    const f = idOf(first[0]);
    lastId = query.after === a ? f : a;
    hasMore = true;
  }
  const page: Obj = {
    object: 'list',
    data,
    first_id: paging.nullIds ? null : idOf(data[0]),
    last_id: paging.nullIds ? null : lastId,
    has_more: hasMore,
  };
  return { status: 200, body: page } satisfies FuzzAnswer;
}

function notFound(id: string): FuzzAnswer {
  return {
    status: 404,
    body: {
      error: {
        message: `No chat completion found with id '${id}'.`,
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Worlds

interface Built {
  /** Every completion by id (the first of a repeated id wins). */
  completions: Obj[];
  /** What the list shows, in the order of `order=desc` (not only completions, for some). */
  listed: unknown[];
  messages: Map<string, unknown[]>;
  openId: string;
  deepLinkMessageId: string | null;
  paging: Paging;
  /** Answers that replace a whole body, per route, for the wrong-types family. */
  listBody?: (page: FuzzAnswer, query: FuzzQuery) => FuzzAnswer;
  completionBody?: (answer: FuzzAnswer) => FuzzAnswer;
  messagesBody?: (page: FuzzAnswer, query: FuzzQuery) => FuzzAnswer;
}

const defaultPaging: Paging = { lookup: 'first', emptyMore: false, repeat: null, nullIds: false };

function modeOf(family: FamilyName): FakeMode {
  switch (family) {
    case 'missing-optional':
      return 'required';
    case 'nulls':
    case 'empty-arrays':
    case 'extra-fields':
      return 'all';
    default:
      return 'some';
  }
}

function build(family: FamilyName, seed: number): Built {
  const rng = new Rng(`${family}:${seed}`);
  const schemas = fuzzSchemas();
  const mode = modeOf(family);
  const completionCount = rng.int(5, 9);
  const openMessages = rng.int(8, 12);

  const completionIds = Array.from({ length: completionCount }, (_, i) => {
    if (family === 'odd-ids') {
      // The opened (first) completion rotates through the three hardest ids.
      return i === 0 ? ODD_IDS[(seed - 1) % 3]! : ODD_IDS[3 + ((i - 1) % (ODD_IDS.length - 3))]!;
    }
    return `chatcmpl-${rng.base62(29)}`;
  });
  if (family === 'duplicate-ids') {
    // Ids repeat across pages, except the last of each page (the cursor must stay unambiguous).
    for (let i = 1; i < completionIds.length; i++) {
      const pageEnd = i % LIST_PAGE_SIZE === LIST_PAGE_SIZE - 1;
      if (!pageEnd && rng.chance(0.5)) completionIds[i] = completionIds[rng.int(0, i - 1)]!;
    }
  }

  const completions: Obj[] = [];
  const messages = new Map<string, unknown[]>();
  completionIds.forEach((id, index) => {
    const completion = fake(schemas.completion, hashString(`${family}:${seed}:c:${index}`), mode);
    completion.id = id;
    completion.object = 'chat.completion';
    if (typeof completion.created === 'number') completion.created = 1_750_000_000 - index * 3600;
    completions.push(completion);
    if (messages.has(id)) return;
    const count = index === 0 ? openMessages : rng.int(0, 4);
    const list: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const message = fake(schemas.message, hashString(`${family}:${seed}:${id}:${i}`), mode);
      message.id = `${id}-${i}`;
      list.push(message);
    }
    messages.set(id, list);
  });

  const openId = completionIds[0]!;
  const openList = messages.get(openId)!.filter(isObj);
  const built: Built = {
    completions,
    listed: [...completions],
    messages,
    openId,
    // On the second page, so a deep link needs the page before it and the page from it.
    deepLinkMessageId: idOf(openList[MESSAGES_PAGE_SIZE + 1]),
    paging: { ...defaultPaging },
  };
  bend(family, seed, rng, built, openList);
  return built;
}

/** Applies the family's strangeness to a freshly generated world. */
function bend(family: FamilyName, seed: number, rng: Rng, world: Built, open: Obj[]): void {
  const allMessages = () => [...world.messages.values()].flat().filter(isObj);
  const open0 = world.completions[0]!;
  switch (family) {
    case 'missing-optional':
      return;

    case 'nulls': {
      for (const [i, message] of allMessages().entries()) {
        for (const key of ['content', 'refusal', 'audio', 'content_parts', 'name']) {
          if (i === 0 || rng.chance(0.7)) message[key] = null;
        }
      }
      for (const completion of world.completions) {
        completion.metadata = null;
        completion.service_tier = null;
        completion.moderation = null;
        for (const key of ['tools', 'tool_choice', 'response_format', 'prediction', 'seed']) {
          completion[key] = null;
        }
        completion.request_id = null;
        for (const choice of choicesOf(completion)) {
          choice.logprobs = null;
          const message = messageOfChoice(choice);
          if (message) Object.assign(message, { content: null, refusal: null, audio: null });
        }
      }
      world.paging.nullIds = seed % 2 === 1;
      return;
    }

    case 'empty-arrays': {
      world.listed = [];
      for (const completion of world.completions) {
        completion.choices = [];
        completion.metadata = {};
      }
      for (const message of allMessages()) {
        Object.assign(message, { tool_calls: [], annotations: [], content_parts: [] });
        if (rng.chance(0.3)) message.content = '';
      }
      if (seed % 3 === 0) world.messages.set(world.openId, []);
      world.deepLinkMessageId = null;
      return;
    }

    case 'huge-strings': {
      const choice = choicesOf(open0)[0];
      const answer = choice && messageOfChoice(choice);
      if (answer) answer.content = hugeText(rng, HUGE_LENGTH);
      open0.model = `model-${'m'.repeat(10_000)}`;
      open0.metadata = Object.fromEntries(
        Array.from({ length: 16 }, (_, i) => [
          `${String(i).padStart(2, '0')}${'k'.repeat(62)}`,
          'v'.repeat(512),
        ]),
      );
      const [, m1, m2, m3, m4, m5] = open;
      if (m1) m1.content = hugeText(rng, HUGE_LENGTH);
      if (m2) {
        m2.content_parts = [
          { type: 'text', text: hugeSingleLine(HUGE_LENGTH) },
          {
            type: 'image_url',
            image_url: { url: `data:image/png;base64,${hugeBase64(rng, HUGE_LENGTH)}` },
          },
        ];
      }
      if (m3) {
        const args = JSON.stringify({ rows: Array.from({ length: 60_000 }, (_, i) => i * 7) });
        m3.tool_calls = [
          { id: 'call_huge', type: 'function', function: { name: 'bulk', arguments: args } },
        ];
      }
      if (m4) m4.refusal = hugeSingleLine(HUGE_LENGTH);
      open0.tools = [
        {
          type: 'function',
          function: {
            name: `tool_${'t'.repeat(5_000)}`,
            description: hugeSingleLine(HUGE_LENGTH),
            parameters: {
              type: 'object',
              properties: Object.fromEntries(
                Array.from({ length: 30_000 }, (_, i) => [`field_${i}`, { type: 'integer' }]),
              ),
            },
          },
        },
      ];
      open0.response_format = {
        type: 'json_schema',
        json_schema: {
          name: 'n'.repeat(5_000),
          schema: { description: hugeSingleLine(HUGE_LENGTH) },
        },
      };
      open0.prediction = { type: 'content', content: hugeText(rng, HUGE_LENGTH) };
      if (m5) m5.name = 'n'.repeat(5_000);
      return;
    }

    case 'extra-fields': {
      for (const message of allMessages()) {
        addExtraFields(message, rng);
        for (const nested of [message.tool_calls, message.content_parts, message.annotations]) {
          if (Array.isArray(nested)) nested.filter(isObj).forEach((o) => addExtraFields(o, rng));
        }
      }
      for (const completion of world.completions) {
        addExtraFields(completion, rng);
        if (isObj(completion.usage)) addExtraFields(completion.usage, rng);
        for (const choice of choicesOf(completion)) {
          addExtraFields(choice, rng);
          const message = messageOfChoice(choice);
          if (message) addExtraFields(message, rng);
        }
      }
      return;
    }

    case 'odd-ids': {
      for (const [id, list] of world.messages) {
        list.filter(isObj).forEach((message, i) => {
          // Most keep "<completion id>-<index>" (itself odd); some are odd through and through.
          if (i % 3 === 2) message.id = `${ODD_IDS[(i + seed) % ODD_IDS.length]} #${i}`;
          else message.id = `${id}-${i}`;
          if (Array.isArray(message.tool_calls)) {
            message.tool_calls.filter(isObj).forEach((call, j) => {
              call.id = `call "${j}" #x .y [z] ${ODD_IDS[j % ODD_IDS.length]}`;
            });
          }
        });
      }
      for (const completion of world.completions) {
        const metadata: Obj = {};
        ODD_KEYS.forEach((key, i) => setOwn(metadata, key, `${ODD_IDS[i % 3]}`.slice(0, 512)));
        completion.metadata = metadata;
      }
      // A deep link is a path: an id with "/" cannot be loaded directly (see the report).
      const target = open[MESSAGES_PAGE_SIZE + 1];
      world.deepLinkMessageId =
        world.openId.includes('/') || !target ? null : (idOf(target) ?? null);
      return;
    }

    case 'odd-parts': {
      for (const message of allMessages()) {
        message.content = oddParts(rng);
        if (rng.chance(0.5)) message.content_parts = oddParts(rng);
      }
      const single = open[1];
      if (single) single.content = { type: 'text', text: 'one part object, not an array' };
      for (const completion of world.completions) {
        for (const choice of choicesOf(completion)) {
          const message = messageOfChoice(choice);
          if (message) message.content = oddParts(rng);
        }
      }
      return;
    }

    case 'has-more-empty':
      world.paging.emptyMore = true;
      return;

    case 'cursor-repeat':
      world.paging.repeat = seed % 2 === 1 ? 'same' : 'cycle';
      world.deepLinkMessageId = null;
      return;

    case 'duplicate-ids': {
      world.paging.lookup = 'last';
      for (const list of world.messages.values()) {
        const ids = list.map(idOf);
        list.filter(isObj).forEach((message, i) => {
          const pageEnd = i % MESSAGES_PAGE_SIZE === MESSAGES_PAGE_SIZE - 1;
          if (i > 0 && !pageEnd && i !== MESSAGES_PAGE_SIZE + 1 && rng.chance(0.5)) {
            message.id = ids[rng.int(0, i - 1)];
          }
          if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
            const calls = message.tool_calls.filter(isObj);
            calls.forEach((call) => (call.id = 'call_same'));
          }
        });
      }
      // Two choices with the same index.
      for (const completion of world.completions) {
        const choices = choicesOf(completion);
        if (choices[0]) completion.choices = [choices[0], structuredClone(choices[0])];
      }
      world.deepLinkMessageId = null;
      return;
    }

    case 'wrong-types': {
      const variant = seed % 3;
      world.deepLinkMessageId = null;
      if (variant === 1) {
        // Broken items inside good pages: each must become an error card in place.
        for (const [id, list] of world.messages) {
          const mixed: unknown[] = [];
          list.forEach((message, i) => {
            mixed.push(message);
            if (id === world.openId || rng.chance(0.3)) {
              mixed.push(structuredClone(WRONG_MESSAGES[(i * 3 + seed) % WRONG_MESSAGES.length]));
            }
          });
          world.messages.set(id, mixed);
        }
        world.listed = world.completions.flatMap((completion, i) =>
          i === 0 ? [completion] : [structuredClone(WRONG_COMPLETIONS[i % 5]), completion],
        );
        const wrong = world.completions[world.completions.length - 1]!;
        wrongCompletionFields(wrong);
        const choice = choicesOf(open0)[0];
        if (choice) choice.message = { role: 'assistant', content: { not: 'text' }, refusal: 5 };
        wrongRequestFields(open0);
      } else if (variant === 2) {
        // The second page of messages is not a page at all.
        world.messagesBody = (page, query) =>
          query.after === undefined
            ? page
            : { status: 200, body: { object: 'list', data: {}, has_more: 'yes' } };
        wrongCompletionFields(world.completions[1]!);
        wrongRequestFields(open0);
      } else {
        // Whole answers that are JSON but not the schema.
        world.listBody = () => ({ status: 200, body: { object: 'list', data: 'nothing' } });
        world.completionBody = () => ({ status: 200, body: [open0] });
      }
      return;
    }

    case 'extreme-numbers': {
      const dates = [1e13, Number.MAX_SAFE_INTEGER, 0, 8.64e12, 253_402_300_800, 8.64e12 + 1];
      world.completions.forEach((completion, i) => {
        completion.created = dates[(i + seed - 1) % dates.length];
        const big = i % 2 === 0 ? Number.MAX_SAFE_INTEGER : -1;
        completion.usage = {
          prompt_tokens: big,
          completion_tokens: -big,
          total_tokens: big,
          prompt_tokens_details: { cached_tokens: big, audio_tokens: -1 },
          completion_tokens_details: { reasoning_tokens: big, audio_tokens: 0 },
        };
        choicesOf(completion).forEach((choice, j) => {
          choice.index = j === 0 ? -1 : Number.MAX_SAFE_INTEGER - j;
        });
        Object.assign(completion, {
          seed: i % 2 === 0 ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER,
          temperature: 1e308,
          top_p: -0,
          n: -1,
          max_completion_tokens: Number.MAX_SAFE_INTEGER,
          logit_bias: { '50256': -100, '-1': 1e308 },
        });
      });
      for (const message of allMessages()) {
        if (isObj(message.audio)) message.audio.expires_at = Number.MAX_SAFE_INTEGER;
        const text = typeof message.content === 'string' ? message.content : 'short text';
        message.content = text;
        message.annotations = [
          [-5, 3],
          [10, 2],
          [0, text.length + 1000],
          [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
        ].map(([start, end], k) => ({
          type: 'url_citation',
          url_citation: {
            start_index: start,
            end_index: end,
            url: `${FUZZ_ORIGIN}/cite/${k}`,
            title: `citation ${k}`,
          },
        }));
      }
      return;
    }
  }
}

function matchesFilters(completion: Obj, query: FuzzQuery): boolean {
  if (query.model && completion.model !== query.model) return false;
  for (const [key, value] of Object.entries(query.metadata ?? {})) {
    const metadata = completion.metadata;
    if (!isObj(metadata) || !Object.hasOwn(metadata, key) || metadata[key] !== value) return false;
  }
  return true;
}

export function createFuzzWorld(family: FamilyName, seed: number): FuzzWorld {
  const world = build(family, seed);
  const findCompletion = (id: string) => world.completions.find((c) => c.id === id);
  return {
    family,
    seed,
    openId: world.openId,
    openIdListed: world.listed.some((c) => idOf(c) === world.openId),
    listedCount: world.listed.length,
    openMessageCount: world.messages.get(world.openId)?.length ?? 0,
    deepLinkMessageId: world.deepLinkMessageId,
    listCompletions(query) {
      const items = world.listed.filter((c) => !isObj(c) || matchesFilters(c, query));
      // Newest first is the stored order; `asc` reverses it.
      const page = pageOf([...items].reverse(), query, LIST_PAGE_SIZE, world.paging);
      return world.listBody ? world.listBody(page, query) : page;
    },
    getCompletion(id) {
      const completion = findCompletion(id);
      if (!completion) return notFound(id);
      const answer = { status: 200, body: completion };
      return world.completionBody ? world.completionBody(answer) : answer;
    },
    listMessages(completionId, query) {
      const list = findCompletion(completionId) && world.messages.get(completionId);
      if (!list) return notFound(completionId);
      const page = pageOf(list, { ...query, order: query.order ?? 'asc' }, MESSAGES_PAGE_SIZE, {
        ...world.paging,
      });
      return world.messagesBody ? world.messagesBody(page, query) : page;
    },
  };
}

const built = new Map<string, FuzzWorld>();

/** The world of a family and seed, built once per process (the server and the tests share it). */
export function fuzzWorld(family: FamilyName, seed: number): FuzzWorld {
  const key = `${family}.${seed}`;
  let world = built.get(key);
  if (!world) {
    world = createFuzzWorld(family, seed);
    built.set(key, world);
  }
  return world;
}
