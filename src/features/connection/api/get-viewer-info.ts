import { queryOptions } from '@tanstack/react-query';
import { queryKeys } from '@/api/keys.ts';
import { parseJsonRecord } from '@/lib/json-record.ts';

/** What the viewer's own server offers (`GET /__viewer/info`), or 'static' for a plain static host. */
export type ViewerInfo =
  | {
      mode: 'demo' | 'file' | 'proxy';
      /** The upstream of the proxy. */
      baseURL?: string;
      /** How many completions the local data holds (demo, file). */
      completions?: number;
      /** The server's /v1 answers 401 without a key of its own (a test setup): connect directly. */
      keyRequired: boolean;
      /** Origins the server's CSP lets the page connect to directly, besides its own. */
      connectSrc?: string[];
      /** Whether the server keeps a local index to search (GET /__viewer/search). */
      search: boolean;
    }
  | { mode: 'static' };

const STATIC: ViewerInfo = { mode: 'static' };

/**
 * Reads the answer leniently: anything that is not the server's info object (a 404, or the
 * index.html a static host's SPA fallback answers with) means a static host with no /v1.
 */
export function parseViewerInfo(
  status: number,
  contentType: string | null,
  text: string,
): ViewerInfo {
  if (status < 200 || status >= 300 || !contentType?.includes('json')) return STATIC;
  const record = parseJsonRecord(text);
  if (!record) return STATIC;
  const mode = record.mode;
  if (mode !== 'demo' && mode !== 'file' && mode !== 'proxy') return STATIC;
  const info: ViewerInfo = {
    mode,
    keyRequired: record.keyRequired === true,
    search: record.search === true,
  };
  if (typeof record.baseURL === 'string' && record.baseURL !== '') info.baseURL = record.baseURL;
  if (typeof record.completions === 'number' && Number.isFinite(record.completions))
    info.completions = record.completions;
  if (Array.isArray(record.connectSrc))
    info.connectSrc = record.connectSrc.filter((x): x is string => typeof x === 'string');
  return info;
}

export async function getViewerInfo(signal?: AbortSignal): Promise<ViewerInfo> {
  // The viewer's own origin, never the API's: this asks where the page came from.
  const response = await fetch(`${import.meta.env.BASE_URL}__viewer/info`, {
    headers: { Accept: 'application/json' },
    signal: signal ?? null,
    credentials: 'same-origin',
  });
  return parseViewerInfo(
    response.status,
    response.headers.get('content-type'),
    await response.text(),
  );
}

export function viewerInfoQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.viewerInfo(),
    queryFn: ({ signal }) => getViewerInfo(signal),
    // What the server offers does not change while the page is open.
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
