/**
 * /__viewer/*: GET /__viewer/info (where the data comes from), GET /__viewer/search (search.ts),
 * GET /__viewer/conversation (conversation-summary.ts) and the endpoints others mount
 * here (the test-only reset, see testing/); a plain 404 for anything else, and on a static-only
 * server. Other sites' pages get nothing here, not even the info.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../api/store.ts';
import type { ViewerMode } from '../data-source.ts';
import { SqliteStore } from '../db/sqlite-store.ts';
import { crossSiteRefusal, sendApiError } from '../security.ts';
import { conversationSummaryEndpoint, VIEWER_CONVERSATION_PATH } from './conversation-summary.ts';
import { searchEndpoint, VIEWER_SEARCH_PATH } from './search.ts';
import { jsonReadEndpoint, notFound, prefixMount, type Mount } from './mount.ts';

export const VIEWER_PREFIX = '/__viewer/';
export const VIEWER_INFO_PATH = '/__viewer/info';

/** The body of GET /__viewer/info. Never holds a key. */
export interface ViewerInfo {
  mode: 'demo' | 'file' | 'proxy';
  /** Proxy mode: the upstream base URL (without any user:password part). */
  baseURL?: string;
  /** Demo and file modes: completions currently stored (deletions count). */
  completions?: number;
  /** Whether GET /__viewer/search answers (a local index: demo and file modes). */
  search: boolean;
  /** Whether /v1 needs `Authorization: Bearer <key>` from the browser. */
  keyRequired: boolean;
  /**
   * Origins this server's Content-Security-Policy lets the page connect to besides its own
   * (present when the server sends a CSP): a direct connection elsewhere is blocked.
   */
  connectSrc?: string[];
}

export type ViewerEndpoint = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface ViewerRoutesOptions {
  mode: ViewerMode;
  store?: Store;
  keyRequired: boolean;
  /** The CSP's connect-src, when the server sends one. */
  connectSrc: readonly string[] | null;
  /** More endpoints by exact path, e.g. { '/__viewer/reset': … }. */
  endpoints?: Record<string, ViewerEndpoint>;
}

/** A base URL fit to show: credentials in it (https://user:pass@host) are dropped. */
function publicBaseURL(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    if (!url.username && !url.password) return baseURL;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return baseURL.replace(/\/\/[^/@]*@/, '//');
  }
}

/** The local index search reads, when the store is the SQLite one. */
const searchDb = (options: ViewerRoutesOptions) =>
  options.store instanceof SqliteStore ? options.store.db : null;

function viewerInfo(options: ViewerRoutesOptions): ViewerInfo {
  const { mode } = options;
  const csp = options.connectSrc ? { connectSrc: [...options.connectSrc] } : {};
  switch (mode.kind) {
    case 'proxy':
      return {
        mode: 'proxy',
        baseURL: publicBaseURL(mode.baseURL),
        search: false,
        keyRequired: false,
        ...csp,
      };
    case 'demo':
    case 'file':
      return {
        mode: mode.kind,
        completions: options.store?.size ?? 0,
        search: searchDb(options) !== null,
        keyRequired: options.keyRequired,
        ...csp,
      };
    case 'static':
      throw new Error('no info in static-only mode');
  }
}

export function viewerRoutes(options: ViewerRoutesOptions): Mount {
  if (options.mode.kind === 'static') return prefixMount(VIEWER_PREFIX, notFound);
  const endpoints: Record<string, ViewerEndpoint> = {
    ...options.endpoints,
    [VIEWER_SEARCH_PATH]: searchEndpoint(searchDb(options)),
    [VIEWER_CONVERSATION_PATH]: conversationSummaryEndpoint(options.store),
    [VIEWER_INFO_PATH]: jsonReadEndpoint(() => viewerInfo(options)),
  };
  return prefixMount(VIEWER_PREFIX, async (req, res, pathname, search) => {
    const refused = crossSiteRefusal(req);
    if (refused) return sendApiError(req, res, refused);
    const endpoint = Object.hasOwn(endpoints, pathname) ? endpoints[pathname] : undefined;
    return endpoint ? endpoint(req, res) : notFound(req, res, pathname, search);
  });
}
