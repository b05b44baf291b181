/**
 * A fetch the page's Content-Security-Policy blocks (connect-src) fails as a bare "Failed to
 * fetch", like a dead server. The browser does say why, in a `securitypolicyviolation` event:
 * remember the recent ones, so the client can tell the two apart.
 */
interface Violation {
  origin: string;
  at: number;
}

const RECENT_MS = 5_000;
/** The event is queued as a task of its own, possibly after the fetch has failed. */
const SETTLE_MS = 50;

const recent: Violation[] = [];
let watching = false;

function originOf(url: string): string | null {
  try {
    return new URL(url, globalThis.location?.href).origin;
  } catch {
    return null;
  }
}

/** Starts listening (once) for connect-src violations; a no-op outside a browser page. */
export function watchCspViolations(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.effectiveDirective !== 'connect-src') return;
    const origin = originOf(event.blockedURI);
    if (origin === null) return;
    recent.push({ origin, at: Date.now() });
    if (recent.length > 20) recent.shift();
  });
}

/** Whether the CSP just blocked a connection to the origin of `url`. */
export async function blockedByCsp(url: string): Promise<boolean> {
  if (!watching) return false;
  const origin = originOf(url);
  if (origin === null) return false;
  const seen = () => recent.some((v) => v.origin === origin && Date.now() - v.at < RECENT_MS);
  if (seen()) return true;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return seen();
}
