/**
 * The router decodes paths with decodeURI, which leaves reserved characters such as %3A (":")
 * encoded; a path segment we produced with encodeURIComponent needs the full decode.
 */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The ids of a conversation path (`/completions/:id[/messages/:id]`), read from the raw,
 * still percent-encoded pathname. The router's params went through decodeURI, which turns
 * "%25" into "%" but leaves "%2F" encoded; decoding those again fails or changes an id that
 * holds a "%" ("100% sure", or a literal "%2F"), so the raw path is the only exact source.
 */
export function conversationIdsFromPath(
  pathname: string,
): { completionId: string; messageId: string | null } | null {
  const match = /^\/completions\/([^/]+)(?:\/messages\/([^/]+))?\/?$/.exec(pathname);
  if (!match) return null;
  const [, completion, message] = match;
  return {
    completionId: decodeSegment(completion!),
    messageId: message === undefined ? null : decodeSegment(message),
  };
}
