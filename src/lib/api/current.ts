import { createApiClient, defaultConnection, type ApiClient, type Connection } from './client.ts';

// The client for the connection in use. Switching connection (a later settings panel) swaps it
// and must clear the query cache, since cached answers belong to the previous connection.
let current: ApiClient = createApiClient(defaultConnection);

export function getApiClient(): ApiClient {
  return current;
}

export function setConnection(connection: Connection): void {
  current = createApiClient(connection);
}
