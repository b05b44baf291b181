import { expect, test, type Locator, type Page } from '@playwright/test';
import { CODE_BLOCKS } from '../server/data/text.ts';
import { DEMO_IDS, scroller } from './helpers.ts';
import { HOSTILE_BIG_CODE_LINES } from '../server/data/demo-ids.ts';

const message = (page: Page, completionId: string, index: number) =>
  page.locator(`[data-message-id="${completionId}-${index}"]`);

/** Scrolls the virtualized list from the top until `target` is rendered, then into view. */
async function reveal(page: Page, target: Locator) {
  await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(async () => {
    if ((await target.count()) === 0) {
      await scroller(page).evaluate((el) => el.scrollBy({ top: el.clientHeight / 2 }));
    }
    await expect(target).toHaveCount(1, { timeout: 100 });
    // A row rendered only as overscan can be replaced while rows above it are measured: scroll
    // to whichever element holds it now, and check it is in view.
    await target.scrollIntoViewIfNeeded({ timeout: 1_000 });
    await expect(target).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 15_000, intervals: [50] });
}

/** What the messages rendered at this scroll position contain that must never be there. */
function inspectMessages(page: Page) {
  return page.evaluate(() => {
    const inMessages = [...document.querySelectorAll('[data-testid="message"] *')];
    return {
      hrefs: inMessages.flatMap((el) => (el instanceof HTMLAnchorElement ? [el.href] : [])),
      forbidden: inMessages
        .filter((el) =>
          el.matches(
            'script, img, svg, iframe, object, embed, style, link, meta, base, form, math, details, input:not([type="checkbox"])',
          ),
        )
        .map((el) => el.outerHTML.slice(0, 120)),
      handlers: inMessages.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^on/i.test(a.name) || a.name === 'style' || a.name === 'src')
          .map((a) => `${el.tagName} ${a.name}=${a.value.slice(0, 60)}`),
      ),
    };
  });
}

/** Scrolls the whole conversation, checking every message as it is rendered. */
async function sweepConversation(page: Page) {
  const seen = {
    hrefs: new Set<string>(),
    forbidden: new Set<string>(),
    handlers: new Set<string>(),
  };
  await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
  for (let step = 0; step < 400; step++) {
    const found = await inspectMessages(page);
    found.hrefs.forEach((h) => seen.hrefs.add(h));
    found.forbidden.forEach((h) => seen.forbidden.add(h));
    found.handlers.forEach((h) => seen.handlers.add(h));
    const atEnd = await scroller(page).evaluate((el) => {
      el.scrollBy({ top: el.clientHeight * 0.8 });
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    });
    if (atEnd && (await page.getByRole('heading', { name: /^Answer/ }).count()) > 0) {
      await page.waitForTimeout(100);
      (await inspectMessages(page)).hrefs.forEach((h) => seen.hrefs.add(h));
      break;
    }
    await page.waitForTimeout(30);
  }
  return seen;
}

test.describe('markdown in messages', () => {
  test('tables, task lists, strikethrough and highlighted code blocks with label and copy', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    const answer = message(page, DEMO_IDS.markdown, 2);

    const table = answer.getByRole('table');
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveText(['Option', 'Pros', 'Cons']);
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('cell', { name: 'stable, fast' })).toBeVisible();

    const tasks = answer.getByRole('checkbox');
    await expect(tasks).toHaveCount(2);
    await expect(tasks.nth(0)).toBeChecked();
    await expect(tasks.nth(1)).not.toBeChecked();
    for (const box of await tasks.all()) await expect(box).toBeDisabled();

    await expect(answer.locator('del')).toHaveText('Offset pagination is always fine');
    await expect(answer.locator('strong').first()).toHaveText('Note:');

    const blocks = answer.getByTestId('code-block');
    await expect(blocks.getByTestId('code-language')).toHaveText(['ts', 'python', 'sql']);
    for (const block of await blocks.all()) {
      await expect(block.locator('code')).toHaveAttribute('data-highlighted', 'true');
      await expect(block.locator('.hljs-keyword').first()).toBeVisible();
    }
    await expect(blocks.nth(0).locator('.hljs-string').first()).toHaveText('"openai"');

    await blocks.nth(1).getByRole('button', { name: 'Copy code' }).click();
    await expect(blocks.nth(1).getByRole('button', { name: 'Copy code' })).toHaveText('Copied');
    const python = CODE_BLOCKS[1].replace(/^```python\n/, '').replace(/\n```$/, '');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(python);
  });

  test('"As stored" shows a message exactly as stored, and back', async ({ page, request }) => {
    const page1 = (await (
      await request.get(`/v1/chat/completions/${DEMO_IDS.markdown}/messages?limit=100`)
    ).json()) as { data: { id: string; content: string }[] };
    const stored = page1.data[2]!.content;

    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    const answer = message(page, DEMO_IDS.markdown, 2);
    await expect(answer.getByRole('table')).toBeVisible();
    const toggle = answer.getByRole('button', { name: 'As stored' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(answer.getByRole('table')).toHaveCount(0);
    await expect(answer.getByTestId('code-block')).toHaveCount(0);
    const raw = answer.getByTestId('text-as-stored');
    await expect(raw).toContainText('| Option | Pros | Cons |');
    expect(await raw.textContent()).toBe(stored);
    await toggle.click();
    await expect(answer.getByRole('table')).toBeVisible();
    await expect(answer.getByTestId('text-as-stored')).toHaveCount(0);
  });

  test('literal HTML in the markdown demo stays text and long lines do not widen the page', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    const answer = page.getByTestId('answer-choice');
    await reveal(page, answer);
    await expect(answer.getByTestId('markdown')).toContainText(
      'Text that must stay text: <script>alert("xss")</script> and <img src=x onerror=alert(1)>',
    );
    await expect(answer.getByRole('link', { name: 'link', exact: true })).toHaveAttribute(
      'href',
      'https://example.com/docs?a=1&b=2',
    );
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });
});

