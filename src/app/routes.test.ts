import { describe, expect, it } from 'vitest';
import {
  compareHref,
  conversationHref,
  listHref,
  parseRoute,
  routeHref,
  threadHref,
  type Route,
} from './routes.ts';

/** Parses an href as the browser hands it back: `location.pathname` (raw) and `location.search`. */
function parseHref(href: string): Route | null {
  const url = new URL(href, 'http://viewer.test');
  return parseRoute(url.pathname, url.search);
}

const ODD_IDS = [
  'chatcmpl-abc',
  // Found by the schema fuzz (odd-ids family): "100% sure + space" opened as
  // "100% sure %2B space", a completion that does not exist, because the router's params had
  // been decoded once already.
  '100% sure + space .. ok',
  'a%2Fb literal',
  '%41 is not A',
  'a/b',
  'chatcmpl-a/b?c=d&e#f',
  '🚀 emoji ✨ مرحبا שלום',
  ' leading and trailing ',
  'messages',
  '...',
];

describe('routes round-trip (build → parse → the same route)', () => {
  it.each(ODD_IDS)('a conversation, a message, a part and a find term with %j', (id) => {
    const routes: Route[] = [
      { page: 'conversation', completionId: id, messageId: null, part: null, find: null },
      { page: 'conversation', completionId: id, messageId: `${id}-7`, part: null, find: null },
      { page: 'conversation', completionId: id, messageId: `${id}-7`, part: 3, find: null },
      { page: 'conversation', completionId: id, messageId: null, part: null, find: id },
      { page: 'conversation', completionId: id, messageId: id, part: 0, find: `${id} & = + ?` },
    ];
    for (const route of routes) expect(parseHref(routeHref(route))).toEqual(route);
  });

  it.each(ODD_IDS)('a thread and a comparison with %j', (id) => {
    const routes: Route[] = [
      { page: 'thread', threadId: id },
      { page: 'compare', a: id, b: `${id}-other` },
      { page: 'compare', a: `${id}-other`, b: id },
    ];
    for (const route of routes) expect(parseHref(routeHref(route))).toEqual(route);
  });

  it.each([
    ['nothing', {}],
    ['a search text', { q: 'what 100% + a&b=c 🚀' }],
    ['a date range', { createdAfter: '1700000000', createdBefore: '1800000000' }],
    ['zero', { createdAfter: '0' }],
    ['ISO dates', { createdAfter: '2026-12-01', createdBefore: '2026-12-02T14:30:00+02:00' }],
  ])('the list with %s', (_label, extra) => {
    const route: Route = {
      page: 'list',
      filters: { model: 'gpt 4o&x', metadata: { 'a[b]': 'c=d', plain: 'v' }, order: 'asc' },
      q: null,
      createdAfter: null,
      createdBefore: null,
      ...extra,
    };
    expect(parseHref(routeHref(route))).toEqual(route);
  });

  it('reads ids from the raw path: what the router decoded once is not decoded again', () => {
    expect(parseRoute('/completions/100%25%20sure', '')).toMatchObject({
      completionId: '100% sure',
    });
    expect(parseRoute('/completions/a%252Fb', '')).toMatchObject({ completionId: 'a%2Fb' });
    expect(parseRoute('/completions/a%2Fb', '')).toMatchObject({ completionId: 'a/b' });
    // Not valid percent-encoding: left as it is.
    expect(parseRoute('/completions/100%', '')).toMatchObject({ completionId: '100%' });
  });
});

describe('hrefs', () => {
  it('are readable: ids encoded as one segment, the list in the API form', () => {
    expect(conversationHref('chatcmpl-1')).toBe('/completions/chatcmpl-1');
    expect(conversationHref('a/b', 'a/b-1', { part: 2, find: 'x y' })).toBe(
      '/completions/a%2Fb/messages/a%2Fb-1?part=2&find=x%20y',
    );
    expect(threadHref('t 1')).toBe('/threads/t%201');
    expect(compareHref('a', 'b')).toBe('/compare/a/b');
    expect(listHref()).toBe('/');
    expect(
      listHref({
        filters: { model: 'gpt-4o', metadata: { customer: 'acme' }, order: 'asc' },
        q: 'hello world',
        createdAfter: '1',
        createdBefore: '2',
      }),
    ).toBe(
      '/?model=gpt-4o&metadata[customer]=acme&order=asc&q=hello+world&created_after=1&created_before=2',
    );
  });

  it('leave defaults and empty values out', () => {
    expect(
      listHref({ filters: { model: '', metadata: {}, order: 'desc' }, q: '', createdAfter: null }),
    ).toBe('/');
    expect(conversationHref('c', null, { part: null, find: '' })).toBe('/completions/c');
  });
});

describe('parseRoute', () => {
  it('reads search parameters in any order, ignoring unknown and malformed ones', () => {
    expect(parseRoute('/completions/c/messages/m', '?find=a+b&x=1&part=4')).toEqual({
      page: 'conversation',
      completionId: 'c',
      messageId: 'm',
      part: 4,
      find: 'a b',
    });
    expect(parseRoute('/completions/c/', 'part=-1&part=x&find=')).toEqual({
      page: 'conversation',
      completionId: 'c',
      messageId: null,
      part: null,
      find: null,
    });
    expect(parseRoute('/', '?created_before=1e9&created_after=12&q=')).toMatchObject({
      page: 'list',
      q: null,
      createdAfter: '12',
      createdBefore: null,
    });
  });

  it('is null for paths no page has', () => {
    for (const path of [
      '/completions/',
      '/completions/a/b',
      '/completions/a/messages/',
      '/threads/',
      '/compare/a',
      '/compare/a/b/c',
      '/elsewhere',
    ]) {
      expect(parseRoute(path, '')).toBeNull();
    }
  });
});
