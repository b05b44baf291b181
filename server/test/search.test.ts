/** Search over the local index (db/search.ts, db/search-query.ts) on a real SQLite database. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors.ts';
import type { CompletionObject } from '../api/types.ts';
import { openDatabase, type Db } from '../db/database.ts';
import {
  search,
  parseTimeBound,
  parseSearchParams,
  type SearchFilters,
  type SearchPage,
} from '../db/search.ts';
import { ftsQuery, parseQuery, snippet, type Segment } from '../db/search-query.ts';
import { SqliteStore } from '../db/sqlite-store.ts';
import { arrayMessages, createWriter } from '../db/write.ts';

const DAY = 86_400;
/** 2026-12-01T00:00:00Z */
const T0 = Date.UTC(2026, 11, 1) / 1000;

interface Fixture {
  id: string;
  created: number;
  model?: string;
  metadata?: Record<string, string>;
  answer?: string;
  messages: unknown[];
}

const user = (id: string, content: unknown) => ({ id, role: 'user', content });
const assistant = (id: string, content: unknown) => ({ id, role: 'assistant', content });

const FIXTURES: Fixture[] = [
  {
    id: 'c-refund',
    created: T0 + 10,
    metadata: { customer: 'acme' },
    answer: 'Our refund policy allows returns within 30 days.',
    messages: [
      user('r0', 'What is the refund policy?'),
      assistant('r1', 'The refund policy: refund within 30 days, refund to the card.'),
      user('r2', 'And a refund for order A-1042?'),
    ],
  },
  {
    id: 'c-once',
    created: T0 + 20,
    model: 'gpt-4o-mini',
    metadata: { customer: 'globex' },
    messages: [
      user('o0', 'Long story about shipping, weather, and then one mention of refund at the end.'),
    ],
  },
  {
    id: 'c-fr',
    created: T0 + DAY + 5,
    metadata: { customer: 'acme', locale: 'fr' },
    messages: [
      user('f0', 'Où est le CAFÉ de la gare ? Le résumé est naïf.'),
      {
        id: 'f1',
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_abc123',
            type: 'function',
            function: { name: 'lookup_order', arguments: '{"email":"user@example.com"}' },
          },
        ],
      },
      { id: 'f2', role: 'tool', tool_call_id: 'call_abc123', content: 'shipped by courier' },
    ],
  },
  {
    id: 'c-ja',
    created: T0 + 2 * DAY,
    model: 'gpt-4o-mini',
    answer: '申し訳ありません',
    messages: [
      user('j0', '私は昨日東京に行きました。'),
      user('j1', 'Привет, как дела? Москва'),
      user('j2', 'مرحبا بالعالم 🎉party time'),
      user('j3', 'طلبك يُشحن اليوم. 서울에서 만나요. नमस्ते दुनिया'),
    ],
  },
  {
    id: 'c-deleted',
    created: T0 + 3 * DAY,
    messages: [user('d0', 'refund policy for deleted things, café')],
  },
];

function completion(f: Fixture): CompletionObject {
  return {
    id: f.id,
    object: 'chat.completion',
    created: f.created,
    model: f.model ?? 'gpt-4o',
    metadata: f.metadata ?? {},
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: f.answer ?? 'ok' },
      },
    ],
  };
}

function fixture(items: Fixture[] = FIXTURES): { db: Db; store: SqliteStore } {
  const db = openDatabase(':memory:');
  const writer = createWriter(db);
  db.transaction(() => {
    for (const f of items) writer.put(completion(f), arrayMessages(f.messages));
  })();
  const store = new SqliteStore(db);
  store.delete('c-deleted');
  return { db, store };
}

const ids = (db: Db, q: string, filters?: SearchFilters, page?: SearchPage) =>
  search(db, q, filters, page).data.map((h) => h.id);

