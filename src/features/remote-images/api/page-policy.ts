import { cspAllows, parseCsp, type CspPolicy } from '../utils/csp-allows.ts';

let policies: Promise<CspPolicy[] | null> | null = null;

/**
 * The page's own Content-Security-Policy, as its host sends it: a page can't read the policy it
 * runs under, but its URL answers a HEAD request with the same header (same origin, once per
 * page). Null when unknown (the request failed).
 */
function pagePolicies(): Promise<CspPolicy[] | null> {
  policies ??= fetch(window.location.href.split('#')[0]!, {
    method: 'HEAD',
    credentials: 'same-origin',
    cache: 'no-store',
  })
    .then((response) => parseCsp(response.headers.get('content-security-policy')))
    .catch(() => null);
  return policies;
}

/**
 * Whether the page's policy allows `url` for `directive`: true, false, or null when the policy
 * is unknown. Asking first keeps a request the policy would refuse from being tried (and
 * reported as a violation in the console).
 */
export async function pagePolicyAllows(
  directive: 'connect-src' | 'img-src',
  url: string,
): Promise<boolean | null> {
  const csp = await pagePolicies();
  if (csp === null) return null;
  return cspAllows(csp, directive, url, window.location.href);
}
