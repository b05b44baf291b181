import { describe, expect, it } from 'vitest';
import { sequentialRoundTrips } from './upstream.ts';

describe('sequentialRoundTrips', () => {
  it('counts the longest chain of requests each started after the one before ended', () => {
    expect(sequentialRoundTrips([])).toBe(0);
    // All three at once: one round trip.
    const together = [
      { start: 0, end: 200 },
      { start: 1, end: 203 },
      { start: 2, end: 201 },
    ];
    expect(sequentialRoundTrips(together)).toBe(1);
    // The page from the message after the page before it: two.
    expect(
      sequentialRoundTrips([
        { start: 0, end: 200 },
        { start: 1, end: 201 },
        { start: 205, end: 405 },
      ]),
    ).toBe(2);
    // A request that waited for another counts, even alongside a longer one.
    expect(
      sequentialRoundTrips([
        { start: 0, end: 400 },
        { start: 210, end: 300 },
        { start: 0, end: 200 },
      ]),
    ).toBe(2);
  });
});
