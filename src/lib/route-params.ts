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
