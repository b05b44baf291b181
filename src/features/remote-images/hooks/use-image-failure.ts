import { useEffect, useState } from 'react';
import { pagePolicyAllows } from '../api/page-policy.ts';
import { classifyImageFailure, type ImageFailure } from '../utils/classify-image-failure.ts';

/*
 * Finding out why an image did not show. An <img> error event says nothing, so the evidence
 * comes from elsewhere, each piece measured in Chromium (docs/security.md, "Why an image did
 * not show"):
 *
 * - `securitypolicyviolation` (img-src) names the URL a Content-Security-Policy refused.
 * - Resource Timing (`responseStatus`, `contentType`) gives status and type for same-origin
 *   images only. For a cross-origin image without CORS the entry exists whatever happened
 *   (loaded, 404, HTML, refused connection, unknown host, even blocked by the CSP) and holds
 *   nothing but timings: status 0, type "", sizes 0. Timing-Allow-Origin adds sizes, never the
 *   status.
 * - A probe: `fetch(url, { mode: 'no-cors' })` resolves (opaquely, status hidden) on any HTTP
 *   answer and rejects on a network error, so it tells "no answer" from "answered with
 *   something". It is a connection, so connect-src governs it, and the viewer's connect-src is
 *   deliberately narrow (own origin + VIEWER_CONNECT_SRC: a direct connection's key can only go
 *   where the operator allows). Widening it for a diagnosis would undo that, so the probe runs
 *   only where the page's own policy already allows a connection (read from its header, so a
 *   refused probe never shows up as a violation). It sends less than the <img> did: no
 *   cookies (credentials: 'omit'), no referrer, no Origin header (no-cors).
 */

/** Violations and timing entries are queued as tasks of their own, around the error event. */
const SETTLE_MS = 100;
const PROBE_TIMEOUT_MS = 10_000;
const MAX_REMEMBERED = 300;

const violations = new Set<string>();
const sameOriginAnswers = new Map<string, { status: number; contentType: string }>();
let watching = false;

/** Makes room for one more entry: the oldest goes. */
function makeRoom(collection: {
  size: number;
  keys(): IterableIterator<string>;
  delete(key: string): boolean;
}) {
  if (collection.size < MAX_REMEMBERED) return;
  const oldest = collection.keys().next();
  if (!oldest.done) collection.delete(oldest.value);
}

/** What Resource Timing shows of an answer: meaningful for same-origin requests only. */
function answerOf(entry: PerformanceEntry): { status: number; contentType: string } {
  const timing = entry as PerformanceResourceTiming & {
    responseStatus?: number;
    contentType?: string;
  };
  return { status: timing.responseStatus ?? 0, contentType: timing.contentType ?? '' };
}

/** The same-origin answer to an image request, if Resource Timing recorded it. */
function sameOriginAnswer(href: string): { status: number; contentType: string } | null {
  const observed = sameOriginAnswers.get(href);
  if (observed) return observed;
  const entry = performance.getEntriesByName(href, 'resource').at(-1);
  return entry ? answerOf(entry) : null;
}

/** Starts listening (once) for img-src violations and same-origin image timings. */
export function watchImageLoads(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.effectiveDirective !== 'img-src' || !event.blockedURI) return;
    makeRoom(violations);
    violations.add(event.blockedURI);
  });
  // An observer, not getEntriesByName: the timeline's buffer (250 entries by default) fills up
  // on a long conversation, observers still get every entry.
  if (typeof PerformanceObserver === 'undefined') return;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        if (entry.initiatorType !== 'img' || !entry.name.startsWith(`${window.location.origin}/`))
          continue;
        makeRoom(sameOriginAnswers);
        sameOriginAnswers.set(entry.name, answerOf(entry));
      }
    }).observe({ type: 'resource', buffered: true });
  } catch {
    // No Resource Timing: same-origin failures are described like cross-origin ones.
  }
}

