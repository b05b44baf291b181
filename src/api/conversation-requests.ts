import { completionPath, messagesPath, type PageParams } from '@/api/client.ts';

// What a conversation asks the API for when it opens, without TanStack Query: the early start
// (src/app/early-requests.ts) and the queries (completion.ts, messages.ts) build the same URLs
// from here, so the queries find the answers the early start asked for.

export const MESSAGES_PAGE_SIZE = 100;

/** The page before a message, newest first (the message itself not included). */
export function pageBefore(messageId: string): PageParams {
  return { after: messageId, limit: MESSAGES_PAGE_SIZE, order: 'desc' };
}

/** The page after the message `previousId` (null: from the first message), oldest first. */
export function pageFrom(previousId: string | null): PageParams {
  return { after: previousId ?? undefined, limit: MESSAGES_PAGE_SIZE, order: 'asc' };
}

/**
 * The id of the message before `messageId`, read from the id alone, when it has the form the API
 * gives (`<completion_id>-<index>`): `<completion_id>-<index - 1>`, or null for index 0. Undefined
 * for any other form: only the page before the message can then say which one precedes it.
 */
export function previousIdByForm(
  completionId: string,
  messageId: string,
): string | null | undefined {
  const prefix = `${completionId}-`;
  if (!messageId.startsWith(prefix)) return undefined;
  const index = messageId.slice(prefix.length);
  // Digits as the API writes them (no sign, no leading zero), small enough to count down exactly.
  if (!/^(0|[1-9]\d{0,14})$/.test(index)) return undefined;
  const value = Number(index);
  return value === 0 ? null : `${prefix}${value - 1}`;
}

/**
 * The GETs (paths below the API's base URL) a conversation opens with: the completion, and its
 * first page of messages, or around the linked message the page before it and, when its id says
 * which message precedes it, the page from it.
 */
export function conversationOpeningPaths(completionId: string, anchor: string | null): string[] {
  const paths = [completionPath(completionId)];
  if (anchor === null) {
    paths.push(messagesPath(completionId, pageFrom(null)));
    return paths;
  }
  paths.push(messagesPath(completionId, pageBefore(anchor)));
  const previous = previousIdByForm(completionId, anchor);
  if (previous !== undefined) paths.push(messagesPath(completionId, pageFrom(previous)));
  return paths;
}
