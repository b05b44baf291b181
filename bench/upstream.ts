// The upstream of the bench's proxy scenario: the local API over the demo data (the viewer's own
// handler) on a second loopback port, answering every request after a fixed added latency, as a
// remote API would. It logs each request's start and end, to count the round trips a page waits
// for one after the other.
import { createServer } from 'node:http';
import { listen } from '../server/http-util.ts';
import { createViewerHandler } from '../server/main.ts';

export interface UpstreamRequest {
  path: string;
  /** Epoch ms, as the page's `performance.timeOrigin + now()`. */
  start: number;
  end: number;
}

export async function startUpstream(latencyMs: number) {
  const viewer = await createViewerHandler({ quiet: true });
  const log: UpstreamRequest[] = [];
  const server = createServer((req, res) => {
    const entry = { path: req.url ?? '', start: Date.now(), end: Number.NaN };
    log.push(entry);
    res.once('finish', () => (entry.end = Date.now()));
    setTimeout(() => viewer.handle(req, res), latencyMs);
  });
  const listening = await listen(server, 0, '127.0.0.1');
  return { baseURL: `http://127.0.0.1:${listening.port}/v1`, log, close: listening.close };
}

/**
 * Round trips on the critical path: the longest chain of requests each of which started after
 * the one before it had ended (one when everything went out at once, two for a waterfall of
 * two). Requests are [start, end] pairs.
 */
export function sequentialRoundTrips(requests: readonly { start: number; end: number }[]): number {
  let chain = 0;
  let free = Number.NEGATIVE_INFINITY;
  // Earliest end first: the greedy choice gives the longest chain of non-overlapping intervals.
  for (const request of [...requests].sort((a, b) => a.end - b.end)) {
    if (request.start >= free) {
      chain += 1;
      free = request.end;
    }
  }
  return chain;
}
