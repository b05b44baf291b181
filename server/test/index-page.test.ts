/** The page served for a conversation URL: the route's chunks named, its requests started early. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http.ts';
import {
  conversationIndex,
  escapeHtml,
  isAppPath,
  isConversationPath,
  type IndexHints,
} from '../index-page.ts';
import { parseRoute } from '../../src/app/routes.ts';
import { rawRequest } from './helpers.ts';

// The shape Vite writes (vite.config.ts builds with a manifest and a second entry).
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <title>Viewer</title>
    <script src="/theme-init.js"></script>
    <script type="module" crossorigin src="/assets/index-A.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/shared-S.js">
    <link rel="stylesheet" crossorigin href="/assets/index-A.css">
  </head>
  <body><div id="root"></div></body>
</html>
`;
const MANIFEST = {
  'index.html': {
    file: 'assets/index-A.js',
    isEntry: true,
    imports: ['_shared-S.js'],
    css: ['assets/index-A.css'],
  },
  '_shared-S.js': { file: 'assets/shared-S.js' },
  '_markdown-it-M.js': { file: 'assets/markdown-it-M.js' },
  'src/app/early-requests.ts': {
    file: 'assets/early-requests-E.js',
    isEntry: true,
    imports: ['_shared-S.js'],
  },
  'src/features/conversation/components/conversation-page.tsx': {
    file: 'assets/conversation-page-C.js',
    isDynamicEntry: true,
    imports: ['_shared-S.js', 'index.html'],
    css: ['assets/conversation-page-C.css'],
    dynamicImports: ['src/features/conversation/markdown/highlighter.ts'],
  },
  'src/features/conversation/markdown/render-markdown.tsx': {
    file: 'assets/render-markdown-R.js',
    isDynamicEntry: true,
    imports: ['_markdown-it-M.js', '_shared-S.js'],
  },
  'src/features/conversation/markdown/highlighter.ts': { file: 'assets/highlighter-H.js' },
};
const EARLY =
  '<script type="module" async fetchpriority="high" crossorigin src="/assets/early-requests-E.js"></script>';
const all: IndexHints = { earlyRequests: true };

describe('conversationIndex', () => {
  it('names the route’s chunks and puts the early entry (async) ahead of the app’s script', () => {
    const html = conversationIndex(INDEX, MANIFEST, all)!;
    expect(html).toContain(
      `<script src="/theme-init.js"></script>\n    <link rel="modulepreload" crossorigin href="/assets/early-requests-E.js">\n    <link rel="modulepreload" crossorigin href="/assets/shared-S.js">\n    ${EARLY}\n    <script type="module" crossorigin src="/assets/index-A.js">`,
    );
    expect(html.indexOf(EARLY)).toBeLessThan(html.indexOf('/assets/index-A.js'));
    const preloads = [...html.matchAll(/rel="modulepreload" crossorigin href="([^"]+)"/g)].map(
      (m) => m[1],
    );
    // The early entry's imports ahead of it (its requests wait for them), then index.html's
    // own, then the route's, each once; the route's lazy imports not.
    expect(preloads).toEqual([
      '/assets/early-requests-E.js',
      '/assets/shared-S.js',
      '/assets/shared-S.js',
      '/assets/conversation-page-C.js',
      '/assets/render-markdown-R.js',
      '/assets/markdown-it-M.js',
    ]);
    expect(html).toContain(
      '<link rel="stylesheet" crossorigin href="/assets/conversation-page-C.css">',
    );
    expect(html.indexOf('conversation-page-C.js')).toBeLessThan(html.indexOf('</head>'));
    expect(html).not.toContain('highlighter');
  });

  it('without early requests: the chunks only', () => {
    const html = conversationIndex(INDEX, MANIFEST, { earlyRequests: false })!;
    expect(html).toContain('/assets/conversation-page-C.js');
    expect(html).not.toContain('early-requests');
  });

  it('leaves the page alone without a usable manifest or app script', () => {
    expect(conversationIndex(INDEX, null, all)).toBeNull();
    expect(conversationIndex(INDEX, { x: { nofile: 1 } }, all)).toBeNull();
    expect(conversationIndex(INDEX, {}, all)).toBeNull();
    expect(conversationIndex('<p>no script</p>', MANIFEST, all)).toBeNull();
  });

  it('escapes what it writes', () => {
    const odd = { ...MANIFEST, 'src/app/early-requests.ts': { file: 'assets/e"><script>x.js' } };
    const html = conversationIndex(INDEX, odd, all)!;
    expect(html).toContain('src="/assets/e&quot;&gt;&lt;script&gt;x.js"');
    expect(escapeHtml(`<a href="x" title='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;',
    );
  });

  it('knows the conversation paths the app reads ids from', () => {
    for (const path of [
      '/completions/c',
      '/completions/c/',
      '/completions/a%2Fb/messages/a%2Fb-7',
      '/completions/%3Cscript%3E',
    ])
      expect(isConversationPath(path), path).toBe(true);
    for (const path of ['/', '/completions', '/completions/', '/completions/c/x', '/x/c'])
      expect(isConversationPath(path), path).toBe(false);
  });
});

describe('served pages', () => {
  let base: string;
  let dist: string;
  const servers: RunningServer[] = [];
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'viewer-index-page-'));
    dist = join(base, 'dist');
    mkdirSync(join(dist, '.vite'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    rmSync(base, { recursive: true, force: true });
  });
  const start = async (options: Parameters<typeof startServer>[0] = {}) => {
    const server = await startServer({ port: 0, quiet: true, staticDir: dist, ...options });
    servers.push(server);
    return server;
  };
  const page = async (server: RunningServer, path: string) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    return { body: await res.text(), etag: res.headers.get('etag') };
  };

  it('local API: conversation URLs get the hints, other paths index.html as is', async () => {
    const server = await start();
    const plain = await page(server, '/');
    expect(plain.body).toBe(INDEX);
    for (const path of [
      '/completions/c',
      '/completions/c/messages/c-7',
      // Refused as files (encoded slash, backslash, dots), still the app's routes.
      '/completions/a%2Fb/messages/a%2Fb-1',
      '/completions/..%2f..%2fsecret',
    ]) {
      const hinted = await page(server, path);
      expect(hinted.body, path).toContain(EARLY);
      expect(hinted.body, path).toContain('/assets/conversation-page-C.js');
      // Its own validator, never the file's.
      expect(hinted.etag).not.toBe(plain.etag);
    }
    expect((await page(server, '/completions/c/x')).body).toBe(INDEX);
  });

  it('writes nothing from the URL into the page', async () => {
    const server = await start();
    const path = '/completions/%3Cscript%3Ealert(1)%3C%2Fscript%3E/messages/%22%3E%3Cimg%3E';
    const { body } = await page(server, path);
    expect(body).toContain(EARLY);
    expect(body).not.toMatch(/alert|<img|%3C|%22/);
    expect(body.replace(EARLY, '')).toBe(
      conversationIndex(INDEX, MANIFEST, all)!.replace(EARLY, ''),
    );
  });

  it('validates and compresses like the files: 304 on its ETag, gzip and brotli', async () => {
    const server = await start();
    const path = '/completions/c/messages/c-7';
    const { etag, body } = await page(server, path);
    const cached = await rawRequest(server.url, path, { headers: { 'If-None-Match': etag! } });
    expect(cached.status).toBe(304);
    // A page cached from another mode (or build) is not a match.
    const stale = await rawRequest(server.url, path, {
      headers: { 'If-None-Match': (await page(server, '/')).etag! },
    });
    expect(stale.status).toBe(200);
    const br = await rawRequest(server.url, path, { headers: { 'Accept-Encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(body);
    const head = await rawRequest(server.url, path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('proxy: the hints; key required: the chunks only; static only: index.html as is', async () => {
    const proxy = await start({
      proxy: { apiKey: 'sk-test-index-page', baseURL: 'http://127.0.0.1:9/v1' },
    });
    expect((await page(proxy, '/completions/c')).body).toContain(EARLY);
    expect((await page(proxy, '/completions/c')).body).not.toContain('sk-test');
    // Its browser sends a key of its own (a direct connection): a keyless request would be a 401.
    const keyed = await start({ requireKey: 'sk-required-123456789' });
    const keyedPage = (await page(keyed, '/completions/c')).body;
    expect(keyedPage).toContain('/assets/conversation-page-C.js');
    expect(keyedPage).not.toContain('early-requests');
    // A plain static host: no /v1 to ask, and the page as built.
    const staticOnly = await start({ api: false });
    expect((await page(staticOnly, '/completions/c/messages/c-7')).body).toBe(INDEX);
  });
});

describe('the server and the app read the same paths', () => {
  // src/app/routes.ts owns the URL; the server matches the same pages on its own (it serves the
  // app for them, and a conversation's page with its chunks): they must agree.
  const paths = [
    '/',
    '/completions/chatcmpl-1',
    '/completions/chatcmpl-1/',
    '/completions/chatcmpl-1/messages/chatcmpl-1-7',
    '/completions/a%2Fb/messages/c%2Fd',
    '/completions/%E2%9C%93',
    '/completions/',
    '/completions//messages/x',
    '/completions/a/messages/',
    '/completions/a/b',
    '/completions/a/messages/b/c',
    '/threads/t-1',
    '/threads/',
    '/compare/a/b',
    '/compare/a',
    '/compare/a/b/c',
    '/assets/index.js',
    '/favicon.svg',
    '/completionsx/a',
  ];
  it.each(paths)('%s', (path) => {
    const route = parseRoute(path, '');
    expect(isConversationPath(path)).toBe(route?.page === 'conversation');
    expect(isAppPath(path)).toBe(route !== null && route.page !== 'list');
  });
});
