/** HTTP helpers for the contract tests, and a temp folder for data files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A temp folder for the file's tests (made before them, removed after), and `file(name, lines)`
 * writing a JSONL file there (objects as JSON, strings as they are) and returning its path.
 */
export function useTempDir(prefix: string): {
  dir: () => string;
  file: (name: string, lines: unknown[]) => string;
} {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    file(name, lines) {
      const path = join(dir, name);
      writeFileSync(
        path,
        lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'),
      );
      return path;
    },
  };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<JsonResponse<T>> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(
      `Not JSON (${res.status} ${res.headers.get('content-type')}): ${text.slice(0, 200)}`,
    );
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export function postJson<T = unknown>(url: string, body: unknown): Promise<JsonResponse<T>> {
  return getJson<T>(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A raw request: the path is sent exactly as given (fetch would normalize "..", "%2e"). */
export function rawRequest(
  base: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface Page<T> {
  object: string;
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/**
 * Walks a cursor list like the SDK does (after = last id), checking has_more is false only on
 * the last page. Returns all items in order.
 */
export async function walk<T extends { id: string }>(
  url: string,
  params: Record<string, string>,
  onPage?: (page: Page<T>) => void,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const q = new URLSearchParams(params);
    if (after) q.set('after', after);
    const { status, body } = await getJson<Page<T>>(`${url}?${q}`);
    if (status !== 200) throw new Error(`page status ${status}: ${JSON.stringify(body)}`);
    onPage?.(body);
    items.push(...body.data);
    if (!body.has_more) return items;
    if (body.data.length === 0) throw new Error('has_more with an empty page');
    after = body.last_id;
  }
  throw new Error('too many pages');
}
