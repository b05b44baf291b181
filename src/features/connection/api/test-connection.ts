import { createApiClient, type Connection } from '@/api/client.ts';

export interface ConnectionTestSuccess {
  /** Completions on the one page asked for (0 or 1). */
  count: number;
  /** More stored completions exist beyond that page. */
  hasMore: boolean;
  /** The newest completion's id, if any. */
  newestId: string | null;
}

/**
 * Lists one page (one completion) with the given, not yet saved, connection: the cheapest request
 * that proves the base URL, the key and its access to stored completions all work.
 */
export async function testConnection(
  connection: Connection,
  signal?: AbortSignal,
): Promise<ConnectionTestSuccess> {
  const page = await createApiClient(connection).listCompletions(
    { limit: 1, order: 'desc' },
    signal,
  );
  return {
    count: page.data.length,
    hasMore: page.has_more,
    newestId: page.data[0]?.id ?? null,
  };
}
