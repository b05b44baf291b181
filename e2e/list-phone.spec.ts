import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

// The list at a phone's width (390 × 844) and on a wide screen: rows laid out for the width,
// placed by a height that follows it, filters that wrap, and a list ready for the keyboard on
// load and when coming back.

const rows = (page: Page) => page.getByTestId('completion-row');
const listScroller = (page: Page) => page.getByTestId('completions-scroll');
const PHONE = { width: 390, height: 844 };

/**
 * Elements of the list page (the header aside) that stick out of the viewport sideways, unless
 * a box that clips them is inside it; and boxes that scroll sideways (a field's text aside).
 */
function outOfViewport(page: Page): Promise<string[]> {
  return page.getByTestId('list-page').evaluate((root) => {
    const inside = (el: Element) => {
      const rect = el.getBoundingClientRect();
      return rect.left >= -0.5 && rect.right <= window.innerWidth + 0.5;
    };
    const clipped = (el: Element) => {
      for (let box = el.parentElement; box && box !== root.parentElement; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== 'visible' && inside(box)) return true;
      }
      return false;
    };
    const all = [root, ...root.querySelectorAll('*')];
    const sticking = all.filter(
      (el) =>
        el.getBoundingClientRect().width > 0 &&
        getComputedStyle(el).clipPath !== 'inset(50%)' && // sr-only
        !inside(el) &&
        !clipped(el),
    );
    const scrolling = all.filter(
      (el) =>
        !el.matches('input, select, textarea') &&
        el.scrollWidth > el.clientWidth + 0.5 &&
        !['hidden', 'clip'].includes(getComputedStyle(el).overflowX),
    );
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 40)}"`;
    return [
      ...sticking.map((el) => `sticks out: ${name(el)}`),
      ...scrolling.map((el) => `scrolls sideways: ${name(el)}`),
    ];
  });
}

interface RowGeometry {
  index: number;
  top: number;
  height: number;
  /** Content taller than the row (cut off, or spilling onto the next). */
  overflowing: boolean;
  width: number;
  preview: { top: number; bottom: number; left: number; width: number };
  meta: { top: number; bottom: number }[];
  chips: {
    top: number;
    bottom: number;
    right: number;
    truncated: boolean;
    title: string;
    text: string;
  }[];
}

