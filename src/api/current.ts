import {
  createApiClient,
  defaultConnection,
  dropEarlyRequests,
  type ApiClient,
  type Connection,
} from './client.ts';

/**
 * The connection in use, as query keys and queries see it: an id for the keys, and the client
 * that fetches for them. They travel together, so an answer is always stored under the
 * connection that gave it, and a new connection's keys find none of the previous one's answers.
 */
export interface ApiScope {
  /**
   * `server` for the viewer's own API, else `direct:<baseURL>#<hash>`, the hash of the key,
   * organization and project: never the key itself (query keys show up in devtools and logs).
   */
  readonly id: string;
  readonly client: ApiClient;
}

/** A short, stable, non-reversible digest of a string (cyrb53): tells keys apart, hides them. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function scopeId(connection: Connection): string {
  if (connection === defaultConnection) return 'server';
  const { apiKey = '', organization = '', project = '' } = connection;
  return `direct:${connection.baseURL}#${digest(`${apiKey}\n${organization}\n${project}`)}`;
}

let scope: ApiScope = {
  id: scopeId(defaultConnection),
  client: createApiClient(defaultConnection),
};
let currentConnection: Connection = defaultConnection;
const listeners = new Set<() => void>();

/** The connection in use now (the same object until it changes). */
export function currentScope(): ApiScope {
  return scope;
}

export function subscribeScope(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getApiClient(): ApiClient {
  return scope.client;
}

export function setConnection(connection: Connection): void {
  // Requests started early from the page's URL went to the server's own API.
  if (connection.baseURL !== defaultConnection.baseURL || connection.apiKey) dropEarlyRequests();
  scope = { id: scopeId(connection), client: createApiClient(connection) };
  currentConnection = connection;
  for (const listener of listeners) listener();
}

/** The base URL of a direct connection from the browser; null for the viewer's own server. */
export function directBaseUrl(): string | null {
  return currentConnection === defaultConnection ? null : currentConnection.baseURL;
}

// "Open the connection settings" from anywhere (an error message) without importing the feature
// that owns them: the header's connection button listens.
const OPEN_SETTINGS = 'viewer:open-connection-settings';

export function requestConnectionSettings(): void {
  window.dispatchEvent(new Event(OPEN_SETTINGS));
}

export function onConnectionSettingsRequested(open: () => void): () => void {
  window.addEventListener(OPEN_SETTINGS, open);
  return () => window.removeEventListener(OPEN_SETTINGS, open);
}