test.describe('hostile content', () => {
  test('runs nothing, loads nothing, and shows as text', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));

    await page.goto(`/completions/${DEMO_IDS.hostile}`);
    const id = DEMO_IDS.hostile;

    // Raw HTML: every payload visible as its source text.
    const rawHtml = message(page, id, 1);
    await expect(rawHtml.getByTestId('markdown')).toBeVisible();
    for (const text of [
      '<script>window.__pwned = "script"; alert("script")</script>',
      `<img src=x onerror="window.__pwned = 'img-onerror'">`,
      `<svg onload="window.__pwned = 'svg-onload'"><circle r="9"/></svg>`,
      `<iframe src="javascript:window.__pwned = 'iframe'"`,
      `<a href="javascript:window.__pwned = 'a-href'">an HTML link</a>`,
      '<style>body { display: none }</style>',
      `<input autofocus onfocus="window.__pwned = 'onfocus'">`,
    ]) {
      await expect(rawHtml).toContainText(text);
    }
    await rawHtml.getByText('a styled div').hover();
    // Only the plain http URLs in that text are links (as autolink literals).
    for (const link of await rawHtml.getByRole('link').all()) {
      await expect(link).toHaveAttribute('href', /^http:\/\//);
    }

    // Links: bad schemes are text, good ones are links that open safely.
    const links = message(page, id, 2);
    await expect(links).toContainText("[javascript link](javascript:window.__pwned='md-link')");
    await expect(links).toContainText("<javascript:window.__pwned='autolink'>");
    await expect(links.getByText('reference link')).toBeVisible();
    await expect(links.getByText('reference link').locator('xpath=ancestor::a')).toHaveCount(0);
    for (const link of await links.getByRole('link').all()) {
      await expect(link).toHaveAttribute('href', /^(https?:\/\/|mailto:)/);
      await expect(link).toHaveAttribute('target', '_blank');
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
    await expect(links.getByRole('link', { name: 'OpenAI docs' })).toHaveAttribute(
      'href',
      'https://platform.openai.com/docs',
    );
    await expect(links.getByRole('link', { name: 'www.example.org' })).toBeVisible();
    await expect(links.getByRole('link', { name: 'security@example.com' })).toHaveAttribute(
      'href',
      'mailto:security@example.com',
    );

    // Markdown images: links, never loaded; HTML and a hostile label inside code stay code.
    const parts = message(page, id, 3);
    await reveal(page, parts);
    await expect(parts.getByTestId('markdown-image')).toHaveCount(1);
    await expect(parts.getByRole('link', { name: 'image: tracking pixel' })).toHaveAttribute(
      'href',
      /\/demo-assets\/images\/icon-64\.png\?hostile=markdown-image$/,
    );
    // Images with a refused scheme are not even images: their source stays text.
    await expect(parts).toContainText('![svg data](data:image/svg+xml;base64,');
    await expect(parts).toContainText("![script image](javascript:window.__pwned='image')");
    await expect(parts.getByRole('link', { name: /svg data|script image/ })).toHaveCount(0);
    const codeBlocks = parts.getByTestId('code-block');
    await expect(codeBlocks.first().getByTestId('code-language')).toHaveText('html');
    await expect(codeBlocks.first()).toContainText('<script>window.__pwned = "code"</script>');
    await expect(codeBlocks.nth(1).getByTestId('code-language')).toContainText('"><img');

    // Tool call arguments: highlighted JSON, the HTML inside as text.
    const call = message(page, id, 4).getByTestId('tool-call');
    await reveal(page, call);
    await expect(call.locator('pre code')).toHaveAttribute('data-highlighted', 'true');
    await expect(call).toContainText('"channel": "<script>window.__pwned = \\"args\\"</script>"');
    await call.getByRole('button', { name: 'Hide arguments' }).click();
    await expect(call.locator('pre code')).toBeHidden();
    await call.getByRole('button', { name: 'Show arguments' }).click();
    await expect(call.locator('pre code')).toBeVisible();

    // Table cells and task lists with HTML in them.
    const table = message(page, id, 6);
    await reveal(page, table);
    await expect(table.getByRole('cell', { name: /<img src=x onerror=/ })).toBeVisible();
    await expect(table.getByRole('checkbox')).toHaveCount(2);
    await expect(table.locator('del')).toHaveText('<s>struck</s>');

    // Every message, top to bottom: no element or attribute that could run or load anything.
    const seen = await sweepConversation(page);
    expect([...seen.forbidden]).toEqual([]);
    expect([...seen.handlers]).toEqual([]);
    for (const href of seen.hrefs) expect(href).toMatch(/^(https?:\/\/|mailto:)/);
    expect(seen.hrefs.size).toBeGreaterThan(3);

    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requested.filter((url) => url.includes('hostile='))).toEqual([]);
  });

  test(`a ${HOSTILE_BIG_CODE_LINES.toLocaleString('en-US')}-line code block: head and tail first, all of it highlighted on "Show all", scrolling inside`, async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.hostile}`);
    const big = message(page, DEMO_IDS.hostile, 7);
    await reveal(page, big);
    await expect(big.getByTestId('code-block')).toHaveCount(0);
    await big.getByRole('button', { name: 'Show all' }).click();
    const code = big.getByTestId('code-block').locator('code');
    await expect(code).toHaveAttribute('data-highlighted', 'true', { timeout: 15_000 });
    const lines = await code.evaluate((el) => (el.textContent ?? '').split('\n').length);
    expect(lines).toBe(HOSTILE_BIG_CODE_LINES);
    await expect(code.locator('.hljs-keyword').first()).toBeVisible();

    const pre = big.getByTestId('code-block').locator('pre');
    const box = await pre.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(box.scroll).toBeGreaterThan(box.client);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
      list: document.querySelector('[data-testid="conversation-scroll"]')!.scrollWidth,
      listClient: document.querySelector('[data-testid="conversation-scroll"]')!.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.list).toBeLessThanOrEqual(widths.listClient);
  });
});

test.describe('lazy loading', () => {
  test('the markdown renderer, highlighter and grammars load only when needed', async ({
    page,
    request,
  }) => {
    const html = await (await request.get('/')).text();
    expect(html).not.toMatch(/render-markdown|highlighter/);

    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') {
        scripts.push(new URL(response.url()).pathname);
      }
    });
    const loaded = (name: string) => scripts.some((s) => s.startsWith(`/assets/${name}-`));

    await page.goto('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible({ timeout: 15_000 });
    expect(loaded('render-markdown')).toBe(false);
    expect(loaded('highlighter')).toBe(false);

    // Text but no code: markdown, and no highlighter.
    await page.goto(`/completions/${DEMO_IDS.rtl}`);
    await expect(page.getByTestId('markdown').first()).toBeVisible();
    expect(loaded('render-markdown')).toBe(true);
    await page.waitForTimeout(500);
    expect(loaded('highlighter')).toBe(false);
    expect(scripts.filter((s) => /\/(typescript|python|sql|json)-/.test(s))).toEqual([]);

    // Code blocks in ts, python and sql: the highlighter and exactly those grammars.
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    await expect(page.locator('code[data-highlighted="true"]').first()).toBeVisible();
    expect(loaded('highlighter')).toBe(true);
    for (const grammar of ['typescript', 'python', 'sql']) expect(loaded(grammar)).toBe(true);
    for (const grammar of ['rust', 'go', 'java', 'php']) expect(loaded(grammar)).toBe(false);
  });
});
