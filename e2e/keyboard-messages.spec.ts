import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

const toolsId = (i: number) => `${DEMO_IDS.tools}-${i}`;
const message = (page: Page, id: string) => page.locator(`[data-message-id="${id}"]`);
const at = (completion: string, id: string) => `/completions/${completion}/messages/${id}`;

/** Whether the focused element shows a focus ring (:focus-visible with an outline). */
const focusRingShown = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || !el.matches(':focus-visible')) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });

test.describe('keyboard between messages', () => {
  test('j / k move the selection, the URL and the focus; the focus ring shows', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    await expect(message(page, toolsId(0))).toBeVisible();

    // Nothing selected yet: j starts at the first message in view.
    await page.keyboard.press('j');
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(0)));
    await expect(message(page, toolsId(0))).toBeFocused();
    await expect(message(page, toolsId(0))).toHaveAttribute('aria-current', 'true');
    expect(await focusRingShown(page)).toBe(true);

    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(2)));
    await expect(message(page, toolsId(2))).toBeFocused();
    await expect(message(page, toolsId(0))).not.toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('k');
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(1)));
    await expect(message(page, toolsId(1))).toBeFocused();

    // ↓ / ↑ work on a focused card too (they don't just scroll).
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(2)));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(0)));
    // k at the first message stays there.
    await page.keyboard.press('k');
    await expect(message(page, toolsId(0))).toBeFocused();
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(0)));
  });

  test('j goes on past the last message into the answer', async ({ page }) => {
    await page.goto(at(DEMO_IDS.tools, toolsId(11)));
    await expect(message(page, toolsId(11))).toBeInViewport();
    await message(page, toolsId(11)).focus();
    await page.keyboard.press('j');
    const answer = page.getByTestId('answer-choice').locator('article');
    await expect(answer).toBeFocused();
    await expect(answer).toBeInViewport();
    // The answer has no message id: the URL stays at the last message.
    await expect(page).toHaveURL(at(DEMO_IDS.tools, toolsId(11)));
    await page.keyboard.press('k');
    await expect(message(page, toolsId(11))).toBeFocused();
  });

  test('keys typed in a text field, or with a modifier, are left alone', async ({ page }) => {
    await page.goto(at(DEMO_IDS.tools, toolsId(3)));
    await expect(message(page, toolsId(3))).toBeInViewport();
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const input = page.getByRole('search').getByLabel('Find in conversation');
    // A term with no match, so find itself doesn't move the selection.
    await input.fill('qq');
    await input.press('j');
    await input.press('k');
    await expect(input).toHaveValue('qqjk');
    await expect(page.getByTestId('find-count')).toHaveText('No matches');
    await expect(page).toHaveURL(new RegExp(`/messages/${toolsId(3)}\\?find=qqjk$`));
    await input.press('Escape');
    await message(page, toolsId(3)).focus();
    await page.keyboard.press('Control+j');
    await expect(page).toHaveURL(new RegExp(`/messages/${toolsId(3)}$`));
  });

  test('k past the first loaded message loads the page before it', async ({ page }) => {
    const id = (i: number) => `${DEMO_IDS.long}-${i}`;
    // Opened at 150: messages 50–249 are loaded; 49 is on an older page.
    await page.goto(at(DEMO_IDS.long, id(150)));
    await expect(message(page, id(150))).toBeInViewport();
    await message(page, id(150)).focus();
    for (let i = 0; i < 101; i++) await page.keyboard.press('k');
    await expect(page).toHaveURL(at(DEMO_IDS.long, id(49)), { timeout: 20_000 });
    await expect(message(page, id(49))).toBeFocused();
    await expect(message(page, id(49))).toBeInViewport();
  });
});
