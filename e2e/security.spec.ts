import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';
import { KEYED_API_PORT, STATIC_ORIGIN, TEST_API_KEY } from './helpers-connection.ts';

// Everything the server answers carries these (see server/security.ts, docs/security.md).
const EXPECTED_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // http: too: image parts point at local model servers, dev boxes and internal hosts.
  "img-src 'self' data: blob: http: https:;",
  "media-src 'self' data: blob:",
  "connect-src 'self' data: https://api.openai.com http://127.0.0.1:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  for (const [name, value] of Object.entries(EXPECTED_HEADERS))
    expect(headers[name], `${what}: ${name}`).toBe(value);
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of CSP_DIRECTIVES)
    expect(csp, `${what}: CSP has ${directive}`).toContain(directive);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
}

/** Collects CSP violations: the page's events, and the console of the page and its workers. */
async function recordCspViolations(page: Page) {
  const messages: string[] = [];
  const onConsole = (text: string) => {
    if (/Content[- ]Security[- ]Policy/i.test(text)) messages.push(text);
  };
  page.on('console', (m) => onConsole(m.text()));
  page.on('worker', (worker) => worker.on('console', (m) => onConsole(m.text())));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} blocked ${event.blockedURI} (${event.sourceFile})`),
    );
  });
  return async () => {
    const events = await page.evaluate(
      () => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [],
    );
    return [...events, ...messages];
  };
}

/** A plain demo completion no other spec relies on, picked from the API's own list. */
async function disposableCompletion(request: APIRequestContext) {
  const list = (await (await request.get('/v1/chat/completions?limit=100&order=asc')).json()) as {
    data: { id: string }[];
  };
  const special = new Set<string>(Object.values(DEMO_IDS));
  const picked = list.data.filter((c) => !special.has(c.id))[25];
  if (!picked) throw new Error('not enough demo completions');
  return picked.id;
}

test.describe('security headers and CSP', () => {
  test('the app, its assets and the API answers carry the headers', async ({ page, request }) => {
    const responses = new Map<string, Record<string, string>>();
    page.on('response', async (response) => {
      responses.set(new URL(response.url()).pathname, await response.allHeaders());
    });
    const main = await page.goto('/');
    expectSecurityHeaders(await main!.allHeaders(), 'index.html');
    // The first visit after the server starts compresses the assets: allow for a busy machine.
    await expect(page.getByTestId('completion-row').first()).toBeVisible({ timeout: 15_000 });
    const js = [...responses.keys()].find((path) => path.endsWith('.js'));
    expect(js, 'a script was loaded').toBeDefined();
    expectSecurityHeaders(responses.get(js!)!, js!);
    const listCall = [...responses.keys()].find((path) => path === '/v1/chat/completions');
    expectSecurityHeaders(responses.get(listCall!)!, 'API list');

    for (const path of [
      '/completions/chatcmpl-doesNotExist',
      '/v1/chat/completions/chatcmpl-doesNotExist',
      '/v1/chat/completions/fault_500',
      '/__viewer/info',
      '/demo-assets/images/icon-64.png',
    ]) {
      const response = await request.get(path);
      expectSecurityHeaders(response.headers(), `${path} (${response.status()})`);
    }
    // The static-only host and the key-required look-alike too; the latter keeps its CORS.
    expectSecurityHeaders((await request.get(`${STATIC_ORIGIN}/`)).headers(), 'static host');
    const keyed = await request.get(
      `http://127.0.0.1:${KEYED_API_PORT}/v1/chat/completions?limit=1`,
      { headers: { Authorization: `Bearer ${TEST_API_KEY}`, Origin: 'http://elsewhere.test' } },
    );
    expect(keyed.status()).toBe(200);
    expect(keyed.headers()['access-control-allow-origin']).toBe('*');
    expectSecurityHeaders(keyed.headers(), 'key-required API');
  });

  test('no CSP violation while using the app: list, conversations, inspector, settings', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const violations = await recordCspViolations(page);

    await page.goto('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('completion-row').first().hover();
    await page.getByRole('button', { name: /^Connection:/ }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');

    // Images (local and data: URLs) and the inspector with its zoom.
    await page.goto(`/completions/${DEMO_IDS.images}`);
    const inspect = page.getByRole('button', { name: /^Inspect image part/ }).first();
    await expect(inspect).toBeVisible();
    await inspect.click();
    const dialog = page.getByRole('dialog');
    // The inspector is a lazy chunk: give it time on a busy machine.
    await expect(dialog.getByTestId('fact-size')).toContainText('px', { timeout: 15_000 });
    await page.keyboard.press('+');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Escape');

    // A ~5 MB data: URL decoded to a Blob in a worker (connect-src data:, img-src blob:).
    await page.goto(`/completions/${DEMO_IDS.bigImage}`);
    const big = page.getByTestId('image-part').locator('img').first();
    await expect(big).toHaveAttribute('src', /^blob:/, { timeout: 20_000 });
    await expect
      .poll(() => big.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);

    // Markdown with lazily loaded grammars, tool calls, hostile content, rich parts.
    for (const id of [DEMO_IDS.markdown, DEMO_IDS.tools, DEMO_IDS.hostile, DEMO_IDS.rich]) {
      await page.goto(`/completions/${id}`);
      await expect(page.getByTestId('message').first()).toBeVisible();
      if (id === DEMO_IDS.markdown) await expect(page.locator('pre code').first()).toBeVisible();
    }

    // The long conversation, scrolled.
    await page.goto(`/completions/${DEMO_IDS.long}/messages/${DEMO_IDS.long}-500`);
    await expect(page.locator(`[data-message-id="${DEMO_IDS.long}-500"]`)).toBeVisible();
    await page.getByTestId('conversation-scroll').evaluate((el) => el.scrollBy(0, 3000));

    expect(await violations()).toEqual([]);
  });

  test('a direct connection the CSP does not allow is explained as such', async ({ page }) => {
    const violations = await recordCspViolations(page);
    await page.goto(`${STATIC_ORIGIN}/`);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    // localhost is not in VIEWER_CONNECT_SRC (127.0.0.1:* is): the browser blocks the request.
    await dialog.getByLabel('Base URL').fill(`http://localhost:${KEYED_API_PORT}/v1`);
    await dialog.getByLabel('API key').fill(TEST_API_KEY);
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    const failure = dialog.getByRole('alert');
    await expect(failure).toContainText('Blocked by this page’s Content-Security-Policy');
    await expect(failure).toContainText(`connections to http://localhost:${KEYED_API_PORT}`);
    await expect(failure).toContainText('VIEWER_CONNECT_SRC');
    expect((await violations()).some((v) => v.includes('connect-src'))).toBe(true);
  });
});

