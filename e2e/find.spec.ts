import { expect, test, type Page } from '@playwright/test';
import { longConversation } from '../server/data/long.ts';
import { toolsConversation } from '../server/data/special.ts';
import type { StoredMessage } from '../server/api/types.ts';
import { DEMO_IDS, LONG_MESSAGE_COUNT } from './helpers.ts';

const longId = (i: number) => `${DEMO_IDS.long}-${i}`;
const message = (page: Page, id: string) => page.locator(`[data-message-id="${id}"]`);
const findBar = (page: Page) => page.getByRole('search', { name: 'Find in conversation' });
const findInput = (page: Page) => findBar(page).getByLabel('Find in conversation');
const findCount = (page: Page) => findBar(page).getByTestId('find-count');

/** Occurrences of `term` in what a message shows (text or text parts, tool calls), by hand. */
function occurrences(m: Omit<StoredMessage, 'id'>, term: string): number {
  const fields: string[] = [];
  if (m.content_parts) {
    for (const part of m.content_parts) if (part.type === 'text') fields.push(part.text);
  } else if (m.content) fields.push(m.content);
  if (m.refusal) fields.push(m.refusal);
  for (const call of m.tool_calls ?? []) {
    if (call.type === 'function') fields.push(call.function.name, call.function.arguments);
    else fields.push(call.custom.name, call.custom.input);
  }
  return fields.reduce((n, f) => n + f.toLowerCase().split(term.toLowerCase()).length - 1, 0);
}

/** Hits of `term` per message index in the 10,000-message conversation, from its generator. */
function longHits(term: string): Map<number, number> {
  const generate = longConversation(DEMO_IDS.long, LONG_MESSAGE_COUNT, 'http://127.0.0.1');
  const hits = new Map<number, number>();
  for (let i = 0; i < LONG_MESSAGE_COUNT; i++) {
    const n = occurrences(generate(i), term);
    if (n > 0) hits.set(i, n);
  }
  return hits;
}

/** The text of each range of a CSS highlight, and the message each one is in. */
function highlighted(page: Page, name: string) {
  return page.evaluate((highlight) => {
    const ranges = [...(CSS.highlights.get(highlight) ?? [])] as Range[];
    return ranges.map((range) => ({
      text: range.toString(),
      message:
        (range.startContainer.parentElement?.closest('[data-message-id]') as HTMLElement | null)
          ?.dataset.messageId ?? null,
    }));
  }, name);
}

