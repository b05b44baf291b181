import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page and every open dialog,
// with no serious or critical violation allowed; then what axe can't see: focus stays inside an
// open dialog and comes back to its opener, focused controls show it, and reduced motion stops
// animation and smooth scrolling.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
type Impact = (typeof IMPACTS)[number];

/** One line of the summary table: violated rules (and the elements involved) by impact. */
interface AxeSummary {
  page: string;
  rules: Record<Impact, number>;
  nodes: Record<Impact, number>;
  passes: number;
}
const summaries: AxeSummary[] = [];

async function audit(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary: AxeSummary = {
    page: name,
    rules: { critical: 0, serious: 0, moderate: 0, minor: 0 },
    nodes: { critical: 0, serious: 0, moderate: 0, minor: 0 },
    passes: results.passes.length,
  };
  for (const violation of results.violations) {
    const impact = (violation.impact ?? 'minor') as Impact;
    summary.rules[impact] += 1;
    summary.nodes[impact] += violation.nodes.length;
  }
  summaries.push(summary);
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary ?? ''}`)
          .join('\n'),
    );
  expect(blocking, `serious or critical axe violations on ${name}`).toEqual([]);
}

function printSummary() {
  if (summaries.length === 0) return;
  const cell = (s: AxeSummary, impact: Impact) =>
    s.rules[impact] === 0 ? '0' : `${s.rules[impact]} (${s.nodes[impact]} el.)`;
  const header = ['page', ...IMPACTS, 'rules passed'];
  const rows = summaries.map((s) => [s.page, ...IMPACTS.map((i) => cell(s, i)), String(s.passes)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    [
      'axe-core, WCAG 2 A/AA: violated rules by impact (elements)',
      line(header),
      line(widths.map((w) => '-'.repeat(w))),
      ...rows.map(line),
    ].join('\n'),
  );
}

const conversation = (id: string) => `/completions/${id}`;
const firstMessage = (page: Page) => page.getByTestId('message').first();

test.describe('axe: no serious or critical violation', () => {
  // In order, in one worker, so the summary table is printed once, whole; a failure does not
  // skip the pages after it.
  // axe takes seconds per page on a busy machine: more time than the default 30 s per test.
  test.describe.configure({ mode: 'default', timeout: 90_000 });
  test.afterAll(printSummary);

  test('the list', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    await audit(page, 'list');
  });

  test('the list with filters', async ({ page }) => {
    await page.goto('/?model=gpt-4o&metadata[customer]=acme&order=asc');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    await audit(page, 'list, filtered (model, metadata, order)');
  });

  test('search results, with a custom date range open', async ({ page }) => {
    await page.goto('/?q=weather&created_after=2000-01-01');
    await expect(page.getByTestId('search-hit').first()).toBeVisible();
    await audit(page, 'search results');
  });

  test('a filter that matches nothing', async ({ page }) => {
    await page.goto('/?model=no-such-model');
    await expect(page.getByTestId('no-match')).toBeVisible();
    await audit(page, 'list, empty filter result');
  });

  test('the list at a phone’s width, filtered, with a filter missing its value', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/?metadata[customer]=acme');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    await page.getByLabel('Metadata key', { exact: true }).fill('env');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await audit(page, 'list, phone width (390 px), filtered, a value missing');
  });

  for (const [name, id] of [
    ['tools', DEMO_IDS.tools],
    ['markdown', DEMO_IDS.markdown],
    ['images', DEMO_IDS.images],
  ] as const) {
    test(`the conversation: ${name}`, async ({ page }) => {
      await page.goto(conversation(id));
      await expect(firstMessage(page)).toBeVisible();
      // Highlighted code and loaded images are part of what is checked.
      await page.waitForLoadState('networkidle');
      await audit(page, `conversation: ${name}`);
    });
  }

  test('the Request section, opened: schemas, tools, JSON (light and dark)', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.tools));
    await expect(firstMessage(page)).toBeVisible();
    const section = page.getByTestId('request-section');
    await section.getByRole('button', { name: 'Request details' }).click();
    await section.getByRole('button', { name: 'Show schema of support_reply' }).click();
    await section.getByRole('button', { name: 'Show parameters of get_weather' }).click();
    await section.getByRole('button', { name: 'Completion JSON' }).click();
    await expect(section.locator('code[data-highlighted="true"]')).toHaveCount(2);
    await audit(page, 'request section, opened');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe('dark');
    await audit(page, 'request section, opened, dark theme');
  });

  test('a deep-linked message', async ({ page }) => {
    const messageId = `${DEMO_IDS.long}-7000`;
    await page.goto(`${conversation(DEMO_IDS.long)}/messages/${messageId}`);
    await expect(page.locator(`[data-message-id="${messageId}"]`)).toHaveAttribute(
      'aria-current',
      'true',
    );
    await audit(page, 'deep-linked message (#7001 of 10,000)');
  });

  test('a message that could not be read', async ({ page }) => {
    await page.goto(conversation('fault_broken_message'));
    await expect(page.getByTestId('broken-message').first()).toBeVisible();
    await audit(page, 'conversation with a broken message');
  });

  test('the image inspector, open', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.images));
    await page
      .getByRole('button', { name: /^Inspect image part/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText(/\d+ × \d+ px/);
    await audit(page, 'image inspector dialog');
  });

  test('remote images on click: placeholders with "Load image", and a failed image', async ({
    page,
  }) => {
    await page.addInitScript(() => localStorage.setItem('viewer.remoteImages', 'click'));
    await page.goto(conversation(DEMO_IDS.images));
    await expect(page.getByTestId('remote-image-consent').first()).toBeVisible();
    await audit(page, 'remote images held back (on click)');
    // Why an image did not show (the demo's expired link: 404), once asked for.
    await page.goto(conversation(DEMO_IDS.expiredImage));
    await page.getByRole('button', { name: 'Load image' }).first().click();
    await expect(page.getByTestId('image-failure').first()).toHaveAttribute(
      'data-cause',
      'not-found',
    );
    await audit(page, 'an image that did not load, with why');
  });

  test('the delete confirmation, open', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.tools));
    await page.getByRole('button', { name: 'Delete…' }).click();
    await expect(
      page.getByRole('dialog', { name: 'Delete this stored completion?' }),
    ).toBeVisible();
    await audit(page, 'delete confirmation dialog');
  });

  test('the metadata editor, open', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.tools));
    await page.getByRole('button', { name: 'Edit metadata' }).click();
    await expect(page.getByRole('form', { name: 'Edit metadata' })).toBeVisible();
    await audit(page, 'metadata editor');
  });

  test('the connection panel, open', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /^Connection:/ }).click();
    await expect(
      page.getByRole('dialog', { name: 'Connection' }).getByLabel('Base URL'),
    ).toBeVisible();
    await audit(page, 'connection panel dialog');
  });

  test('rich content: citations, audio players, field chips', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.rich));
    await expect(page.getByTestId('audio-player').first()).toBeVisible();
    await audit(page, 'conversation: citations and audio');
  });

  test('find in conversation, open with hits', async ({ page }) => {
    await page.goto(`${conversation(DEMO_IDS.tools)}?find=weather`);
    const bar = page.getByRole('search', { name: 'Find in conversation' });
    await expect(bar).toContainText(/\d+ of \d+/);
    await audit(page, 'find bar with hits');
  });

  test('the export dialog, open', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.tools));
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByRole('dialog', { name: 'Export this conversation' })).toBeVisible();
    await audit(page, 'export dialog');
  });

  test('the dark theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(conversation(DEMO_IDS.markdown));
    await expect(firstMessage(page)).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await audit(page, 'conversation: markdown, dark theme');
  });

  test('a completion that does not exist', async ({ page }) => {
    await page.goto(conversation('chatcmpl-doesNotExist000000000000000000'));
    await expect(page.getByRole('alert')).toContainText('Completion not found');
    await audit(page, '404 completion');
  });
});

// ---------------------------------------------------------------------------------------------
// Focus

/** Where focus is: inside `dialog`, on the page behind it, or on the browser's own UI (body). */
async function focusPlace(page: Page, dialog: Locator): Promise<'dialog' | 'browser' | string> {
  const inside = await dialog.evaluate((element) => element.contains(document.activeElement));
  if (inside) return 'dialog';
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'browser';
    return `outside: ${active.tagName} ${active.getAttribute('aria-label') ?? active.textContent?.slice(0, 40)}`;
  });
}

/**
 * Tab and Shift+Tab cycle inside the dialog: focus never reaches the page behind it (a native
 * modal dialog lets it pass through the browser's own UI, shown as <body>, and come back), and
 * it returns to where it started.
 */
async function expectFocusTrapped(page: Page, dialog: Locator) {
  await page.evaluate(() => document.activeElement?.setAttribute('data-focus-start', ''));
  for (const key of ['Tab', 'Shift+Tab']) {
    const places: string[] = [];
    let cameBack = false;
    for (let i = 0; i < 40 && !cameBack; i++) {
      await page.keyboard.press(key);
      places.push(await focusPlace(page, dialog));
      cameBack = await page.evaluate(
        () => document.activeElement?.hasAttribute('data-focus-start') ?? false,
      );
    }
    expect(places.filter((place) => place !== 'dialog' && place !== 'browser')).toEqual([]);
    expect(places.filter((place) => place === 'dialog').length).toBeGreaterThan(0);
    expect(cameBack, `${key} came back to where it started`).toBe(true);
  }
}

test.describe('dialogs keep focus inside and give it back', () => {
  test('delete confirmation', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.tools));
    const opener = page.getByRole('button', { name: 'Delete…' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Delete this stored completion?' });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectFocusTrapped(page, dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test('connection panel', async ({ page }) => {
    await page.goto('/');
    const opener = page.getByRole('button', { name: /^Connection:/ });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Connection' });
    await expect(dialog.getByLabel('Base URL')).toBeVisible();
    await dialog.getByLabel('Base URL').focus();
    await expectFocusTrapped(page, dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });

  test('image inspector', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.images));
    const opener = page.getByRole('button', { name: /^Inspect image part/ }).first();
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('fact-size')).toHaveText(/\d+ × \d+ px/, { timeout: 15_000 });
    await expectFocusTrapped(page, dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
  });
});

interface FocusStop {
  what: string;
  /** Shows an outline or a box-shadow ring (as computed, with the keyboard's :focus-visible). */
  shown: boolean;
  /** Where it sits in reading order: its top and left in the page, scrolled content included. */
  top: number;
  left: number;
}

/** Tabs through the first `count` stops of the page, until focus leaves it for the browser. */
async function tabStops(page: Page, count: number): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
      const name =
        element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
      // Positions inside a scrolled list count from the top of its content, so a list that
      // scrolls to show the focused row doesn't look like focus moving up.
      const box = element.getBoundingClientRect();
      let top = box.top + window.scrollY;
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (
          parent.scrollHeight > parent.clientHeight &&
          getComputedStyle(parent).overflowY !== 'visible'
        )
          top += parent.scrollTop;
      }
      return {
        what: `${element.tagName.toLowerCase()} "${name}"`,
        shown: outline || ring,
        top,
        left: box.left,
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

/** Every stop shows that it has focus. */
function withoutIndicator(stops: FocusStop[]): string[] {
  return stops.filter((stop) => !stop.shown).map((stop) => stop.what);
}

/**
 * Focus follows reading order: down the page, and left to right along a line (8 px of slack
 * for items of one line aligned differently).
 */
function outOfOrder(stops: FocusStop[]): string[] {
  const found: string[] = [];
  for (let i = 1; i < stops.length; i++) {
    const [before, stop] = [stops[i - 1]!, stops[i]!];
    const sameLine = Math.abs(stop.top - before.top) <= 8;
    if (sameLine ? stop.left < before.left - 8 : stop.top < before.top)
      found.push(`${stop.what} comes after ${before.what}`);
  }
  return found;
}

test.describe('focus order and visible focus', () => {
  test('on the list page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    const stops = await tabStops(page, 25);
    expect(stops.length).toBeGreaterThan(5);
    expect(withoutIndicator(stops)).toEqual([]);
    expect(outOfOrder(stops)).toEqual([]);
  });

  test('on a conversation, tool calls included', async ({ page }) => {
    await page.goto(conversation(DEMO_IDS.tools));
    await expect(firstMessage(page)).toBeVisible();
    const stops = await tabStops(page, 30);
    expect(stops.length).toBe(30);
    expect(withoutIndicator(stops)).toEqual([]);
    expect(outOfOrder(stops)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Reduced motion

async function skeletonMotion(page: Page) {
  // The test-only slow fault answers after 2 s: time to look at the loading skeleton. Read in
  // one step, in the page, while the skeleton is there.
  await page.goto(conversation('fault_slow'));
  const motion = await page.waitForFunction(() => {
    const pulse = document.querySelector('[data-testid="skeleton"] .animate-pulse');
    const scroller = document.querySelector('[data-testid="conversation-scroll"]');
    if (!pulse || !scroller) return null;
    const style = getComputedStyle(pulse);
    return {
      animationSeconds: parseFloat(style.animationDuration),
      iterations: style.animationIterationCount,
      scrollBehavior: getComputedStyle(scroller).scrollBehavior,
      rootScrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
    };
  });
  return (await motion.jsonValue())!;
}

test.describe('prefers-reduced-motion', () => {
  test.describe.configure({ timeout: 60_000 });
  test('animations and smooth scrolling stop when the reader asks for less motion', async ({
    page,
  }) => {
    // As a baseline, the skeleton pulses when nothing is asked.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const normal = await skeletonMotion(page);
    expect(normal.animationSeconds).toBeGreaterThan(0.5);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    const reduced = await skeletonMotion(page);
    expect(reduced.animationSeconds).toBeLessThan(0.001);
    expect(reduced.iterations).toBe('1');
    expect(reduced.scrollBehavior).toBe('auto');
    expect(reduced.rootScrollBehavior).toBe('auto');
  });

  test('scrolling the viewer asks for in script is instant, not smooth', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(conversation(DEMO_IDS.markdown));
    await expect(firstMessage(page)).toBeVisible();
    // Record every scroll the page's scripts request, with the behavior they ask for.
    await page.evaluate(() => {
      const record = ((window as unknown as { __scrolls: string[] }).__scrolls = [] as string[]);
      const wrap = (proto: object, name: 'scrollTo' | 'scrollBy' | 'scrollIntoView') => {
        const original = (proto as Record<string, (...args: unknown[]) => unknown>)[name]!;
        (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
          const options = args[0];
          if (typeof options === 'object' && options !== null && 'behavior' in options)
            record.push(String((options as { behavior?: unknown }).behavior));
          return original.apply(this, args);
        };
      };
      wrap(Element.prototype, 'scrollTo');
      wrap(Element.prototype, 'scrollBy');
      wrap(Element.prototype, 'scrollIntoView');
      wrap(window, 'scrollTo');
    });
    await page.getByRole('button', { name: 'Jump to answer' }).click();
    await expect(page.getByRole('heading', { name: /^Answer/ })).toBeInViewport();
    await page.getByRole('button', { name: 'Top' }).click();
    const scrolls = await page.evaluate(
      () => (window as unknown as { __scrolls: string[] }).__scrolls,
    );
    expect(scrolls.filter((behavior) => behavior === 'smooth')).toEqual([]);
  });
});
