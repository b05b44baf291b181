/**
 * Seeking: the first row matching a predicate, after (or before) a starting row, in a list that
 * grows at both ends as pages arrive. Pure: given the rows loaded so far and the state of the
 * pages at each end, it says what to do next. `useSeek` runs it again whenever either changes.
 */

export type SeekDirection = 'forward' | 'backward';

export interface SeekRequest<Row> {
  direction: SeekDirection;
  /**
   * Start after (forward) or before (backward) the row with this key; null starts at the first
   * (forward) or last (backward) loaded row. A key no longer loaded also searches every row.
   */
  fromKey: string | null;
  match: (row: Row) => boolean;
}

/** The ends of the loaded window: whether there is more, and what loading it is doing. */
export interface PageEnds {
  hasNewer: boolean;
  hasOlder: boolean;
  fetchingNewer: boolean;
  fetchingOlder: boolean;
  /** A load this seek started at that end has failed. */
  newerFailed: boolean;
  olderFailed: boolean;
}

/** Ends that say nothing more can load: a scan of the loaded rows only. */
export const LOADED_ONLY: PageEnds = {
  hasNewer: false,
  hasOlder: false,
  fetchingNewer: false,
  fetchingOlder: false,
  newerFailed: false,
  olderFailed: false,
};

export type SeekStep =
  | { kind: 'found'; index: number; key: string }
  | { kind: 'load'; end: 'newer' | 'older' }
  | { kind: 'wait' }
  | { kind: 'exhausted' }
  | { kind: 'failed'; end: 'newer' | 'older' };

/** What a seek needs next: a row found, a page to load (or to wait for), or the end. */
export function nextSeekStep<Row extends { key: string }>(
  rows: readonly Row[],
  request: SeekRequest<Row>,
  ends: PageEnds,
): SeekStep {
  const forward = request.direction === 'forward';
  const from = request.fromKey === null ? -1 : rows.findIndex((row) => row.key === request.fromKey);
  if (forward) {
    for (let i = from + 1; i < rows.length; i++) {
      const row = rows[i]!;
      if (request.match(row)) return { kind: 'found', index: i, key: row.key };
    }
  } else {
    for (let i = (from === -1 ? rows.length : from) - 1; i >= 0; i--) {
      const row = rows[i]!;
      if (request.match(row)) return { kind: 'found', index: i, key: row.key };
    }
  }
  const end = forward ? 'newer' : 'older';
  const more = forward ? ends.hasNewer : ends.hasOlder;
  const fetching = forward ? ends.fetchingNewer : ends.fetchingOlder;
  const failed = forward ? ends.newerFailed : ends.olderFailed;
  if (fetching) return { kind: 'wait' };
  if (failed) return { kind: 'failed', end };
  if (more) return { kind: 'load', end };
  return { kind: 'exhausted' };
}
