import { useCallback, useEffect, useRef, useState } from 'react';
import { usePageEnds, type TwoWayPages } from './page-ends.ts';
import { nextSeekStep, type PageEnds, type SeekRequest } from './seek.ts';

export type SeekOutcome =
  | { status: 'found'; key: string }
  | { status: 'not-found' }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

interface ActiveSeek<Row> {
  id: number;
  /** Who asked (a button, find, the keyboard): that control shows the progress. */
  origin: string;
  request: SeekRequest<Row>;
  /** A load this seek started failed at that end, with this error. */
  failed: { newer?: unknown; older?: unknown };
}

/**
 * One seek at a time over the conversation's rows: scans what is loaded, loads the next page in
 * the seek's direction (newer or older) until a row matches or that end is reached, and
 * resolves with the outcome. A new seek, `cancel()` or unmounting cancels the running one (the
 * pages it loaded stay). Find, tool-call jumps, keyboard moves and "Jump to answer" all go
 * through it.
 */
export function useSeek<Row extends { key: string }>(rows: readonly Row[], pages: TwoWayPages) {
  const [active, setActive] = useState<ActiveSeek<Row> | null>(null);
  const resolvers = useRef(new Map<number, (outcome: SeekOutcome) => void>());
  const nextId = useRef(0);
  // Loads this hook started and that are still running, per end.
  const loading = useRef({ newer: false, older: false });

  const settle = useCallback((outcome: SeekOutcome, id?: number) => {
    for (const [key, resolve] of resolvers.current) {
      if (id === undefined || key === id) {
        resolve(outcome);
        resolvers.current.delete(key);
      }
    }
  }, []);

  const seek = useCallback(
    (origin: string, request: SeekRequest<Row>) =>
      new Promise<SeekOutcome>((resolve) => {
        settle({ status: 'cancelled' });
        nextId.current += 1;
        const id = nextId.current;
        resolvers.current.set(id, resolve);
        setActive({ id, origin, request, failed: {} });
      }),
    [settle],
  );

  const cancel = useCallback(() => {
    settle({ status: 'cancelled' });
    setActive(null);
  }, [settle]);

  useEffect(() => () => settle({ status: 'cancelled' }), [settle]);

  const pageEnds = usePageEnds(pages);
  useEffect(() => {
    if (!active) return;
    const ends: PageEnds = {
      hasNewer: pageEnds.more.newer,
      hasOlder: pageEnds.more.older,
      fetchingNewer: pageEnds.fetching.newer || loading.current.newer,
      fetchingOlder: pageEnds.fetching.older || loading.current.older,
      newerFailed: 'newer' in active.failed,
      olderFailed: 'older' in active.failed,
    };
    const step = nextSeekStep(rows, active.request, ends);
    const finish = (outcome: SeekOutcome) => {
      settle(outcome, active.id);
      setActive((current) => (current?.id === active.id ? null : current));
    };
    switch (step.kind) {
      case 'found':
        finish({ status: 'found', key: step.key });
        break;
      case 'exhausted':
        finish({ status: 'not-found' });
        break;
      case 'failed':
        finish({ status: 'failed', error: active.failed[step.end] });
        break;
      case 'wait':
        break;
      case 'load': {
        const end = step.end;
        loading.current[end] = true;
        // Never cancel a load already running (the list's own, at either end).
        void pageEnds.load(end).then((result) => {
          loading.current[end] = false;
          setActive((current) =>
            current?.id !== active.id
              ? current
              : result.error != null
                ? { ...current, failed: { ...current.failed, [end]: result.error } }
                : // Same seek, new object: the effect runs again on the rows that arrived.
                  { ...current },
          );
        });
        break;
      }
    }
  }, [active, rows, pageEnds, settle]);

  return { seek, cancel, seeking: active ? active.origin : null };
}