test.describe('find in conversation', () => {
  test.setTimeout(120_000);

  test('a term only on the last page: loads every page with progress, counts, steps through hits', async ({
    page,
  }) => {
    // "#999" starts the text of four user messages (#9990 … #9998) and of the last one.
    const hits = longHits('#999');
    expect([...hits.keys()]).toEqual([9990, 9992, 9994, 9998, 9999]);
    expect(Math.min(...hits.keys())).toBeGreaterThanOrEqual(LONG_MESSAGE_COUNT - 100);

    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(message(page, longId(0))).toBeVisible();
    await page.keyboard.press('Control+f');
    await expect(findInput(page)).toBeFocused();
    await findInput(page).fill('#999');

    // Every page in turn, with the count so far.
    await expect(findBar(page).getByText(/^Loading messages… [\d,]+ loaded$/)).toBeVisible();
    await expect(findCount(page)).toHaveText('No matches yet');
    await expect(findCount(page)).toHaveText('1 of 5', { timeout: 90_000 });
    await expect(findBar(page).getByTestId('find-progress')).toHaveCount(0);

    // The first hit is selected (the URL follows), in view, and painted as the current one.
    await expect(page).toHaveURL(
      `/completions/${DEMO_IDS.long}/messages/${longId(9990)}?find=%23999`,
    );
    await expect(message(page, longId(9990))).toBeInViewport();
    await expect
      .poll(() => highlighted(page, 'find-current'))
      .toEqual([{ text: '#999', message: longId(9990) }]);
    const all = await highlighted(page, 'find-hit');
    expect(all.length).toBeGreaterThan(0);
    for (const hit of all) expect(hit.text).toBe('#999');

    // Enter steps forward, Shift+Enter back; the ends wrap around.
    await findInput(page).press('Enter');
    await expect(findCount(page)).toHaveText('2 of 5');
    await expect(page).toHaveURL(new RegExp(`/messages/${longId(9992)}\\?find=%23999$`));
    await expect(message(page, longId(9992))).toBeInViewport();
    await findInput(page).press('Shift+Enter');
    await expect(findCount(page)).toHaveText('1 of 5');
    await findInput(page).press('Shift+Enter');
    await expect(findCount(page)).toHaveText('5 of 5');
    await expect(page).toHaveURL(new RegExp(`/messages/${longId(9999)}\\?find=%23999$`));
    await expect(message(page, longId(9999))).toBeInViewport();
    await expect
      .poll(() => highlighted(page, 'find-current'))
      .toEqual([{ text: '#999', message: longId(9999) }]);
    await findBar(page).getByRole('button', { name: 'Next match' }).click();
    await expect(findCount(page)).toHaveText('1 of 5');
    await expect(message(page, longId(9990))).toBeInViewport();
    await findInput(page).press('Enter');
    await expect(findCount(page)).toHaveText('2 of 5');
  });

  test('a term on many messages is counted in the data, not the DOM', async ({ page }) => {
    const hits = longHits('search_code');
    const total = [...hits.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(1000); // one call every ten messages

    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(message(page, longId(0))).toBeVisible();
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await findInput(page).fill('SEARCH_code');
    // The count grows as pages arrive ("1 of 10", "1 of 20", …) to the whole conversation's.
    await expect(findCount(page)).toHaveText('1 of 1,000', { timeout: 90_000 });
    await expect(findBar(page).getByTestId('find-progress')).toHaveCount(0);
    const first = Math.min(...hits.keys());
    await expect(page).toHaveURL(new RegExp(`/messages/${longId(first)}\\?find=SEARCH_code$`));
    // Far fewer messages rendered than counted.
    expect(await page.getByTestId('message').count()).toBeLessThan(40);
    for (const hit of await highlighted(page, 'find-hit')) {
      expect(hit.text.toLowerCase()).toBe('search_code');
    }
    await findInput(page).press('Shift+Enter');
    await expect(findCount(page)).toHaveText('1,000 of 1,000');
    const last = Math.max(...hits.keys());
    await expect(message(page, longId(last))).toBeInViewport();
  });

  test('Escape closes the bar, clears the highlights and the URL, and returns focus', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const findButton = page.getByRole('button', { name: 'Find', exact: true });
    await findButton.click();
    await expect(findInput(page)).toBeFocused();
    await findInput(page).fill('tokyo');
    await expect(findCount(page)).toHaveText(/^1 of \d+$/);
    await expect.poll(async () => (await highlighted(page, 'find-hit')).length).toBeGreaterThan(0);
    await findInput(page).press('Escape');
    await expect(findBar(page)).toHaveCount(0);
    await expect(findButton).toBeFocused();
    await expect(page).not.toHaveURL(/find=/);
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
  });

  test('?find= opens the bar with the term on load, and a reload keeps it', async ({ page }) => {
    const conversation = toolsConversation();
    const expected =
      conversation.drafts.reduce((n, m) => n + occurrences(m, 'paris'), 0) +
      conversation.choices.reduce(
        (n, c) => n + occurrences({ ...c.message, name: null, content_parts: null }, 'paris'),
        0,
      );
    expect(expected).toBeGreaterThan(3);

    await page.goto(`/completions/${DEMO_IDS.tools}?find=Paris`);
    await expect(findInput(page)).toHaveValue('Paris');
    await expect(findCount(page)).toHaveText(`1 of ${expected}`);
    await findInput(page).press('Enter');
    await expect(findCount(page)).toHaveText(`2 of ${expected}`);
    const url = page.url();
    expect(url).toMatch(/\/messages\/[^/?]+\?find=Paris$/);

    await page.reload();
    await expect(findInput(page)).toHaveValue('Paris');
    // Counted from the message in the URL: the same hit is current again.
    await expect(findCount(page)).toHaveText(`2 of ${expected}`);
    expect(page.url()).toBe(url);
  });

  test('Ctrl+F is taken over only while a conversation is open', async ({ page }) => {
    const pressCtrlF = () =>
      page.evaluate(() => {
        const event = new KeyboardEvent('keydown', {
          key: 'f',
          ctrlKey: true,
          bubbles: true,
          cancelable: true,
        });
        document.body.dispatchEvent(event);
        return event.defaultPrevented;
      });
    await page.goto('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    expect(await pressCtrlF()).toBe(false);
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    await expect(page.getByTestId('message').first()).toBeVisible();
    expect(await pressCtrlF()).toBe(true);
    await expect(findInput(page)).toBeFocused();
  });
});
