/**
 * POST /__viewer/reset (test-only, faults on, local modes): back to the data as loaded and the
 * `_x<N>` fault counts at zero, for e2e tests that mutate the data.
 */
import type { Store } from '../api/store.ts';
import { sendText } from '../http-util.ts';
import type { ViewerEndpoint } from '../routes/viewer.ts';
import { isJsonContentType, sendApiError, unsupportedMediaType } from '../security.ts';
import type { FaultCounters } from './fault-ids.ts';

export const VIEWER_RESET_PATH = '/__viewer/reset';

export function resetEndpoint(store: Store, counters: FaultCounters): ViewerEndpoint {
  return async (req, res) => {
    if (req.method !== 'POST')
      return sendText(req, res, 405, 'Method not allowed', { Allow: 'POST' });
    // No body, or JSON: a text/plain or form POST (no preflight) is refused.
    const type = req.headers['content-type'];
    if (type !== undefined && !isJsonContentType(type))
      return sendApiError(req, res, unsupportedMediaType(type));
    store.reset();
    counters.reset();
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  };
}
