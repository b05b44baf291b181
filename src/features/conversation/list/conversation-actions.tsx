import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { formatNumber } from '@/lib/format.ts';

const BUTTON =
  'pointer-events-auto rounded-full border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-md hover:bg-slate-50';

/**
 * Find, Top and Jump to answer, shown only where they help. This renders on every scroll frame,
 * so it decides from the virtualizer's own figures (no layout reads): Find when the conversation
 * is over one and a half screens long, Top once the start is a screen away, Jump to answer while
 * the answer is below.
 */
export function ConversationActions({
  virtualizer,
  viewHeightBefore,
  morePages,
  hasPreviousPage,
  hasAnswer,
  jumpingToAnswer,
  messageCount,
  position,
  onFind,
  onJumpToAnswer,
  findButton,
}: {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /** The view's height until the virtualizer has measured it. */
  viewHeightBefore: number;
  morePages: boolean;
  hasPreviousPage: boolean;
  hasAnswer: boolean;
  jumpingToAnswer: boolean;
  messageCount: number;
  /** "message 7,000 of 10,000": where the reader is in the whole conversation, when known. */
  position: { index: number; total: number } | null;
  onFind: () => void;
  onJumpToAnswer: () => void;
  findButton: RefObject<HTMLButtonElement | null>;
}) {
  const viewHeight = virtualizer.scrollRect?.height ?? viewHeightBefore;
  const offset = virtualizer.scrollOffset ?? 0;
  const showFind = morePages || virtualizer.getTotalSize() > viewHeight * 1.5;
  const showTop = hasPreviousPage || offset > viewHeight;
  const answerRow = virtualizer.getVirtualItems().find((item) => item.key === 'answer-heading');
  const answerBelow = !answerRow || answerRow.start > offset + viewHeight - 48;
  const showAnswer = hasAnswer && (answerBelow || jumpingToAnswer);
  if (!showFind && !showTop && !showAnswer && !position) return null;
  return (
    // Floating at the bottom right from 640 px up (outside the text column on a desktop); on a
    // phone a bar of its own under the list, so it never covers text.
    <div
      className="flex shrink-0 flex-wrap justify-end gap-2 border-t border-slate-200 bg-white px-3 py-2 sm:pointer-events-none sm:absolute sm:right-6 sm:bottom-4 sm:border-0 sm:bg-transparent sm:p-0"
      data-testid="conversation-actions"
    >
      {position && (
        <p
          className="pointer-events-auto me-auto self-center rounded-full border border-slate-200 bg-white/90 px-3 py-1 text-xs text-slate-700 tabular-nums shadow-sm sm:me-0"
          data-testid="reading-position"
          title="The message at the top of the view, counted from 0 as in message ids. End and Home go to the conversation’s last and first messages."
        >
          message {formatNumber(position.index)} of {formatNumber(position.total)}
        </p>
      )}
      {showFind && (
        <button
          ref={findButton}
          type="button"
          onClick={onFind}
          aria-keyshortcuts="Control+F Meta+F"
          title="Find in conversation (Ctrl+F)"
          className={BUTTON}
        >
          Find
        </button>
      )}
      {showTop && (
        <button
          type="button"
          onClick={() => virtualizer.scrollToIndex(0, { align: 'start' })}
          className={BUTTON}
        >
          Top
        </button>
      )}
      {showAnswer && (
        <button
          type="button"
          disabled={jumpingToAnswer}
          onClick={onJumpToAnswer}
          className="pointer-events-auto rounded-full bg-slate-900 px-3 py-1.5 text-sm font-medium text-white shadow-md hover:bg-slate-700 disabled:opacity-80"
        >
          {jumpingToAnswer
            ? `Loading to the answer… (${formatNumber(messageCount)} loaded)`
            : 'Jump to answer'}
        </button>
      )}
    </div>
  );
}