function blockedByPolicy(url: URL): boolean {
  // The full URL, or its origin only (what a report keeps of a redirected request).
  return violations.has(url.href) || violations.has(url.origin) || violations.has(`${url.origin}/`);
}

async function probe(url: URL): Promise<'answered' | 'no-answer' | null> {
  if ((await pagePolicyAllows('connect-src', url.href)) !== true) return null;
  try {
    await fetch(url.href, {
      mode: 'no-cors',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return 'answered';
  } catch (error) {
    // A timeout says nothing certain (a slow host, a dropped packet): not "no answer".
    return error instanceof DOMException && error.name === 'TimeoutError' ? null : 'no-answer';
  }
}

/** Diagnoses per URL for this page: rows remount as the list scrolls, the inspector asks too. */
const diagnoses = new Map<string, Promise<ImageFailure>>();
const settled = new Map<string, ImageFailure>();

async function diagnose(
  url: string,
  response: { status: number; contentType: string } | null,
): Promise<ImageFailure> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const pageUrl = window.location.href;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return classifyImageFailure({ url, pageUrl, blockedByPolicy: false, response, probe: null });
  }
  let blocked = blockedByPolicy(parsed);
  const sameOrigin = parsed.origin === window.location.origin;
  const seen = response ?? (sameOrigin ? sameOriginAnswer(parsed.href) : null);
  const mixed = window.location.protocol === 'https:' && parsed.protocol === 'http:';
  let probed: 'answered' | 'no-answer' | null = null;
  if (!blocked && !seen && !mixed && !sameOrigin) {
    // A violation reported before this module listened would be missed: the policy says so too.
    if ((await pagePolicyAllows('img-src', parsed.href)) === false) blocked = true;
    else probed = await probe(parsed);
  }
  return classifyImageFailure({
    url: parsed.href,
    pageUrl,
    blockedByPolicy: blocked,
    response: seen,
    probe: probed,
  });
}

/**
 * Why the image at `url` (an http(s) URL whose <img> just fired `error`) did not show; made
 * once per URL and page. `response`: a status and type already known (the inspector's CORS
 * request), which is used as is.
 */
export function diagnoseImageFailure(
  url: string,
  response: { status: number; contentType: string } | null = null,
): Promise<ImageFailure> {
  const known = diagnoses.get(url);
  if (known && !response) return known;
  const diagnosis = diagnose(url, response);
  makeRoom(diagnoses);
  makeRoom(settled);
  diagnoses.set(url, diagnosis);
  void diagnosis.then((failure) => {
    if (diagnoses.get(url) === diagnosis) settled.set(url, failure);
  });
  return diagnosis;
}

/** The diagnosis already made for this URL on this page, if any (no new request is needed). */
export function knownImageFailure(url: string): ImageFailure | null {
  return settled.get(url) ?? null;
}

/** "Try again": the next failure of this URL is diagnosed afresh. */
export function forgetImageFailure(url: string): void {
  diagnoses.delete(url);
  settled.delete(url);
}

export type ImageFailureState = { status: 'checking' } | { status: 'known'; failure: ImageFailure };

/**
 * The diagnosis of an image that failed to load: pass its URL once its <img> fired `error`
 * (null while nothing failed). 'checking' while the evidence comes in (a tenth of a second,
 * or until a probe is answered).
 */
export function useImageFailure(failedUrl: string | null): ImageFailureState | null {
  const [result, setResult] = useState<{ for: string; failure: ImageFailure } | null>(null);
  useEffect(() => {
    if (failedUrl === null || knownImageFailure(failedUrl)) return;
    let cancelled = false;
    void diagnoseImageFailure(failedUrl).then((failure) => {
      if (!cancelled) setResult({ for: failedUrl, failure });
    });
    return () => {
      cancelled = true;
    };
  }, [failedUrl]);
  if (failedUrl === null) return null;
  const failure = result?.for === failedUrl ? result.failure : knownImageFailure(failedUrl);
  return failure ? { status: 'known', failure } : { status: 'checking' };
}

watchImageLoads();
