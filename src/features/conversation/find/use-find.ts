import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useCurrentRoute, useNavigateTo } from '@/app/route-hooks.ts';
import type { MessageItem } from '@/api/types.ts';
import { rowMessage, type ListRow } from '../utils/rows.ts';
import { clearHits, paintHits, scrollRangeIntoView, type PaintInput } from './highlights.ts';
import {
  adjacentHit,
  countOccurrences,
  edgeHit,
  findInRows,
  hitPosition,
  messageHaystack,
  normalizeTerm,
  type FindResults,
  type Hit,
  type SearchableRow,
} from './match.ts';
import { usePageEnds, type TwoWayPages } from '../navigation/page-ends.ts';
import type { SeekRequest } from '../navigation/seek.ts';
import type { SeekOutcome } from '../navigation/use-seek.ts';

export const FIND_SEEK_ORIGIN = 'find';

interface UseFindOptions {
  rows: readonly ListRow[];
  /** Each row's index by its key (the page's one map). */
  rowIndex: ReadonlyMap<string, number>;
  pages: TwoWayPages & { error: unknown };
  /** Whether pages may load now (not before a deep-linked message has settled in view). */
  ready: boolean;
  messageCount: number;
  scrollRef: RefObject<HTMLElement | null>;
  seek: (origin: string, request: SeekRequest<ListRow>) => Promise<SeekOutcome>;
  seeking: string | null;
  cancelSeek: () => void;
  /** Scrolls to a row (if it isn't in view), selects its message; resolves once it is still. */
  show: (key: string) => Promise<HTMLElement | null>;
  /** The selected message (from the URL) when the page opened. */
  selectedKey: string | null;
  /** The row hits are counted from when a term is entered now (selection, or top of the view). */
  referenceKey: () => string | null;
}

function sameHit(a: Hit | null, b: Hit | null): boolean {
  return a === b || (!!a && !!b && a.key === b.key && a.occurrence === b.occurrence);
}

function searchableRows(rows: readonly ListRow[]): SearchableRow[] {
  const out: SearchableRow[] = [];
  for (const row of rows) {
    const item = rowMessage(row);
    if (item) out.push({ key: row.key, item });
  }
  return out;
}

/**
 * Find in conversation: the term (in the URL), every page loaded in both directions while a
 * term is set (cancellable), hits counted in the data, the current hit, stepping through hits
 * (loading further pages when the loaded ones hold no next hit), and the highlights.
 */