const marked = (segments: Segment[]) =>
  segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('search: results per completion', () => {
  const { db } = fixture();

  it('groups hits per completion, ranks the one talking most about it first', () => {
    const result = search(db, 'refund');
    expect(result.data.map((h) => [h.id, h.hits])).toEqual([
      ['c-refund', 4],
      ['c-once', 1],
    ]);
    expect(result).toMatchObject({ object: 'list', has_more: false, next_cursor: null });
    expect(result.total).toBe(2);
    expect(result.total_exact).toBe(true);
  });

  it('answers the completion fields and its best message with a marked snippet', () => {
    const [hit] = search(db, 'A-1042').data;
    expect(hit).toEqual({
      id: 'c-refund',
      model: 'gpt-4o',
      created: T0 + 10,
      metadata: { customer: 'acme' },
      hits: 1,
      message: {
        id: 'r2',
        answer: false,
        index: 2,
        role: 'user',
        snippet: [
          { text: 'And a refund for order ', match: false },
          { text: 'A-1042', match: true },
          { text: '?', match: false },
        ],
      },
    });
  });

  it('points at the answer when it is the best match', () => {
    const [hit] = search(db, '申し訳').data;
    expect(hit!.id).toBe('c-ja');
    expect(hit!.message).toMatchObject({ id: null, answer: true, index: null, role: 'assistant' });
    expect(marked(hit!.message!.snippet)).toBe('[申し訳]ありません');
  });

  it('leaves out completions deleted through the API', () => {
    expect(ids(db, 'café')).toEqual(['c-fr']);
    expect(ids(db, 'refund')).not.toContain('c-deleted');
    expect(ids(db, '', {})).not.toContain('c-deleted');
  });
});

describe('search: what people type', () => {
  const { db } = fixture();

  it('is case- and accent-insensitive both ways', () => {
    for (const q of ['cafe', 'CAFE', 'Café', 'CAFÉ', 'resume', 'naif', 'NAÏF']) {
      expect(ids(db, q), q).toEqual(['c-fr']);
    }
    expect(marked(search(db, 'cafe').data[0]!.message!.snippet)).toContain('[CAFÉ]');
  });

  it('finds CJK words inside sentences, Cyrillic, Arabic, words next to emoji', () => {
    expect(ids(db, '東京')).toEqual(['c-ja']);
    expect(marked(search(db, '東京').data[0]!.message!.snippet)).toBe(
      '私は昨日[東京]に行きました。',
    );
    expect(ids(db, '京東')).toEqual([]);
    expect(ids(db, 'москва')).toEqual(['c-ja']);
    expect(ids(db, 'ПРИВЕТ')).toEqual(['c-ja']);
    expect(ids(db, 'بالعالم')).toEqual(['c-ja']);
    expect(ids(db, 'party')).toEqual(['c-ja']);
    expect(marked(search(db, 'party').data[0]!.message!.snippet)).toContain('🎉[party] time');
    // Marks other than Latin diacritics split words in FTS5's tokenizer: the query is cut the
    // same way, so a word with Arabic harakat or an Indic vowel sign is still a phrase match.
    for (const [q, mark] of [
      ['يُشحن', '[يُشحن]'],
      ['नमस्ते', '[नमस्ते]'],
      ['서울', '[서울]'],
      ['만나요', '[만나요]'],
    ] as const) {
      expect(ids(db, q), q).toEqual(['c-ja']);
      expect(marked(search(db, q).data[0]!.message!.snippet), q).toContain(mark);
    }
  });

  it('finds ids and codes with punctuation as phrases of their parts', () => {
    expect(ids(db, 'A-1042')).toEqual(['c-refund']);
    expect(ids(db, 'a-1042')).toEqual(['c-refund']);
    expect(ids(db, 'call_abc123')).toEqual(['c-fr']);
    expect(search(db, 'call_abc123').data[0]!.hits).toBe(2);
    expect(ids(db, 'user@example.com')).toEqual(['c-fr']);
    expect(marked(search(db, 'user@example.com').data[0]!.message!.snippet)).toContain(
      '[user@example.com]',
    );
    expect(ids(db, '1042-A')).toEqual([]);
  });

  it('takes quoted phrases, prefixes, OR and exclusions', () => {
    expect(ids(db, '"refund policy"')).toEqual(['c-refund']);
    expect(ids(db, '"card refund"')).toEqual([]);
    expect(ids(db, 'cour*')).toEqual(['c-fr']);
    expect(marked(search(db, 'cour*').data[0]!.message!.snippet)).toBe(
      'shipped by [courier] call_abc123',
    );
    expect(ids(db, '"shipped by cou*"')).toEqual(['c-fr']);
    expect(ids(db, 'courier OR москва').sort()).toEqual(['c-fr', 'c-ja']);
    expect(ids(db, 'courier москва')).toEqual([]);
    expect(ids(db, 'refund -weather')).toEqual(['c-refund']);
    expect(ids(db, 'refund -"card"')).toEqual(['c-refund', 'c-once']);
    expect(ids(db, 'refund AND policy')).toEqual(['c-refund']);
  });

  it('builds a quoted FTS5 expression for everything', () => {
    expect(ftsQuery('a b')).toBe('"a" AND "b"');
    expect(ftsQuery('A-1042')).toBe('"A 1042"');
    expect(ftsQuery('pol* "x y"')).toBe('"pol" * AND "x y"');
    expect(ftsQuery('a OR b c')).toBe('("a" OR "b") AND "c"');
    expect(ftsQuery('a -b -"c d"')).toBe('("a") NOT ("b" OR "c d")');
    expect(ftsQuery('NEAR(a b) x:y ^z')).toBe('"NEAR a" AND "b" AND "x y" AND "z"');
    expect(ftsQuery('OR a OR')).toBe('"a"');
    expect(ftsQuery('"unbalanced phrase')).toBe('"unbalanced phrase"');
    expect(ftsQuery('-')).toBe('');
    expect(ftsQuery('서울 Ünïcödé')).toBe('"서 울" AND "Ünïcödé"');
    expect(parseQuery('a -b')).toEqual({
      groups: [[{ words: ['a'], prefix: false }]],
      excluded: [{ words: ['b'], prefix: false }],
    });
  });

  it('never fails on hostile input: FTS5 operators, unbalanced quotes, random punctuation', () => {
    const hostile = [
      'NEAR(',
      'NEAR(a b, 2)',
      'AND',
      'a AND',
      'OR OR',
      'NOT',
      'a NOT b',
      'text:refund',
      '^refund',
      '+refund',
      '(refund',
      'refund)',
      '"',
      '""',
      '"""',
      'refund"',
      '*',
      'refund**',
      '{a b}:c',
      "'; DROP TABLE completions; --",
      '\\"',
      '\u0000',
    ];
    for (const q of hostile) expectSafe(db, q);
    const chars = '"\'*-+^:(){}[],.;!?@#$%&|\\/<>=~` \t\nORANDNOTnear東é🎉\u0301\u064f서';
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 1;
    for (let i = 0; i < 2000; i++) {
      const length = 1 + Math.floor(random() * 12);
      const q = Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
      expectSafe(db, q);
    }
  });

  it('refuses a query with nothing to look for (400 on q)', () => {
    for (const q of ['🎉', '-refund', '---', '"*"', '!!!']) {
      const error = apiError(() => search(db, q));
      expect(error.status, q).toBe(400);
      expect(error.param).toBe('q');
    }
  });
});