test.describe('another site cannot use the API', () => {
  let attacker: Server;
  let attackerOrigin: string;
  test.beforeAll(async () => {
    // A page on another site: localhost is a different site from 127.0.0.1 (and so another
    // origin), served by a plain server with no CSP of its own.
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Another site</title><p>Nothing to see here.</p>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  });
  test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

  test('its GET, text/plain POST and DELETE are refused and change nothing', async ({
    page,
    request,
    baseURL,
  }) => {
    const id = await disposableCompletion(request);
    const before = await (await request.get(`/v1/chat/completions/${id}`)).json();
    const api = `${baseURL}/v1/chat/completions`;

    const statuses = new Map<string, number[]>();
    page.on('response', (response) => {
      const key = `${response.request().method()} ${new URL(response.url()).pathname}`;
      statuses.set(key, [...(statuses.get(key) ?? []), response.status()]);
    });
    await page.goto(`${attackerOrigin}/`);
    await expect(page).toHaveTitle('Another site');

    const results = await page.evaluate(
      async ({ api, id }) => {
        const attempt = async (init: RequestInit & { url: string }) => {
          try {
            const response = await fetch(init.url, init);
            return `status ${response.status} ${response.type}`;
          } catch (error) {
            return `failed: ${(error as Error).name}`;
          }
        };
        return {
          // A read: without CORS headers the page can't see the answer anyway; sent as no-cors
          // (an opaque answer, still a request), the server refuses it.
          get: await attempt({ url: `${api}?limit=100` }),
          getNoCors: await attempt({ url: `${api}?limit=1`, mode: 'no-cors' }),
          getOneNoCors: await attempt({ url: `${api}/${id}`, mode: 'no-cors' }),
          // The classic CSRF: a "simple" text/plain POST needs no preflight.
          post: await attempt({
            url: `${api}/${id}`,
            method: 'POST',
            mode: 'no-cors',
            headers: { 'Content-Type': 'text/plain' },
            body: JSON.stringify({ metadata: { pwned: 'yes' } }),
          }),
          // A DELETE needs a preflight, which the server refuses.
          del: await attempt({ url: `${api}/${id}`, method: 'DELETE' }),
          info: await attempt({
            url: `${api.replace('/v1/chat/completions', '')}/__viewer/info`,
            mode: 'no-cors',
          }),
        };
      },
      { api, id },
    );
    expect(results.get).toBe('failed: TypeError');
    expect(results.getNoCors).toBe('status 0 opaque');
    expect(results.getOneNoCors).toBe('status 0 opaque');
    expect(results.post).toBe('status 0 opaque');
    expect(results.del).toBe('failed: TypeError');
    expect(results.info).toBe('status 0 opaque');
    // What the server answered to what reached it (the browser hid it from the page; the
    // failed CORS read and the DELETE's refused preflight are not reported as responses).
    expect(statuses.get('GET /v1/chat/completions')).toEqual([403]);
    expect(statuses.get(`GET /v1/chat/completions/${id}`)).toEqual([403]);
    expect(statuses.get(`POST /v1/chat/completions/${id}`)).toEqual([403]);
    expect(statuses.get(`DELETE /v1/chat/completions/${id}`)).toBeUndefined();
    expect(statuses.get('GET /__viewer/info')).toEqual([403]);

    // A form posting text/plain (a top-level navigation, no CORS at all): refused too.
    await page.evaluate(
      ({ api, id }) => {
        const form = document.createElement('form');
        form.method = 'POST';
        form.enctype = 'text/plain';
        form.action = `${api}/${id}`;
        const input = document.createElement('input');
        input.name = '{"metadata":{"pwned":"yes","x":"';
        input.value = '"}}';
        form.append(input);
        document.body.append(form);
        form.submit();
      },
      { api, id },
    );
    await expect(page.locator('body')).toContainText('cross_site_request');

    // Nothing changed: same metadata, still there.
    const after = await request.get(`/v1/chat/completions/${id}`);
    expect(after.status()).toBe(200);
    expect(await after.json()).toEqual(before);
  });
});
