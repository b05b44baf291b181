import { expect, type Page, type Request } from '@playwright/test';

/**
 * The key the key-required test API (port 4319) accepts. Fake, and shaped so secret scanners
 * (which look for /sk-[A-Za-z0-9_-]{20,}/) don't flag it.
 */
export const TEST_API_KEY = 'test-key-e2e-0123456789';
/** A key of the same shape that the test API refuses. */
export const WRONG_API_KEY = 'test-key-e2e-wrong-98765';

/** The built viewer on a plain static host: no /v1, no /__viewer/info. */
export const STATIC_PORT = Number(process.env.E2E_STATIC_PORT ?? 4318);
export const STATIC_ORIGIN = `http://127.0.0.1:${STATIC_PORT}`;
/** The local API (demo data) that needs `Authorization: Bearer TEST_API_KEY`, with CORS. */
export const KEYED_API_PORT = Number(process.env.E2E_KEYED_API_PORT ?? 4319);
export const KEYED_API_ORIGIN = `http://127.0.0.1:${KEYED_API_PORT}`;
export const KEYED_API_BASE_URL = `${KEYED_API_ORIGIN}/v1`;

/** Every request the page makes, to check afterwards where the key went. */
export function recordRequests(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  return requests;
}

/**
 * No URL, body or other header holds the key; only requests to `apiOrigin` carry an Authorization header (and with
 * `expectAuthorized`, at least one did). With no `apiOrigin`, no request carries one.
 */
export async function expectKeyOnlyInApiHeaders(
  requests: Request[],
  options: { key: string; apiOrigin?: string; expectAuthorized?: boolean },
) {
  const authorized: string[] = [];
  for (const request of requests) {
    expect(request.url(), 'a URL holds the key').not.toContain(options.key);
    expect(request.postData() ?? '', 'a request body holds the key').not.toContain(options.key);
    const headers = await request.allHeaders();
    for (const [name, value] of Object.entries(headers)) {
      if (name !== 'authorization')
        expect(value, `header ${name} holds the key`).not.toContain(options.key);
    }
    if (headers.authorization === undefined) continue;
    expect(new URL(request.url()).origin, `Authorization sent to ${request.url()}`).toBe(
      options.apiOrigin,
    );
    authorized.push(request.url());
  }
  if (options.expectAuthorized) expect(authorized.length).toBeGreaterThan(0);
  return authorized;
}

/** Where the key is in the page's storage: [sessionStorage, localStorage]. */
export function keyInStorage(page: Page, key: string): Promise<[boolean, boolean]> {
  return page.evaluate(
    (k) =>
      [sessionStorage, localStorage].map((storage) =>
        Object.keys(storage).some(
          (name) => name.includes(k) || (storage.getItem(name) ?? '').includes(k),
        ),
      ) as [boolean, boolean],
    key,
  );
}

/**
 * The key is in no page text, no attribute, no URL, and no input but the key field (the one
 * password-or-text input labelled "API key", which may hold it while the panel is open).
 */
export async function expectKeyNotOnPage(page: Page, key: string) {
  expect(page.url()).not.toContain(key);
  const found = await page.evaluate((k) => {
    const places: string[] = [];
    if (document.body.innerText.includes(k)) places.push('page text');
    // outerHTML holds every attribute (aria-label, title, value, data-*) but no input's live value.
    if (document.documentElement.outerHTML.includes(k)) places.push('HTML');
    for (const input of document.querySelectorAll('input, textarea')) {
      const field = input as HTMLInputElement;
      const isKeyField = field.labels?.[0]?.textContent === 'API key';
      if (!isKeyField && field.value.includes(k))
        places.push(`input ${field.labels?.[0]?.textContent ?? field.name}`);
    }
    if (document.title.includes(k)) places.push('title');
    return places;
  }, key);
  expect(found, 'places that show the key').toEqual([]);
}
