import type { ApiClient } from '@/api/client.ts';
import type { MessageItem, StoredCompletion } from '@/api/types.ts';

/** The API's largest page. */
export const EXPORT_PAGE_SIZE = 100;

/**
 * What an export has fetched so far. Kept by the caller between attempts, so a retry after an
 * error or a cancel goes on from the last page received: nothing fetched is fetched twice.
 */
export interface ConversationDownload {
  completion: StoredCompletion | null;
  items: MessageItem[];
  /** The cursor for the next page (`after`), undefined before the first page. */
  after: string | undefined;
  pages: number;
  done: boolean;
}

export function newConversationDownload(): ConversationDownload {
  return { completion: null, items: [], after: undefined, pages: 0, done: false };
}

export interface FetchProgress {
  messages: number;
  pages: number;
}

type Client = Pick<ApiClient, 'getCompletion' | 'listMessages'>;

/**
 * Fetches the completion and every page of its messages (`order=asc`, following `after` until
 * `has_more` is false), appending to `download` as pages arrive. Aborting `signal` stops at once
 * (the request in flight is cancelled) and rejects with the AbortError; any other failure
 * rejects with the client's error. Either way `download` keeps what arrived, ready to resume.
 */
export async function fetchWholeConversation(
  client: Client,
  completionId: string,
  download: ConversationDownload,
  options: {
    signal?: AbortSignal | undefined;
    onProgress?: ((progress: FetchProgress) => void) | undefined;
    pageSize?: number;
  } = {},
): Promise<{ completion: StoredCompletion; items: MessageItem[] }> {
  const { signal, onProgress, pageSize = EXPORT_PAGE_SIZE } = options;
  signal?.throwIfAborted();
  download.completion ??= await client.getCompletion(completionId, signal);
  while (!download.done) {
    signal?.throwIfAborted();
    const page = await client.listMessages(
      completionId,
      { order: 'asc', limit: pageSize, after: download.after },
      signal,
    );
    signal?.throwIfAborted();
    const last = page.data.at(-1);
    const cursor = page.last_id ?? (last?.ok ? (last.message.id ?? undefined) : undefined);
    if (page.has_more && (cursor === undefined || cursor === download.after)) {
      throw new Error(
        'The server said more messages follow but gave no cursor to fetch them: export stopped.',
      );
    }
    download.items.push(...page.data);
    download.pages += 1;
    download.after = cursor ?? download.after;
    download.done = !page.has_more;
    onProgress?.({ messages: download.items.length, pages: download.pages });
  }
  return { completion: download.completion, items: download.items };
}
