import {
  createApiClient,
  defaultConnection,
  dropEarlyRequests,
  type ApiClient,
  type Connection,
} from './client.ts';

// The client for the connection in use. Switching connection (a later settings panel) swaps it
// and must clear the query cache, since cached answers belong to the previous connection.
let current: ApiClient = createApiClient(defaultConnection);
let currentConnection: Connection = defaultConnection;

export function getApiClient(): ApiClient {
  return current;
}

export function setConnection(connection: Connection): void {
  // Requests started early from the page's URL went to the server's own API.
  if (connection.baseURL !== defaultConnection.baseURL || connection.apiKey) dropEarlyRequests();
  current = createApiClient(connection);
  currentConnection = connection;
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
