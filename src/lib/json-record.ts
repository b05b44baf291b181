/** The JSON object `text` holds, or null for anything else (not JSON, an array, a string…). */
export function parseJsonRecord(text: string | null): Record<string, unknown> | null {
  if (text == null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}