/** Results, or a 400 about q: never an FTS5 error. */
function expectSafe(db: Db, q: string) {
  try {
    search(db, q);
  } catch (error) {
    expect(error, `query ${JSON.stringify(q)}`).toBeInstanceOf(ApiError);
    expect((error as ApiError).param).toBe('q');
  }
}

describe('search: snippets', () => {
  it('cuts around the first match, marks every match in it, never HTML', () => {
    const text = `${'lorem ipsum '.repeat(30)}the <b>Refund</b> was a REFUND indeed ${'dolor '.repeat(40)}`;
    const segments = snippet(text, parseQuery('refund'), 80);
    const s = marked(segments);
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('the <b>[Refund]</b> was a [REFUND] indeed');
    expect(s.length).toBeLessThan(100);
  });

  it('marks phrases whole and prefixes, not excluded words; starts at the top without a match', () => {
    expect(marked(snippet('a refund policy, the policy', parseQuery('"refund policy" -the')))).toBe(
      'a [refund policy], the policy',
    );
    expect(marked(snippet('Policies and politics', parseQuery('poli*')))).toBe(
      '[Policies] and [politics]',
    );
    expect(marked(snippet('nothing here', parseQuery('absent')))).toBe('nothing here');
  });
});

describe('search: filters, order and pages', () => {
  const { db, store } = fixture();

  it('combines the query with model and metadata (the overlay wins)', () => {
    expect(ids(db, 'refund', { model: 'gpt-4o-mini' })).toEqual(['c-once']);
    expect(ids(db, 'refund', { metadata: [['customer', 'acme']] })).toEqual(['c-refund']);
    expect(ids(db, 'refund', { metadata: [['customer', 'nobody']] })).toEqual([]);
    store.updateMetadata('c-once', { customer: 'acme' });
    expect(ids(db, 'refund', { metadata: [['customer', 'acme']] })).toEqual(['c-refund', 'c-once']);
    expect(search(db, 'shipping').data[0]!.metadata).toEqual({ customer: 'acme' });
    store.reset();
    store.delete('c-deleted');
  });

  it('combines the query with a date range: after inclusive, before exclusive', () => {
    expect(ids(db, 'refund', { createdAfter: T0 + 20 })).toEqual(['c-once']);
    expect(ids(db, 'refund', { createdBefore: T0 + 20 })).toEqual(['c-refund']);
    expect(ids(db, 'refund', { createdAfter: T0 + 11, createdBefore: T0 + 20 })).toEqual([]);
  });

  it('orders by date on request, relevance by default with a query', () => {
    expect(ids(db, 'refund', {}, { order: 'asc' })).toEqual(['c-refund', 'c-once']);
    expect(ids(db, 'refund', {}, { order: 'desc' })).toEqual(['c-once', 'c-refund']);
    expect(ids(db, 'refund', {}, { order: 'relevance' })).toEqual(['c-refund', 'c-once']);
    // By date, the message shown is the first that matches (no scoring); ranked, the best.
    const byDate = search(db, 'refund', {}, { order: 'asc' }).data[0]!;
    expect([byDate.hits, byDate.message!.id]).toEqual([4, 'r0']);
    expect(search(db, 'refund').data[0]!.message!.id).toBe('r1');
    const answerOnly = search(db, '申し訳', {}, { order: 'desc' }).data[0]!;
    expect(answerOnly.message).toMatchObject({ id: null, answer: true });
  });

  it('lists without a query: newest first, filters and dates, like the /v1 list', () => {
    expect(ids(db, '')).toEqual(['c-ja', 'c-fr', 'c-once', 'c-refund']);
    expect(ids(db, '', {}, { order: 'asc' })).toEqual(['c-refund', 'c-once', 'c-fr', 'c-ja']);
    const day1 = {
      createdAfter: parseTimeBound('2026-12-02', 'created_after', 'after'),
      createdBefore: parseTimeBound('2026-12-02', 'created_before', 'before'),
    };
    expect(ids(db, '', day1)).toEqual(['c-fr']);
    expect(ids(db, '', { model: 'gpt-4o-mini' })).toEqual(['c-ja', 'c-once']);
    expect(ids(db, '', { metadata: [['customer', 'acme']] })).toEqual(['c-fr', 'c-refund']);
    const listed = store
      .list({ model: 'gpt-4o-mini' }, { limit: 100, order: 'desc', after: null })
      .data.map((c) => c.id);
    expect(ids(db, '', { model: 'gpt-4o-mini' })).toEqual(listed);
    const all = search(db, '');
    expect([all.total, all.total_exact, all.data[0]!.hits, all.data[0]!.message]).toEqual([
      4,
      true,
      null,
      null,
    ]);
    expect(apiError(() => search(db, '', {}, { order: 'relevance' })).param).toBe('order');
  });
});