/** Where each rendered row and its parts are, in the viewport. */
function rowGeometry(page: Page): Promise<RowGeometry[]> {
  return listScroller(page).evaluate((scroller) =>
    [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
      .filter((item) => item.querySelector('[data-testid="completion-row"]'))
      .map((item) => {
        const row = item.querySelector<HTMLElement>('[data-testid="completion-row"]')!;
        const box = (el: Element) => el.getBoundingClientRect();
        const preview = box(row.querySelector('[data-testid="answer-preview"]')!);
        const itemBox = box(item);
        return {
          index: Number(item.dataset.index),
          top: itemBox.top,
          height: itemBox.height,
          overflowing: row.scrollHeight > row.clientHeight,
          width: box(row).width,
          preview: {
            top: preview.top,
            bottom: preview.bottom,
            left: preview.left,
            width: preview.width,
          },
          meta: [
            row.querySelector('.font-mono')!,
            row.querySelector('button')!,
            row.querySelector('time')!,
          ].map((el) => ({ top: box(el).top, bottom: box(el).bottom })),
          chips: [...row.querySelectorAll<HTMLElement>('[data-testid="metadata-chip"]')].map(
            (chip) => ({
              top: box(chip).top,
              bottom: box(chip).bottom,
              right: box(chip).right - box(row).left,
              truncated: chip.scrollWidth > chip.clientWidth,
              title: chip.title,
              text: chip.textContent ?? '',
            }),
          ),
        };
      })
      .sort((a, b) => a.index - b.index),
  );
}

/** The index of the row holding focus, if a row does. */
const focusedIndex = (page: Page) =>
  page.evaluate(() => {
    const item = document.activeElement?.closest('[data-index]');
    return item && document.activeElement?.matches('[data-main-link]')
      ? Number(item.getAttribute('data-index'))
      : null;
  });

test.describe('the list on a phone (390 × 844)', () => {
  test.use({ viewport: PHONE });

  test('nothing sticks out sideways: rows, filters, the Completion ID form', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    expect(await outOfViewport(page)).toEqual([]);
    // The whole document too, header included (it was 452 px wide at 390).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      await page.evaluate(() => window.innerWidth),
    );
    // A focused row writes its exact time, the longest form.
    await page.keyboard.press('j');
    await expect.poll(() => focusedIndex(page)).toBe(1);
    expect(await outOfViewport(page)).toEqual([]);
    // A missing value is explained.
    await page.getByLabel('Metadata key', { exact: true }).fill('customer');
    await page.getByRole('button', { name: 'Add filter' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    expect(await outOfViewport(page)).toEqual([]);

    // Active filters with long names, and the no-match view.
    const long = 'a-model-name-much-longer-than-any-phone-is-wide-0123456789';
    await page.goto(`/?model=${long}&metadata[${long}]=${long}&order=asc`);
    await expect(page.getByTestId('no-match')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Active filters' })).toBeVisible();
    expect(await outOfViewport(page)).toEqual([]);
  });

  test('rows: the answer on a line of its own, chips cut with the whole pair in their title', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const geometry = await rowGeometry(page);
    expect(geometry.length).toBeGreaterThan(4);
    let truncatedChips = 0;
    for (const row of geometry) {
      const at = `row ${row.index}`;
      expect(row.overflowing, at).toBe(false);
      expect(row.preview.width, at).toBeGreaterThanOrEqual(200);
      // Below the id, model and date; above the chips; none of them beside it.
      for (const meta of row.meta) expect(meta.bottom, at).toBeLessThanOrEqual(row.preview.top);
      for (const chip of row.chips) {
        expect(chip.top, at).toBeGreaterThanOrEqual(row.preview.bottom);
        expect(chip.right, at).toBeLessThanOrEqual(row.width);
        expect(chip.title, at).toBe(chip.text);
        if (chip.truncated) truncatedChips += 1;
      }
    }
    expect(truncatedChips).toBeGreaterThan(0);
    // Placed one after the other by their height: no gap, no overlap.
    for (const [i, row] of geometry.slice(1).entries()) {
      const above = geometry[i]!;
      if (row.index === above.index + 1) expect(row.top).toBeCloseTo(above.top + above.height, 0);
    }
  });

  test('Metadata key with no value says what is missing and filters on nothing', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const key = page.getByLabel('Metadata key', { exact: true });
    const value = page.getByLabel('Metadata value', { exact: true });
    const add = page.getByRole('button', { name: 'Add filter' });
    // Every button of the filter bar works, so none looks disabled.
    await expect(add).toBeEnabled();

    await add.click();
    await expect(page.getByRole('alert')).toHaveText('Enter a metadata key and its value.');
    await expect(key).toBeFocused();
    await expect(key).toHaveAttribute('aria-invalid', 'true');

    await key.fill('customer');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await key.press('Enter');
    await expect(page.getByRole('alert')).toHaveText(
      'Enter a value for “customer” too: metadata filters match key = value.',
    );
    await expect(value).toBeFocused();
    await expect(value).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL('/');

    await value.fill('acme');
    await value.press('Enter');
    await expect(page).toHaveURL('/?metadata[customer]=acme');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(rows(page).first()).toContainText('customer=acme');
  });

  test('every control of the filter bar and the Completion ID form is reachable and usable', async ({
    page,
  }) => {
    await page.goto('/?metadata[customer]=acme');
    await expect(rows(page).first()).toBeVisible();
    const search = page.getByRole('search', { name: 'Filter stored completions' });
    for (const control of await search.locator('input, select, button').all()) {
      await expect(control).toBeInViewport({ ratio: 1 });
      // Not squeezed: its label on one line.
      expect((await control.boundingBox())!.height).toBeLessThanOrEqual(40);
      await expect(control).toBeEnabled();
      // Looks enabled, as it is.
      expect(await control.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    }
    await page.getByRole('combobox', { name: 'Model' }).fill('gpt-4o');
    await page.getByLabel('Order', { exact: true }).selectOption('asc');
    await expect(page).toHaveURL('/?model=gpt-4o&metadata[customer]=acme&order=asc');
    await page.getByRole('button', { name: 'Remove filter customer = acme' }).click();
    await expect(page).toHaveURL('/?model=gpt-4o&order=asc');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL('/?order=asc');

    // An id as copied from JSON, opened with the button.
    const field = page.getByLabel('Completion ID');
    await expect(field).toBeInViewport({ ratio: 1 });
    await field.fill(`"${DEMO_IDS.tools}",`);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page).toHaveURL(`/completions/${DEMO_IDS.tools}`);
  });

  test('j and PageDown work right after load, a page being as many rows as fit', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    // Nothing is focused yet: the keys go to the list, from its active (first) row.
    await page.keyboard.press('j');
    await expect.poll(() => focusedIndex(page)).toBe(1);
    const rowHeight = await page
      .locator('[data-index="0"]')
      .evaluate((el) => el.getBoundingClientRect().height);
    expect(rowHeight).toBeGreaterThan(76);
    const visibleRows = await listScroller(page).evaluate(
      (el, height) => Math.floor(el.clientHeight / height),
      rowHeight,
    );
    await page.keyboard.press('PageDown');
    await expect.poll(() => focusedIndex(page)).toBe(1 + visibleRows - 1);
    await expect(page.locator(`[data-index="${visibleRows}"] [data-main-link]`)).toBeInViewport();
    await page.keyboard.press('k');
    await expect.poll(() => focusedIndex(page)).toBe(visibleRows - 1);
  });

  test('keys go to what has focus: a field, a button', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const open = page.getByRole('button', { name: 'Open' });
    await open.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('End');
    await expect(open).toBeFocused();
    // (Leaving the model field filters by what it holds: it comes last.)
    const model = page.getByRole('combobox', { name: 'Model' });
    await model.focus();
    await page.keyboard.type('jk');
    await expect(model).toHaveValue('jk');
    await expect(model).toBeFocused();
    expect(await focusedIndex(page)).toBeNull();
  });

  test('Back from a completion puts focus on the row that was opened', async ({ page }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    // By the keyboard, right after load.
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => focusedIndex(page)).toBe(2);
    const second = await page
      .locator('[data-index="2"] [data-testid="completion-row"]')
      .getAttribute('data-completion-id');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`/completions/${second}`);
    await expect(page.getByTestId('completion-header')).toBeVisible();
    await page.goBack();
    await expect.poll(() => focusedIndex(page)).toBe(2);

    // With a tap, further down.
    const rowHeight = await page
      .locator('[data-index="2"]')
      .evaluate((el) => el.getBoundingClientRect().height);
    await listScroller(page).evaluate((el, height) => el.scrollTo({ top: 6 * height }), rowHeight);
    const target = page.locator('[data-index="8"] [data-testid="completion-row"]');
    const id = await target.getAttribute('data-completion-id');
    await target.click({ position: { x: 20, y: 10 } });
    await expect(page).toHaveURL(`/completions/${id}`);
    await expect(page.getByTestId('completion-header')).toBeVisible();
    await page.goBack();
    await expect.poll(() => focusedIndex(page)).toBe(8);
    await expect(target).toBeInViewport();
    // And the list goes on from there.
    await page.keyboard.press('j');
    await expect.poll(() => focusedIndex(page)).toBe(9);
  });
});

