/**
 * The test-only layer, mounted by app.ts only when faults are on (`--faults`, VIEWER_FAULTS=1,
 * `startServer({ faults: true })`); otherwise this folder is never loaded and no request passes
 * through it: the fault ids (faults.ts) as an interceptor of the /v1 API, and, with local data,
 * POST /__viewer/reset (reset.ts). Both share one server's `_x<N>` fault counts.
 */
import type { ApiInterceptor } from '../api/index.ts';
import type { Store } from '../api/store.ts';
import type { ViewerEndpoint } from '../routes/viewer.ts';
import { FaultCounters } from './fault-ids.ts';
import { handleFault } from './faults.ts';
import { VIEWER_RESET_PATH, resetEndpoint } from './reset.ts';

export interface TestingMount {
  intercept: ApiInterceptor;
  viewerEndpoints: Record<string, ViewerEndpoint>;
}

/** `store`: the local data (none in proxy mode, which has no reset). */
export function mountTesting(store: Store | undefined): TestingMount {
  const counters = new FaultCounters();
  return {
    intercept: (request) => handleFault(request, counters),
    viewerEndpoints: store ? { [VIEWER_RESET_PATH]: resetEndpoint(store, counters) } : {},
  };
}