describe('search: cursor pages', () => {
  // 45 completions that all mention "ticket", some several times, some at the same second.
  const many: Fixture[] = Array.from({ length: 45 }, (_, i) => ({
    id: `p-${String(i).padStart(2, '0')}`,
    created: T0 + Math.floor(i / 3),
    messages: Array.from({ length: 1 + (i % 4) }, (_, k) => user(`p${i}-${k}`, `ticket ${k}`)),
  }));
  const { db } = fixture(many);

  function walk(q: string, order: SearchPage['order'], limit: number): string[] {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page = search(db, q, {}, { order, limit, after });
      expect(page.total).toBe(45);
      seen.push(...page.data.map((h) => h.id));
      if (!page.has_more) {
        expect(page.next_cursor).toBeNull();
        return seen;
      }
      after = page.next_cursor;
    }
    throw new Error('too many pages');
  }

  it('walks every order in pages with no duplicates and no gaps', () => {
    for (const order of ['relevance', 'asc', 'desc'] as const) {
      for (const limit of [1, 7, 20, 100]) {
        const seen = walk('ticket', order, limit);
        expect(seen.length, `${order} ${limit}`).toBe(45);
        expect(new Set(seen).size).toBe(45);
        expect(seen).toEqual(ids(db, 'ticket', {}, { order, limit: 100 }));
      }
    }
    const listed = walk('', 'desc', 7);
    expect(listed).toEqual([...listed].sort().reverse());
  });

  it('refuses a foreign or broken cursor and a bad limit', () => {
    const first = search(db, 'ticket', {}, { limit: 5 });
    expect(
      apiError(() => search(db, 'ticket', {}, { order: 'asc', after: first.next_cursor })).param,
    ).toBe('after');
    expect(apiError(() => search(db, 'ticket', {}, { after: 'garbage' })).param).toBe('after');
    expect(apiError(() => search(db, 'ticket', {}, { limit: 0 })).param).toBe('limit');
    expect(apiError(() => search(db, 'ticket', {}, { limit: 101 })).param).toBe('limit');
  });
});

