/**
 * The SPA's index.html as served for a conversation URL (`/completions/:id`,
 * `/completions/:id/messages/:mid`), so that the page's requests don't wait for one another:
 * - `<link rel="modulepreload">` (and the stylesheet) of the route's chunks, the conversation page
 *   and the markdown renderer, named by Vite's build manifest: they load alongside the app's own
 *   script instead of after it has run;
 * - with `earlyRequests` (a server whose same-origin /v1 the viewer reads without a key), the
 *   build's second entry, ahead of the app's script: it starts the conversation's API requests
 *   from the URL while the app loads (src/app/early-requests.ts), and the app takes their answers.
 * Nothing from the URL is written into the page: the early entry reads the URL itself. Every
 * other path, a build without a manifest, or a manifest without these entries: index.html as is.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface IndexHints {
  /** Put the early-requests entry in conversation pages (see above). */
  earlyRequests: boolean;
}

/** The route's modules whose chunks a conversation page needs at once (source paths). */
export const CONVERSATION_MODULES = [
  'src/features/conversation/components/conversation-page.tsx',
  'src/features/conversation/markdown/render-markdown.tsx',
] as const;
export const EARLY_REQUESTS_ENTRY = 'src/app/early-requests.ts';
const MANIFEST = join('.vite', 'manifest.json');

/*
 * The app's pages besides the list, as src/app/routes.ts reads them from the raw (still
 * percent-encoded) path; server/test/index-page.test.ts checks both agree on a corpus of paths.
 */
const CONVERSATION_PATH = /^\/completions\/[^/]+(?:\/messages\/[^/]+)?\/?$/;
const APP_PATH =
  /^\/(?:completions\/[^/]+(?:\/messages\/[^/]+)?|threads\/[^/]+|compare\/[^/]+\/[^/]+)\/?$/;

export function isConversationPath(rawPath: string): boolean {
  return CONVERSATION_PATH.test(rawPath);
}

/**
 * A path of one of the app's pages that carries ids: ids may hold any character ("/" → %2F
 * included), so such a path can't be a file and always gets the app.
 */
export function isAppPath(rawPath: string): boolean {
  return APP_PATH.test(rawPath);
}

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text safe inside a double-quoted attribute (and anywhere else in HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A chunk's file and every chunk it imports, depth first, and their stylesheets. */
function collect(manifest: Manifest, key: string, js: Set<string>, css: Set<string>) {
  const chunk = manifest[key];
  if (!chunk || js.has(chunk.file)) return;
  js.add(chunk.file);
  for (const file of chunk.css ?? []) css.add(file);
  for (const imported of chunk.imports ?? []) collect(manifest, imported, js, css);
}

function isManifest(value: unknown): value is Manifest {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every(
      (chunk) =>
        typeof chunk === 'object' &&
        chunk !== null &&
        typeof (chunk as { file?: unknown }).file === 'string',
    )
  );
}

/**
 * index.html with the conversation route's hints, or null when there is nothing to add (no
 * manifest, or none of its entries found).
 */
export function conversationIndex(
  html: string,
  manifest: unknown,
  hints: IndexHints,
): string | null {
  if (!isManifest(manifest)) return null;
  const mainScript = /<script type="module"[^>]*><\/script>/.exec(html);
  const headEnd = html.indexOf('</head>');
  if (!mainScript || headEnd < mainScript.index) return null;
  // What index.html loads already (the entry and its imports) needs no second mention.
  const present = (file: string) => html.includes(`/${file}"`);
  const preload = (file: string) =>
    `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`;
  // The early entry and what it imports come first, ahead of the app's own files: its requests
  // go out once these are in. `async`: a deferred script would also wait for the stylesheets
  // (Chromium runs none before they are in, 100+ ms on a busy machine); preloaded, and at high
  // priority, since Chromium fetches an async script at low priority, after everything else in
  // the head. Should the app start first all the same, the entry does nothing (src/main.tsx).
  const early = hints.earlyRequests ? manifest[EARLY_REQUESTS_ENTRY] : undefined;
  const earlyJs = new Set<string>();
  if (early) collect(manifest, EARLY_REQUESTS_ENTRY, earlyJs, new Set());
  const earlyTags = early
    ? [
        ...[...earlyJs].map(preload),
        `<script type="module" async fetchpriority="high" crossorigin src="/${escapeHtml(early.file)}"></script>`,
      ]
    : [];
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of CONVERSATION_MODULES) collect(manifest, key, js, css);
  const links = [
    // A stylesheet, not a preload: the chunk's loader finds it and doesn't wait for one.
    ...[...css]
      .filter((file) => !present(file))
      .map((file) => `<link rel="stylesheet" crossorigin href="/${escapeHtml(file)}">`),
    ...[...js].filter((file) => !present(file) && !earlyJs.has(file)).map(preload),
  ];
  if (links.length === 0 && earlyTags.length === 0) return null;
  // index.html's head is indented by four spaces, and ends with a newline and two before </head>.
  return (
    html.slice(0, mainScript.index) +
    earlyTags.map((tag) => `${tag}\n    `).join('') +
    html.slice(mainScript.index, headEnd) +
    links.map((link) => `  ${link}\n  `).join('') +
    html.slice(headEnd)
  );
}

interface Cached {
  key: string;
  body: Buffer;
  etag: string;
}
const cache = new Map<string, Cached>();

/**
 * The body and ETag of index.html in `root` as served for `rawPath`: for a conversation path
 * with the hints, anything else the file as is (null: serve the file itself). Rebuilt when
 * index.html or the manifest changes.
 */
export async function indexPageFor(
  root: string,
  rawPath: string,
  hints: IndexHints | null,
): Promise<{ body: Buffer; etag: string } | null> {
  if (!hints || !isConversationPath(rawPath)) return null;
  const indexPath = join(root, 'index.html');
  const manifestPath = join(root, MANIFEST);
  let key: string;
  try {
    const [index, manifest] = await Promise.all([stat(indexPath), stat(manifestPath)]);
    key = [
      root,
      index.size,
      index.mtimeMs,
      manifest.size,
      manifest.mtimeMs,
      hints.earlyRequests,
    ].join(':');
  } catch {
    return null;
  }
  const cacheKey = `${root}:${hints.earlyRequests}`;
  const cached = cache.get(cacheKey);
  if (cached?.key === key) return cached;
  let html: string | null;
  try {
    const [index, manifest] = await Promise.all([
      readFile(indexPath, 'utf8'),
      readFile(manifestPath, 'utf8'),
    ]);
    html = conversationIndex(index, JSON.parse(manifest), hints);
  } catch {
    html = null;
  }
  if (html === null) return null;
  const body = Buffer.from(html, 'utf8');
  // Its own validator: a page cached from another mode (or before a rebuild) is not reused.
  const etag = `W/"${createHash('sha256').update(body).digest('hex').slice(0, 24)}"`;
  const entry = { key, body, etag };
  cache.set(cacheKey, entry);
  return entry;
}
