import { useCallback, useEffect, useMemo, useRef, type RefObject } from 'react';
import type { ChatMessage, ToolCall } from '@/api/types.ts';
import type {
  InspectorDirection,
  InspectorPages,
  InspectorSeekOutcome,
} from '../inspector/image-inspector-context.ts';
import { useFind } from '../find/use-find.ts';
import type { ConversationList } from '../list/use-conversation-list.ts';
import { rowMessage, type ListRow } from '../utils/rows.ts';
import { isFindShortcut, messageMoveFor, type MoveKey } from './keyboard.ts';
import type { ConversationNavigation, JumpOutcome } from './navigation-context.ts';
import {
  firstVisibleRowIndex,
  focusRow,
  isRowInView,
  revealRow,
  type RevealAlign,
} from './reveal-row.ts';
import { LOADED_ONLY, nextSeekStep } from './seek.ts';
import { isCallFor, scanForResult } from './tool-pairs.ts';
import { useSeek } from './use-seek.ts';

/** The seek behind "Jump to answer" (its button shows the progress). */
const ANSWER_SEEK = 'answer';
/** The seek the image inspector runs for the next image past the loaded ones. */
const IMAGE_SEEK = 'inspector-image';
const KEYBOARD_SEEK = 'keyboard';

interface NavigationOptions {
  list: ConversationList;
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The message in the URL. */
  messageId: string | null;
  selectMessage: (messageId: string) => void;
}

/**
 * Every way of moving through the conversation, over one seek (load pages in a direction until
 * a row matches): "Jump to answer", the image inspector's next image, tool call ⇄ result jumps,
 * `j` / `k`, and find (with its keyboard shortcut).
 */