describe('parseTimeBound', () => {
  const after = (v: string) => parseTimeBound(v, 'created_after', 'after');
  const before = (v: string) => parseTimeBound(v, 'created_before', 'before');

  it('reads unix seconds', () => {
    expect(after('1764547200')).toBe(1_764_547_200);
    expect(before('0')).toBe(0);
    expect(after('1764547200.5')).toBe(1_764_547_200.5);
  });

  it('reads a date as a UTC day: its start after, the next start before', () => {
    expect(after('2026-12-01')).toBe(T0);
    expect(before('2026-12-01')).toBe(T0 + DAY);
    expect(before('2024-02-29')).toBe(Date.UTC(2024, 2, 1) / 1000);
  });

  it('reads date-times with or without seconds, fractions and offsets (none = UTC)', () => {
    expect(after('2026-12-01T14:00')).toBe(T0 + 14 * 3600);
    expect(after('2026-12-01T14:00:30Z')).toBe(T0 + 14 * 3600 + 30);
    expect(before('2026-12-01T14:00:30Z')).toBe(T0 + 14 * 3600 + 30);
    expect(after('2026-12-01 14:00:30.25z')).toBe(T0 + 14 * 3600 + 30.25);
    expect(after('2026-12-01T14:00:00+02:00')).toBe(T0 + 12 * 3600);
    expect(after('2026-12-01T14:00:00-0530')).toBe(T0 + 19.5 * 3600);
    // An unencoded "+" in a URL arrives as a space.
    expect(after('2026-12-01T14:00:00 02:00')).toBe(T0 + 12 * 3600);
  });

  it('refuses anything else with a 400 naming the parameter', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01',
      '2026-02-30',
      '2026-12-01T24:00',
      '2026-12-01T10:60',
      '2026-12-01T10:00+25:00',
      '26-12-01',
      '-5',
      '1e9',
      '2026/12/01',
      '1969-12-31',
    ]) {
      const error = apiError(() => before(bad));
      expect(error.status, bad).toBe(400);
      expect(error.toJSON().error).toMatchObject({
        type: 'invalid_request_error',
        param: 'created_before',
        code: 'invalid_value',
      });
    }
  });

  it('is how the endpoint reads its parameters', () => {
    const parsed = parseSearchParams(
      new URLSearchParams(
        'q=refund&model=m&metadata[a]=1&metadata[b]=2&created_after=2026-12-01&created_before=1764633600&order=asc&limit=5&after=x',
      ),
    );
    expect(parsed).toEqual({
      query: 'refund',
      filters: {
        model: 'm',
        metadata: [
          ['a', '1'],
          ['b', '2'],
        ],
        createdAfter: T0,
        createdBefore: 1_764_633_600,
      },
      page: { order: 'asc', limit: 5, after: 'x' },
    });
    for (const [name, value] of [
      ['limit', 'ten'],
      ['order', 'best'],
      ['created_after', 'soon'],
    ]) {
      const error = apiError(() => parseSearchParams(new URLSearchParams({ [name!]: value! })));
      expect(error.param).toBe(name);
    }
  });
});
