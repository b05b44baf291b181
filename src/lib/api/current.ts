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

export function getApiClient(): ApiClient {
  return current;
}

export function setConnection(connection: Connection): void {
  // Requests started early from the page's URL went to the server's own API.
  if (connection.baseURL !== defaultConnection.baseURL || connection.apiKey) dropEarlyRequests();
  current = createApiClient(connection);
}