export function useNavigation({ list, scrollRef, messageId, selectMessage }: NavigationOptions) {
  const { rows, rowIndexByKey, virtualizer, settled } = list;
  const { messages: pages, messageCount } = list.conversation;
  const { seek, cancel: cancelSeek, seeking } = useSeek(rows, pages);
  // Indexes shift as older pages arrive: what runs across frames looks rows up by key.
  const rowIndex = useRef<ReadonlyMap<string, number>>(new Map());
  const rowsByKey = useRef(rows);
  useEffect(() => {
    rowsByKey.current = rows;
    rowIndex.current = rowIndexByKey;
  }, [rows, rowIndexByKey]);
  const revealing = useRef<AbortController | null>(null);

  /** Brings a row into view and (as asked) selects its message and moves focus to its card. */
  const goToRow = useCallback(
    async (key: string, options: { align: RevealAlign; select: boolean; focus: boolean }) => {
      revealing.current?.abort();
      const controller = new AbortController();
      revealing.current = controller;
      const container = scrollRef.current;
      const row = rowsByKey.current[rowIndex.current.get(key) ?? -1];
      if (!container || !row) return null;
      const item = rowMessage(row);
      if (options.select && item?.ok && item.message.id) selectMessage(item.message.id);
      const element = await revealRow({
        container,
        scroller: virtualizer,
        key,
        indexOf: (k) => rowIndex.current.get(k) ?? -1,
        align: options.align,
        signal: controller.signal,
      });
      if (options.focus && !controller.signal.aborted) focusRow(element);
      return element;
    },
    [virtualizer, selectMessage, scrollRef],
  );

  // "Jump to answer": the answer follows the last message, so the pages between load first.
  const jumpToAnswer = useCallback(async () => {
    const outcome = await seek(ANSWER_SEEK, {
      direction: 'forward',
      fromKey: null,
      match: (row) => row.kind === 'answer-heading',
    });
    if (outcome.status === 'found') {
      await goToRow(outcome.key, { align: 'start', select: false, focus: false });
    }
  }, [seek, goToRow]);

  // The inspector's ← / → past the loaded images: the same seek, for a row with an image part.
  const seekImage = useCallback(
    async (
      direction: InspectorDirection,
      fromMessageId: string | null,
    ): Promise<InspectorSeekOutcome> => {
      // Row keys are message ids (a repeated id gets a suffix, and is found from its first row).
      const fromKey =
        fromMessageId !== null && rowIndex.current.has(fromMessageId) ? fromMessageId : null;
      const outcome = await seek(IMAGE_SEEK, {
        direction: direction === 'newer' ? 'forward' : 'backward',
        fromKey,
        match: (row) => {
          const item = rowMessage(row);
          return !!item?.ok && !!item.message.contentParts?.some((p) => p.type === 'image_url');
        },
      });
      if (outcome.status !== 'found') return outcome;
      const row = rowsByKey.current[rowIndex.current.get(outcome.key) ?? -1];
      const item = row ? rowMessage(row) : null;
      return { status: 'found', messageId: item?.ok ? item.message.id : null };
    },
    [seek],
  );
  const inspectorPages = useMemo<InspectorPages>(
    () => ({ older: pages.hasPreviousPage, newer: pages.hasNextPage, seekImage }),
    [pages.hasPreviousPage, pages.hasNextPage, seekImage],
  );

  const find = useFind({
    rows,
    rowIndex: rowIndexByKey,
    pages,
    ready: settled,
    messageCount,
    scrollRef,
    seek,
    seeking,
    cancelSeek,
    show: useCallback(
      (key: string) => goToRow(key, { align: 'visible', select: true, focus: false }),
      [goToRow],
    ),
    selectedKey: messageId,
    referenceKey: useCallback(() => {
      if (messageId !== null && rowIndex.current.has(messageId)) return messageId;
      const first = scrollRef.current ? firstVisibleRowIndex(scrollRef.current) : -1;
      return rowsByKey.current[first]?.key ?? null;
    }, [messageId, scrollRef]),
  });

  // Tool call ⇄ result: from the row holding the control, in the direction of the target.
  const jumpTo = useCallback(
    async (
      origin: string,
      from: Element,
      direction: 'forward' | 'backward',
      match: (row: ListRow) => boolean,
      accept: (row: ListRow) => boolean = () => true,
    ): Promise<JumpOutcome> => {
      const fromKey = from.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey ?? null;
      const outcome = await seek(origin, { direction, fromKey, match });
      if (outcome.status !== 'found') return outcome;
      const row = rowsByKey.current[rowIndex.current.get(outcome.key) ?? -1];
      if (!row || !accept(row)) return { status: 'not-found' };
      await goToRow(outcome.key, { align: 'top-visible', select: true, focus: true });
      return { status: 'found' };
    },
    [seek, goToRow],
  );
  const navigation = useMemo<ConversationNavigation>(
    () => ({
      seeking,
      loaded: messageCount,
      cancel: cancelSeek,
      goToResult: (origin: string, call: ToolCall, from: Element) =>
        jumpTo(
          origin,
          from,
          'forward',
          (row) => scanForResult(call, rowMessage(row)) !== null,
          // A legacy call whose next same-named call comes first has no result of its own.
          (row) => scanForResult(call, rowMessage(row)) === 'result',
        ),
      goToCall: (origin: string, message: ChatMessage, from: Element) =>
        jumpTo(origin, from, 'backward', (row) => isCallFor(message, rowMessage(row))),
    }),
    [seeking, messageCount, cancelSeek, jumpTo],
  );

  // j / k (and ↓ / ↑ on a message card): the next or previous message, loading pages at the
  // ends. A move still on its way counts as where the reader is, so keys can repeat quickly.
  const movingTo = useRef<string | null>(null);
  const moveSelection = useCallback(
    async (move: MoveKey) => {
      const container = scrollRef.current;
      if (!container) return;
      const focused =
        document.activeElement instanceof Element && container.contains(document.activeElement)
          ? document.activeElement.closest<HTMLElement>('[data-row-key]')?.dataset.rowKey
          : undefined;
      let fromKey = movingTo.current ?? focused ?? null;
      if (fromKey === null && messageId !== null && rowIndex.current.has(messageId)) {
        fromKey = messageId;
      }
      // The reader scrolled away from the selection (wheel, End, the scrollbar): go on from what
      // is on screen, not from a message they left behind.
      if (fromKey !== null && fromKey !== movingTo.current && !isRowInView(container, fromKey)) {
        fromKey = null;
      }
      let direction: 'forward' | 'backward' = move === 'next' ? 'forward' : 'backward';
      if (fromKey === null) {
        // Nothing selected: start at the first message in view.
        const first = firstVisibleRowIndex(container);
        fromKey = rowsByKey.current[first - 1]?.key ?? null;
        direction = 'forward';
      }
      const request = { direction, fromKey, match: (row: ListRow) => rowMessage(row) !== null };
      // Usually the next message is loaded: move at once, so quick repeats all count.
      const loaded = nextSeekStep(rowsByKey.current, request, LOADED_ONLY);
      let key = loaded.kind === 'found' ? loaded.key : null;
      if (key === null) {
        const outcome = await seek(KEYBOARD_SEEK, request);
        if (outcome.status !== 'found') return;
        key = outcome.key;
      }
      movingTo.current = key;
      await goToRow(key, { align: 'top-visible', select: true, focus: true });
      if (movingTo.current === key) movingTo.current = null;
    },
    [messageId, seek, goToRow, scrollRef],
  );

  const { openFind } = find;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // A modal dialog (the image inspector, settings) keeps its keys, and the browser's find.
      if (document.querySelector('dialog[open]')) return;
      if (isFindShortcut(event)) {
        event.preventDefault();
        openFind();
        return;
      }
      const move = messageMoveFor(
        event,
        (target) =>
          target instanceof HTMLElement &&
          target.matches('article[tabindex]') &&
          !!scrollRef.current?.contains(target),
      );
      if (!move) return;
      event.preventDefault();
      void moveSelection(move);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openFind, moveSelection, scrollRef]);

  return {
    find,
    navigation,
    inspectorPages,
    jumpToAnswer,
    jumpingToAnswer: seeking === ANSWER_SEEK,
  };
}
