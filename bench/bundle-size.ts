import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JS the first route loads: the entry script and every module it preloads, as referenced by
 * the built index.html, gzipped at level 9. Lazily loaded chunks are not counted.
 */
export function initialJsGzipBytes(distDir: string): { files: string[]; bytes: number } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((match) => match[1] ?? '');
  let bytes = 0;
  for (const file of new Set(files)) {
    bytes += gzipSync(readFileSync(join(distDir, file.replace(/^\//, ''))), { level: 9 }).length;
  }
  return { files: [...new Set(files)], bytes };
}

/** Gzipped bytes of built files named by their URL paths (e.g. the scripts a page loaded). */
export function gzipBytesOf(distDir: string, paths: string[]): number {
  let bytes = 0;
  for (const path of new Set(paths)) {
    bytes += gzipSync(readFileSync(join(distDir, path.replace(/^\//, ''))), { level: 9 }).length;
  }
  return bytes;
}
