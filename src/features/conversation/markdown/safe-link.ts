/**
 * Message content is untrusted: a markdown link becomes a real link only for these schemes.
 * Everything else (javascript:, data:, vbscript:, file:, relative paths that would resolve
 * against this viewer) is shown as text.
 */
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href to put on a link, or null when the URL must not be one. The URL is parsed the way
 * the browser will parse it (entities are already decoded by the markdown parser; WHATWG URL
 * parsing strips tabs, newlines and leading control characters, lowercases the scheme), and the
 * normalized form is returned, so what was checked is exactly what the browser gets.
 */
export function safeLinkHref(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return LINK_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
}
