import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry past its entry bound', () => {
    const cache = new LruCache<string, number>(2, 100);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // "a" is now the most recently used
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('evicts past its weight bound and never keeps an entry heavier than the bound', () => {
    const cache = new LruCache<string, string>(10, 10);
    cache.set('a', 'A', 6);
    cache.set('b', 'B', 4);
    expect(cache.weight).toBe(10);
    cache.set('c', 'C', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.weight).toBe(7);
    cache.set('huge', 'H', 11);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('replaces an entry in place, adjusting the weight', () => {
    const cache = new LruCache<string, string>(10, 10);
    cache.set('a', 'A', 6);
    cache.set('a', 'A2', 2);
    expect(cache.get('a')).toBe('A2');
    expect(cache.weight).toBe(2);
  });
});
