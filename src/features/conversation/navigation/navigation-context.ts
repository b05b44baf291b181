import { createContext, useContext } from 'react';
import type { ChatMessage, ToolCall } from '@/api/types.ts';

/** How a jump ended; `failed` carries what went wrong loading pages on the way. */
export type JumpOutcome =
  | { status: 'found' }
  | { status: 'not-found' }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

/**
 * Jumps between a tool call and its result, for the controls inside message cards. Each jump
 * names its `origin` (the control's own id), so only that control shows the progress.
 */
export interface ConversationNavigation {
  /** The origin of the running seek, if any. */
  seeking: string | null;
  /** Messages loaded so far (for "… 300 loaded"). */
  loaded: number;
  /** From the row holding `from`, to the result of `call` (newer pages load on the way). */
  goToResult: (origin: string, call: ToolCall, from: Element) => Promise<JumpOutcome>;
  /** From the result `message` in the row holding `from`, back to its call (older pages load). */
  goToCall: (origin: string, message: ChatMessage, from: Element) => Promise<JumpOutcome>;
  cancel: () => void;
}

export const ConversationNavigationContext = createContext<ConversationNavigation | null>(null);

export function useConversationNavigation(): ConversationNavigation | null {
  return useContext(ConversationNavigationContext);
}
