/** Maps /v1 paths to the five stored-completions operations; anything else is "Invalid URL". */

export type Route =
  | { kind: 'list' }
  | { kind: 'completion'; id: string; rawId: string }
  | { kind: 'messages'; id: string; rawId: string };

export const ALLOWED_METHODS: Record<Route['kind'], readonly string[]> = {
  list: ['GET'],
  completion: ['GET', 'POST', 'DELETE'],
  messages: ['GET'],
};

/**
 * `pathname` is the raw (percent-encoded) request path. Ids are decoded per segment, so an
 * encoded "/" inside an id stays part of the id instead of creating a new segment.
 */
export function matchRoute(pathname: string): Route | null {
  const m = /^\/v1\/chat\/completions(?:\/([^/]+)(\/messages)?)?$/.exec(pathname);
  if (!m) return null;
  const rawId = m[1];
  if (rawId === undefined) return { kind: 'list' };
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return null;
  }
  return m[2] ? { kind: 'messages', id, rawId } : { kind: 'completion', id, rawId };
}
