import { createContext, useContext } from 'react';
import { conversationHref } from '@/app/routes.ts';

/** What every message of the open conversation needs to know, without prop drilling. */
export interface ConversationContextValue {
  completionId: string;
  /** The completion's model (for image token estimates); null until the completion is loaded. */
  model: string | null;
  /** The message the URL points at (deep link or the reader's selection). */
  selectedMessageId: string | null;
  /** The content part the URL points at (`?part=N`) in the selected message. */
  focusedPart: number | null;
  /** The reader picked a message: the URL follows, so the address bar is a shareable link. */
  selectMessage: (messageId: string) => void;
}

export const ConversationContext = createContext<ConversationContextValue | null>(null);

export function useConversationContext(): ConversationContextValue | null {
  return useContext(ConversationContext);
}

/** The shareable link to one message (and optionally one of its parts), on this origin. */
export function messageLink(completionId: string, messageId: string, part?: number): string {
  return `${window.location.origin}${conversationHref(completionId, messageId, { part })}`;
}
