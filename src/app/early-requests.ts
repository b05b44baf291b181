// The build's second entry (vite.config.ts). The server puts it ahead of the app's own script in
// the page it serves for a conversation URL, when it has the same-origin API of `npm start`
// (server/index-page.ts): it starts the conversation's requests from the URL while the app's
// code is still loading, and the client hands their answers to the queries that ask for them.
import { conversationOpeningPaths } from '@/api/conversation-requests.ts';
import { initialConnection } from '@/features/connection/stores/connection-store.ts';
import { browserStorages } from '@/features/connection/utils/connection-storage.ts';
import { defaultConnection, startEarlyRequests } from '@/api/client.ts';
import { locationRoute } from './routes.ts';

const route = locationRoute();
// A direct connection saved in this browser sends the app elsewhere, with a key: nothing here.
if (route?.page === 'conversation' && initialConnection(browserStorages()).kind === 'server') {
  startEarlyRequests(
    defaultConnection.baseURL,
    conversationOpeningPaths(route.completionId, route.messageId),
  );
}
