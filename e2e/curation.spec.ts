import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

async function metadataOf(request: APIRequestContext, id: string) {
  const response = await request.get(`/v1/chat/completions/${id}`);
  return ((await response.json()) as { metadata: Record<string, string> }).metadata;
}

/** A plain demo completion no other spec relies on, picked from the API's own list. */
async function disposableCompletion(
  request: APIRequestContext,
  position: number,
  order: 'asc' | 'desc' = 'asc',
) {
  const page = (await (
    await request.get(`/v1/chat/completions?limit=100&order=${order}`)
  ).json()) as {
    data: { id: string }[];
  };
  const special = new Set<string>(Object.values(DEMO_IDS));
  const plain = page.data.filter((c) => !special.has(c.id));
  const picked = plain[position];
  if (!picked) throw new Error('not enough demo completions');
  return picked.id;
}

test.describe('curation on the conversation page', () => {
  test('edits metadata: change, add and remove pairs; the page and the list show the answer', async ({
    page,
    request,
  }) => {
    const id = await disposableCompletion(request, 10);
    const before = await metadataOf(request, id);
    const [firstKey] = Object.keys(before);
    await page.goto(`/completions/${id}`);
    await page.getByRole('button', { name: 'Edit metadata' }).click();
    const form = page.getByRole('form', { name: 'Edit metadata' });
    if (firstKey) await form.getByLabel('Value 1', { exact: true }).fill('changed value');
    const count = Object.keys(before).length;
    if (count > 1) await form.getByRole('button', { name: `Remove pair ${count}` }).click();
    await form.getByRole('button', { name: 'Add pair' }).click();
    const rows = await form.getByRole('listitem').count();
    await form.getByLabel(`Key ${rows}`, { exact: true }).fill('reviewed by');
    await form.getByLabel(`Value ${rows}`, { exact: true }).fill('ünïcödé & =');
    await form.getByRole('button', { name: 'Save metadata' }).click();
    await expect(form).toHaveCount(0);

    const after = await metadataOf(request, id);
    expect(after['reviewed by']).toBe('ünïcödé & =');
    if (firstKey) expect(after[firstKey]).toBe('changed value');
    expect(Object.keys(after)).toHaveLength(count > 1 ? count : count + 1);
    await expect(page.getByTestId('completion-metadata')).toContainText('reviewed by=ünïcödé & =');

    await page.getByRole('link', { name: '← All stored completions' }).click();
    await page.getByRole('combobox', { name: 'Model' }).waitFor();
    await page.goto(
      `/?metadata[${encodeURIComponent('reviewed by')}]=${encodeURIComponent('ünïcödé & =')}`,
    );
    await expect(page.getByTestId('completion-row')).toHaveCount(1);
    await expect(page.getByTestId('completion-row')).toHaveAttribute('data-completion-id', id);
  });

  test("checks OpenAI's limits before sending", async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') requests.push(r.url());
    });
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    await page.getByRole('button', { name: 'Edit metadata' }).click();
    const form = page.getByRole('form', { name: 'Edit metadata' });
    await form.getByRole('button', { name: 'Add pair' }).click();
    const rows = await form.getByRole('listitem').count();
    await form.getByLabel(`Key ${rows}`, { exact: true }).fill('k'.repeat(65));
    await expect(form).toContainText('Keys are at most 64 characters (this one has 65)');
    await expect(form.getByRole('button', { name: 'Save metadata' })).toBeDisabled();
    await form.getByLabel(`Key ${rows}`, { exact: true }).fill('long');
    await form.getByLabel(`Value ${rows}`, { exact: true }).fill('v'.repeat(513));
    await expect(form).toContainText('Values are at most 512 characters');
    await form.getByLabel(`Value ${rows}`, { exact: true }).fill('ok');
    while ((await form.getByRole('listitem').count()) < 16) {
      const n = (await form.getByRole('listitem').count()) + 1;
      await form.getByRole('button', { name: 'Add pair' }).click();
      await form.getByLabel(`Key ${n}`, { exact: true }).fill(`key${n}`);
    }
    await expect(form.getByRole('button', { name: 'Add pair' })).toBeDisabled();
    await form.getByLabel('Key 1', { exact: true }).fill('key16');
    await expect(form).toContainText('This key is already used above');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(requests).toEqual([]);
  });

  test('a refused update shows the server message and keeps what was typed', async ({ page }) => {
    await page.goto('/completions/fault_refuse_update');
    await page.getByRole('button', { name: 'Edit metadata' }).click();
    const form = page.getByRole('form', { name: 'Edit metadata' });
    await form.getByRole('button', { name: 'Add pair' }).click();
    const rows = await form.getByRole('listitem').count();
    await form.getByLabel(`Key ${rows}`, { exact: true }).fill('typed');
    await form.getByLabel(`Value ${rows}`, { exact: true }).fill('kept');
    await form.getByRole('button', { name: 'Save metadata' }).click();
    await expect(form.getByRole('alert')).toContainText(
      'The update was refused: Metadata updates are not allowed on this completion',
    );
    await expect(form.getByLabel(`Key ${rows}`, { exact: true })).toHaveValue('typed');
    await expect(form.getByLabel(`Value ${rows}`, { exact: true })).toHaveValue('kept');
  });

  test('delete: cancel keeps it; confirm removes it and goes back to the list without it', async ({
    page,
    request,
  }) => {
    // One of the newest, so the list shows it; opened from the list, so the list stays cached.
    const id = await disposableCompletion(request, 7, 'desc');
    await page.goto('/');
    await page.locator(`[data-completion-id="${id}"]`).click({ position: { x: 20, y: 10 } });
    await expect(page).toHaveURL(`/completions/${id}`);
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this stored completion?' });
    await expect(dialog).toContainText(id);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Delete…' })).toBeFocused();
    expect((await request.get(`/v1/chat/completions/${id}`)).status()).toBe(200);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
    await expect(page.locator(`[data-completion-id="${id}"]`)).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect((await request.get(`/v1/chat/completions/${id}`)).status()).toBe(404);
    // Back does not return to the deleted completion ("not found").
    await page.goBack();
    await expect(page).toHaveURL('/');
    await expect(page.getByText('Completion not found')).toHaveCount(0);
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
  });

  test('a completion that does not exist links back to the list', async ({ page }) => {
    await page.goto('/completions/chatcmpl-NoSuchCompletion0000000000000');
    await expect(page.getByText('Completion not found')).toBeVisible();
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByTestId('completion-row').first()).toBeVisible();
  });

  test('a failed delete keeps the completion and says why', async ({ page }) => {
    await page.goto('/completions/fault_refuse_update');
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this stored completion?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog.getByRole('alert')).toContainText(
      'Not deleted. The server had a problem (500): The server had an error',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL('/completions/fault_refuse_update');
    await expect(page.getByTestId('completion-header')).toBeVisible();
  });
});
