import { infiniteQueryOptions } from '@tanstack/react-query';
import type { ApiClient } from '@/api/client.ts';
import { ApiError, isApiError } from '@/api/errors.ts';
import type { ApiScope } from '@/api/current.ts';
import type { CursorPage, MessageItem } from '@/api/types.ts';
import {
  MESSAGES_PAGE_SIZE,
  pageBefore,
  pageFrom,
  previousIdByForm,
} from './conversation-requests.ts';
import { queryKeys } from './keys.ts';

/**
 * A run of consecutive messages in conversation order, with the cursors to extend it: `older`
 * is the id to page backwards from (`order=desc&after=older`), `newer` the id to page forwards
 * from (`order=asc&after=newer`); null where the conversation ends.
 */
export interface MessageWindowPage {
  items: MessageItem[];
  older: string | null;
  newer: string | null;
}

export type MessagePageParam =
  | { kind: 'start' }
  | { kind: 'anchor'; messageId: string }
  | { kind: 'older'; cursor: string }
  | { kind: 'newer'; cursor: string };

/** The deep-linked message is not in this conversation. */
export class AnchorNotFoundError extends Error {
  readonly messageId: string;
  constructor(messageId: string) {
    super(`No message with id '${messageId}' in this conversation.`);
    this.name = 'AnchorNotFoundError';
    this.messageId = messageId;
  }
}

function idOf(item: MessageItem | undefined): string | null {
  return item?.ok ? item.message.id : null;
}

/** The cursor past the end of a page: last_id, or the last readable item's id. */
function endCursor(page: CursorPage<MessageItem>): string | null {
  return page.last_id ?? idOf(page.data[page.data.length - 1]);
}

/** A page that claims more but brings nothing (or can't say where to go on) ends the walk. */
function continues(page: CursorPage<MessageItem>, cursor: string | null, previous?: string) {
  return page.has_more && page.data.length > 0 && cursor !== null && cursor !== previous;
}

/** The page before the anchor; a 400 on its cursor means the anchor isn't there. */
async function pageBeforeAnchor(
  request: Promise<CursorPage<MessageItem>>,
  messageId: string,
): Promise<CursorPage<MessageItem>> {
  try {
    return await request;
  } catch (error) {
    // An unknown cursor is a 400 on `after` (OpenAI's answer for an id it doesn't have).
    if (isApiError(error) && error.status === 400) throw new AnchorNotFoundError(messageId);
    throw error;
  }
}

/** One page of a conversation's window: the client it asks is a parameter, for tests. */
export async function fetchMessageWindow(
  api: Pick<ApiClient, 'listMessages'>,
  completionId: string,
  param: MessagePageParam,
  signal: AbortSignal,
): Promise<MessageWindowPage> {
  const limit = MESSAGES_PAGE_SIZE;
  switch (param.kind) {
    case 'start':
    case 'newer': {
      const after = param.kind === 'newer' ? param.cursor : undefined;
      const page = await api.listMessages(completionId, { after, limit, order: 'asc' }, signal);
      const cursor = endCursor(page);
      return {
        items: page.data,
        older: null,
        newer: continues(page, cursor, after) ? cursor : null,
      };
    }
    case 'older': {
      const page = await api.listMessages(
        completionId,
        { after: param.cursor, limit, order: 'desc' },
        signal,
      );
      const cursor = endCursor(page);
      return {
        items: [...page.data].reverse(),
        older: continues(page, cursor, param.cursor) ? cursor : null,
        newer: null,
      };
    }
    case 'anchor': {
      // The page before the anchor (newest first) and the page from the anchor on: two requests,
      // not the whole conversation. The second one's cursor is the message before the anchor:
      // when the anchor's id says which that is (`<id>-<index>`), both go out at once, and the
      // guess is checked against the page before; otherwise (or when the check fails) the second
      // one waits for the first.
      const beforeRequest = api.listMessages(completionId, pageBefore(param.messageId), signal);
      const guess = previousIdByForm(completionId, param.messageId);
      const guessed =
        guess === undefined ? null : api.listMessages(completionId, pageFrom(guess), signal);
      // Its failure is judged below, or never when the guess turns out wrong.
      guessed?.catch(() => {});
      const before = await pageBeforeAnchor(beforeRequest, param.messageId);
      const previous = idOf(before.data[0]);
      if (before.data.length > 0 && previous === null) {
        throw new ApiError('malformed', 'The message before the linked one has no id.');
      }
      const from =
        guessed !== null && guess === previous
          ? await guessed
          : await api.listMessages(completionId, pageFrom(previous), signal);
      if (idOf(from.data[0]) !== param.messageId) throw new AnchorNotFoundError(param.messageId);
      const olderCursor = endCursor(before);
      const newerCursor = endCursor(from);
      return {
        items: [...[...before.data].reverse(), ...from.data],
        older: continues(before, olderCursor, param.messageId) ? olderCursor : null,
        newer: continues(from, newerCursor, previous ?? undefined) ? newerCursor : null,
      };
    }
  }
}

/**
 * Whether a cursor was already used in this direction: a server whose `last_id` returns to an
 * earlier cursor (not only the last one) would otherwise be paged forever.
 */
function walked(params: readonly MessagePageParam[], kind: 'older' | 'newer', cursor: string) {
  return params.some((param) => param.kind === kind && param.cursor === cursor);
}

/**
 * The input messages of a stored completion as a two-way infinite query: from the first
 * message, or around a deep-linked one (`anchor`), extended older with `fetchPreviousPage` and
 * newer with `fetchNextPage`, 100 a page, with the SDK's cursor rule.
 */
export function conversationMessagesInfiniteOptions(
  scope: ApiScope,
  completionId: string,
  anchor: string | null = null,
) {
  // The key holds scope.id, which names the connection scope.client fetches from (ApiScope).
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return infiniteQueryOptions({
    queryKey: queryKeys.messageWindow(scope.id, completionId, anchor),
    queryFn: ({ pageParam, signal }) =>
      fetchMessageWindow(scope.client, completionId, pageParam, signal),
    initialPageParam: (anchor === null
      ? { kind: 'start' }
      : { kind: 'anchor', messageId: anchor }) as MessagePageParam,
    getNextPageParam: (lastPage, _pages, _param, allParams): MessagePageParam | undefined =>
      lastPage.newer === null || walked(allParams, 'newer', lastPage.newer)
        ? undefined
        : { kind: 'newer', cursor: lastPage.newer },
    getPreviousPageParam: (firstPage, _pages, _param, allParams): MessagePageParam | undefined =>
      firstPage.older === null || walked(allParams, 'older', firstPage.older)
        ? undefined
        : { kind: 'older', cursor: firstPage.older },
    staleTime: 5 * 60_000,
  });
}
