import { describe, expect, it } from 'vitest';
import { LOADED_ONLY, nextSeekStep, type PageEnds, type SeekRequest } from './seek.ts';

type Row = { key: string; hit?: boolean };
const rows = (...keys: string[]): Row[] =>
  keys.map((key) => ({ key: key.replace('*', ''), hit: key.endsWith('*') }));

const idle: PageEnds = LOADED_ONLY;
const request = (
  direction: SeekRequest<Row>['direction'],
  fromKey: string | null,
): SeekRequest<Row> => ({ direction, fromKey, match: (row) => row.hit === true });

describe('nextSeekStep', () => {
  it('finds the first match after the starting row going forward, never the row itself', () => {
    const list = rows('a*', 'b', 'c*', 'd*');
    expect(nextSeekStep(list, request('forward', 'a'), idle)).toEqual({
      kind: 'found',
      index: 2,
      key: 'c',
    });
    expect(nextSeekStep(list, request('forward', 'c'), idle)).toMatchObject({ key: 'd' });
    expect(nextSeekStep(list, request('forward', null), idle)).toMatchObject({ key: 'a' });
  });

  it('finds the nearest match before the starting row going backward', () => {
    const list = rows('a*', 'b*', 'c', 'd*');
    expect(nextSeekStep(list, request('backward', 'd'), idle)).toMatchObject({
      index: 1,
      key: 'b',
    });
    expect(nextSeekStep(list, request('backward', 'b'), idle)).toMatchObject({ key: 'a' });
    expect(nextSeekStep(list, request('backward', null), idle)).toMatchObject({ key: 'd' });
  });

  it('searches every loaded row when the starting row is no longer loaded', () => {
    const list = rows('a', 'b*', 'c*');
    expect(nextSeekStep(list, request('forward', 'gone'), idle)).toMatchObject({ key: 'b' });
    expect(nextSeekStep(list, request('backward', 'gone'), idle)).toMatchObject({ key: 'c' });
  });

  it('loads a page at the end it is heading for, and only that end', () => {
    const list = rows('a', 'b');
    const both = { ...idle, hasNewer: true, hasOlder: true };
    expect(nextSeekStep(list, request('forward', 'a'), both)).toEqual({
      kind: 'load',
      end: 'newer',
    });
    expect(nextSeekStep(list, request('backward', 'b'), both)).toEqual({
      kind: 'load',
      end: 'older',
    });
    // Nothing more forward: exhausted, even though older pages exist.
    expect(nextSeekStep(list, request('forward', 'a'), { ...idle, hasOlder: true })).toEqual({
      kind: 'exhausted',
    });
  });

  it('prefers a loaded match to loading more', () => {
    const list = rows('a', 'b*');
    expect(nextSeekStep(list, request('forward', 'a'), { ...idle, hasNewer: true })).toMatchObject({
      kind: 'found',
      key: 'b',
    });
  });

  it('waits while that end is loading, and reports a failed load', () => {
    const list = rows('a');
    expect(
      nextSeekStep(list, request('forward', 'a'), {
        ...idle,
        hasNewer: true,
        fetchingNewer: true,
      }),
    ).toEqual({ kind: 'wait' });
    expect(
      nextSeekStep(list, request('forward', 'a'), { ...idle, hasNewer: true, newerFailed: true }),
    ).toEqual({ kind: 'failed', end: 'newer' });
    // A failure at the other end doesn't stop it.
    expect(
      nextSeekStep(list, request('forward', 'a'), { ...idle, hasNewer: true, olderFailed: true }),
    ).toEqual({ kind: 'load', end: 'newer' });
    expect(
      nextSeekStep(list, request('backward', 'a'), {
        ...idle,
        hasOlder: true,
        fetchingNewer: true,
      }),
    ).toEqual({ kind: 'load', end: 'older' });
  });

  it('is exhausted on an empty list with nothing more to load', () => {
    expect(nextSeekStep([], request('forward', null), idle)).toEqual({ kind: 'exhausted' });
    expect(nextSeekStep([], request('backward', null), idle)).toEqual({ kind: 'exhausted' });
  });
});