export function useFind({
  rows,
  rowIndex,
  pages,
  ready,
  messageCount,
  scrollRef,
  seek,
  seeking,
  cancelSeek,
  show,
  selectedKey,
  referenceKey,
}: UseFindOptions) {
  // The search term is in the URL (`?find=`).
  const route = useCurrentRoute();
  const term = route?.page === 'conversation' ? route.find : null;
  const navigateTo = useNavigateTo();
  // Opened by a key or the button, or by a link with `?find=` (emptying the input keeps it open).
  const [openedHere, setOpenedHere] = useState(term !== null);
  const open = openedHere || term !== null;
  const needle = open ? normalizeTerm(term ?? '') : '';

  // Where hits are counted from: the message in the URL when the page opened, then where the
  // reader is each time the term changes (not moved by later clicks).
  const [anchorKey, setAnchorKey] = useState<string | null>(selectedKey);
  const setTerm = useCallback(
    (next: string) => {
      setAnchorKey(referenceKey());
      navigateTo(
        (current) =>
          current?.page === 'conversation'
            ? { ...current, part: null, find: next === '' ? null : next }
            : null,
        { replace: true },
      );
    },
    [navigateTo, referenceKey],
  );

  // --- counting --------------------------------------------------------------------------
  const searchable = useMemo(() => searchableRows(rows), [rows]);
  // Counts per item for this needle: a page arriving costs only its own messages.
  const counted = useMemo(() => new WeakMap<MessageItem, number>(), [needle]); // eslint-disable-line react-hooks/exhaustive-deps
  const results = useMemo(
    () => findInRows(searchable, needle, counted),
    [searchable, needle, counted],
  );

  // --- loading every page -----------------------------------------------------------------
  const [cancelled, setCancelled] = useState(false);
  const ends = usePageEnds(pages);
  const complete = !ends.more.newer && !ends.more.older;
  const failedEnd = (['newer', 'older'] as const).find((end) => ends.more[end] && ends.failed[end]);
  const loadingAll = needle !== '' && !cancelled && !complete && failedEnd === undefined;
  const lastLoad = useRef<'newer' | 'older'>('older');
  useEffect(() => {
    if (!loadingAll || !ready || ends.fetching.newer || ends.fetching.older) return;
    // One load at a time (a second would join the first): newer and older pages in turn.
    const newer = ends.more.newer && (!ends.more.older || lastLoad.current === 'older');
    lastLoad.current = newer ? 'newer' : 'older';
    void ends.load(lastLoad.current);
  }, [loadingAll, ready, ends]);
  const retryLoad = useCallback(() => {
    setCancelled(false);
    if (failedEnd) void ends.load(failedEnd);
  }, [failedEnd, ends]);

  // --- the current hit ----------------------------------------------------------------------
  // Until the reader steps, the current hit is the first one from where they were when the
  // term was entered (the selected message, else the top of the view); wrapping around to the
  // first hit only once no page is still coming.
  const [stepped, setStepped] = useState<{ needle: string; hit: Hit } | null>(null);
  const fromIndex = (anchorKey !== null ? rowIndex.get(anchorKey) : undefined) ?? 0;
  const firstHit = useMemo(() => {
    const after = results.entries.find((entry) => (rowIndex.get(entry.key) ?? -1) >= fromIndex);
    const entry = after ?? (loadingAll ? undefined : results.entries[0]);
    return entry ? entry.key : null;
  }, [results, rowIndex, fromIndex, loadingAll]);
  const current = useMemo<Hit | null>(
    () =>
      stepped?.needle === needle
        ? stepped.hit
        : firstHit === null
          ? null
          : { key: firstHit, occurrence: 0 },
    [stepped, needle, firstHit],
  );

  // The latest state, for what runs after an await or in a frame callback.
  const latest = useRef({ results, current, needle });
  const paintInput = useRef<PaintInput | null>(null);
  useEffect(() => {
    latest.current = { results, current, needle };
  });

  const reveal = useCallback(
    async (hit: Hit) => {
      const element = await show(hit.key);
      const input = paintInput.current;
      if (!element || !input || !sameHit(latest.current.current, hit)) return;
      const range = paintHits(input);
      if (range) scrollRangeIntoView(input.container, range);
    },
    [show],
  );

  const moveTo = useCallback(
    (hit: Hit) => {
      setStepped({ needle: latest.current.needle, hit });
      latest.current.current = hit;
      void reveal(hit);
    },
    [reveal],
  );

  // The first hit of a new term is shown as soon as it is loaded.
  const autoHit = stepped?.needle === needle ? null : firstHit;
  useEffect(() => {
    if (autoHit !== null) void reveal({ key: autoHit, occurrence: 0 });
  }, [autoHit, needle, reveal]);

  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const [stepError, setStepError] = useState<unknown>(null);
  const step = useCallback(
    async (direction: 'forward' | 'backward') => {
      setStepError(null);
      const { results: now, current: from, needle: searched } = latest.current;
      if (searched === '') return;
      const next = adjacentHit(now, from, direction);
      if (next) {
        moveTo(next);
        return;
      }
      const more = ends.more[direction === 'forward' ? 'newer' : 'older'];
      if (!more) {
        const wrapped = edgeHit(now, direction);
        if (wrapped) moveTo(wrapped);
        return;
      }
      // The loaded pages hold no further hit: look in the next ones.
      const edge = direction === 'forward' ? now.entries.at(-1) : now.entries[0];
      const occurrences = (row: ListRow) => {
        const item = rowMessage(row);
        return item ? countOccurrences(messageHaystack(item), searched) : 0;
      };
      const outcome = await seek(FIND_SEEK_ORIGIN, {
        direction,
        fromKey: from?.key ?? edge?.key ?? null,
        match: (row) => occurrences(row) > 0,
      });
      if (outcome.status === 'found') {
        const row = rowsRef.current.find((r) => r.key === outcome.key);
        const count = row ? occurrences(row) : 1;
        moveTo({ key: outcome.key, occurrence: direction === 'forward' ? 0 : count - 1 });
      } else if (outcome.status === 'not-found') {
        const wrapped = edgeHit(latest.current.results, direction);
        if (wrapped) moveTo(wrapped);
      } else if (outcome.status === 'failed') setStepError(outcome.error);
    },
    [ends, seek, moveTo],
  );
  // --- highlights -----------------------------------------------------------------------
  useEffect(() => {
    const container = scrollRef.current;
    if (!container) return;
    if (needle === '') {
      paintInput.current = null;
      clearHits(container);
      return;
    }
    const input: PaintInput = { container, needle, counts: results.counts, current };
    paintInput.current = input;
    paintHits(input);
    // Rows mount as the list scrolls, and render late (markdown, code highlighting): paint
    // again after DOM changes, once a frame at most.
    let frame = 0;
    const observer = new MutationObserver(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        paintHits(input);
      });
    });
    observer.observe(container, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scrollRef, needle, results, current]);
  useEffect(() => {
    const container = scrollRef.current;
    return () => clearHits(container);
  }, [scrollRef]);

  // --- open and close -----------------------------------------------------------------------
  const returnFocus = useRef<HTMLElement | null>(null);
  // Each request moves focus to the bar's input (the bar may not be rendered yet).
  const [focusRequest, setFocusRequest] = useState(0);
  const openFind = useCallback(() => {
    const active = document.activeElement;
    if (!active?.closest('[role="search"]')) {
      returnFocus.current =
        active instanceof HTMLElement && active !== document.body ? active : null;
    }
    setOpenedHere(true);
    setCancelled(false);
    setFocusRequest((n) => n + 1);
  }, [setOpenedHere]);
  const close = useCallback(
    (fallbackFocus: HTMLElement | null) => {
      setOpenedHere(false);
      setCancelled(false);
      setStepError(null);
      if (seeking === FIND_SEEK_ORIGIN) cancelSeek();
      setTerm('');
      const target = returnFocus.current?.isConnected ? returnFocus.current : fallbackFocus;
      returnFocus.current = null;
      target?.focus({ preventScroll: true });
    },
    [setOpenedHere, seeking, cancelSeek, setTerm],
  );

  return {
    open,
    term: term ?? '',
    setTerm,
    openFind,
    close,
    focusRequest,
    results,
    position: hitPosition(results, current),
    step,
    stepping: seeking === FIND_SEEK_ORIGIN,
    stepError,
    loading: loadingAll,
    loaded: messageCount,
    complete,
    cancelled,
    cancelLoading: () => setCancelled(true),
    resumeLoading: () => setCancelled(false),
    loadError: needle !== '' && failedEnd !== undefined ? pages.error : null,
    retryLoad,
  };
}

export type FindState = ReturnType<typeof useFind>;
export type { FindResults };
