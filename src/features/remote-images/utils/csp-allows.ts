/**
 * Whether a Content-Security-Policy header lets the page load a URL for one directive (e.g.
 * `connect-src`), per CSP Level 3's source matching: 'self', `*`, schemes, hosts with `*.`
 * wildcards, ports (`:*`), paths, and http → https / ws → wss upgrades. The page can't ask the
 * browser this without trying, and a try the policy refuses is reported as a violation: this
 * answers first. Nonces, hashes and keywords other than 'self' and 'none' allow no URL.
 */

/** One policy's directives: name → sources (lower-case names). */
export type CspPolicy = Map<string, string[]>;

/**
 * Parses a Content-Security-Policy header value. Several policies (several headers, which
 * `Headers.get` joins with ", ") are all enforced, so each is kept.
 */
export function parseCsp(header: string | null): CspPolicy[] {
  if (!header) return [];
  return header
    .split(',')
    .map((text) => {
      const policy: CspPolicy = new Map();
      for (const directive of text.split(';')) {
        const [name, ...sources] = directive.trim().split(/\s+/);
        if (!name) continue;
        const key = name.toLowerCase();
        // The first of a repeated directive counts.
        if (!policy.has(key)) policy.set(key, sources);
      }
      return policy;
    })
    .filter((policy) => policy.size > 0);
}

const FALLBACK: Record<string, string> = {
  'connect-src': 'default-src',
  'img-src': 'default-src',
};

const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
};

/** Every policy allows `url` for `directive` (or its fallback, default-src). */
export function cspAllows(
  policies: readonly CspPolicy[],
  directive: 'connect-src' | 'img-src',
  url: string,
  pageUrl: string,
): boolean {
  let target: URL;
  let page: URL;
  try {
    target = new URL(url);
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  return policies.every((policy) => {
    const sources = policy.get(directive) ?? policy.get(FALLBACK[directive] ?? '');
    if (sources === undefined) return true;
    return sources.some((source) => sourceMatches(source, target, page));
  });
}

function schemeMatches(sourceScheme: string, target: string): boolean {
  return (
    sourceScheme === target ||
    (sourceScheme === 'http:' && target === 'https:') ||
    (sourceScheme === 'ws:' && target === 'wss:')
  );
}

function sourceMatches(raw: string, target: URL, page: URL): boolean {
  const source = raw.toLowerCase();
  if (source === "'self'") return target.origin === page.origin;
  if (source.startsWith("'")) return false; // 'none', nonces, hashes, other keywords
  if (source === '*') return ['http:', 'https:', 'ws:', 'wss:'].includes(target.protocol);
  if (/^[a-z][a-z0-9+.-]*:$/.test(source)) return schemeMatches(source, target.protocol);

  const m = /^(?:([a-z][a-z0-9+.-]*:)\/\/)?(\*|\*\.[^/:]+|[^/:*]+)(?::(\d+|\*))?(\/.*)?$/.exec(
    source,
  );
  if (!m) return false;
  const [, scheme, host = '', port, path] = m;
  if (scheme) {
    if (!schemeMatches(scheme, target.protocol)) return false;
  } else if (!schemeMatches(page.protocol, target.protocol)) return false;

  const targetHost = target.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    if (!targetHost.endsWith(host.slice(1))) return false;
  } else if (host !== '*' && host !== targetHost) return false;

  const targetPort = target.port || DEFAULT_PORTS[target.protocol] || '';
  if (port !== '*') {
    const sourceScheme = scheme ?? page.protocol;
    const wanted = port ?? DEFAULT_PORTS[sourceScheme] ?? '';
    // http://host (port 80) also matches the https://host it is upgraded to (port 443).
    const upgraded = port === undefined && sourceScheme !== target.protocol && targetPort === '443';
    if (targetPort !== wanted && !upgraded) return false;
  }

  if (path && path !== '/') {
    const targetPath = decodePath(target.pathname);
    const sourcePath = decodePath(path);
    if (targetPath === null || sourcePath === null) return false;
    return sourcePath.endsWith('/') ? targetPath.startsWith(sourcePath) : targetPath === sourcePath;
  }
  return true;
}

function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