test.describe('the list on a wide screen (1400 × 900)', () => {
  test.use({ viewport: { width: 1400, height: 900 } });

  test('two lines: id, model, date and tokens; the answer, keeping half the row, and the chips', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    const geometry = await rowGeometry(page);
    expect(geometry.length).toBeGreaterThan(8);
    for (const row of geometry) {
      const at = `row ${row.index}`;
      expect(row.height, at).toBe(76);
      expect(row.overflowing, at).toBe(false);
      // One line of metadata, above the answer.
      for (const meta of row.meta) {
        expect(meta.top, at).toBeLessThan(row.meta[0]!.bottom);
        expect(meta.bottom, at).toBeLessThanOrEqual(row.preview.top);
      }
      // Half of the row inside its padding (16 px a side), but the gap before the chips.
      expect(row.preview.width, at).toBeGreaterThanOrEqual((row.width - 32) / 2 - 8);
      // The chips beside the answer, on its line.
      for (const chip of row.chips) {
        expect(chip.top, at).toBeLessThan(row.preview.bottom);
        expect(chip.bottom, at).toBeGreaterThan(row.preview.top);
        expect(chip.right, at).toBeLessThanOrEqual(row.width);
        expect(chip.title, at).toBe(chip.text);
      }
    }
  });

  test('narrowing the window to a phone places the rows again, the first one kept', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(rows(page).first()).toBeVisible();
    await listScroller(page).evaluate((el) => el.scrollTo({ top: 20 * 76 }));
    await expect(page.locator('[data-index="20"]')).toBeInViewport();
    await page.setViewportSize(PHONE);
    await expect
      .poll(() =>
        page.locator('[data-index="20"]').evaluate((el) => el.getBoundingClientRect().height),
      )
      .toBeGreaterThan(76);
    const geometry = await rowGeometry(page);
    for (const [i, row] of geometry.slice(1).entries()) {
      const above = geometry[i]!;
      expect(row.overflowing).toBe(false);
      if (row.index === above.index + 1) expect(row.top).toBeCloseTo(above.top + above.height, 0);
    }
    const scrollerTop = await listScroller(page).evaluate((el) => el.getBoundingClientRect().top);
    const first = geometry.find((row) => row.top + row.height > scrollerTop + 1);
    expect(first?.index).toBe(20);
  });
});
