import { describe, expect, it } from 'vitest';
import { parseListFilters, serializeListFilters } from './routes.ts';

describe('list filters in the URL', () => {
  it('reads the API form', () => {
    expect(parseListFilters('?model=gpt-4o&metadata[customer]=acme&order=asc')).toEqual({
      model: 'gpt-4o',
      metadata: { customer: 'acme' },
      order: 'asc',
    });
    expect(parseListFilters('')).toEqual({ model: '', metadata: {}, order: 'desc' });
  });

  it('writes the API form, brackets readable, defaults left out', () => {
    expect(
      serializeListFilters({ model: 'gpt-4o', metadata: { customer: 'acme' }, order: 'asc' }),
    ).toBe('?model=gpt-4o&metadata[customer]=acme&order=asc');
    expect(serializeListFilters({ model: '', metadata: {}, order: 'desc' })).toBe('');
  });

  it.each([
    ['brackets', 'a[b]c', 'x]y['],
    ['ampersand and equals', 'a&b=c', 'd=e&f'],
    ['spaces and plus', 'team name', 'a + b'],
    ['percent', '100%', '%41'],
    ['unicode and emoji', 'team [α]&x=y ✓ ünï', 'a&b=c d/é 🚀'],
    ['hash and question mark', 'a#b?c', '?#'],
  ])('round-trips keys and values with %s', (_label, key, value) => {
    const filters = {
      model: 'gpt 4o&x',
      metadata: { [key]: value, plain: 'v' },
      order: 'asc' as const,
    };
    const search = serializeListFilters(filters);
    expect(parseListFilters(search)).toEqual(filters);
    // Also as the browser hands it back after navigation (location.search).
    expect(parseListFilters(new URL(`http://x/${search}`).search)).toEqual(filters);
  });

  it('ignores unknown parameters and malformed metadata names', () => {
    expect(
      parseListFilters('?metadata[]=x&metadata=y&metadatax]=z&foo=bar&order=sideways'),
    ).toEqual({
      model: '',
      metadata: {},
      order: 'desc',
    });
  });

  it('reads what the official SDK sends (encoded brackets)', () => {
    expect(parseListFilters('?metadata%5Bcustomer%5D=acme')).toEqual({
      model: '',
      metadata: { customer: 'acme' },
      order: 'desc',
    });
  });
});
