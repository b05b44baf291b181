import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startViewerServer } from './helpers-server.ts';

// A project with no stored completions: the list explains `store: true` instead of a blank page.
test('an empty dataset says how completions get stored', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'viewer-empty-'));
  const file = join(dir, 'empty.jsonl');
  writeFileSync(file, '\n');
  const server = await startViewerServer(['--data', file]);
  try {
    const answer = await (await fetch(`${server.url}/v1/chat/completions`)).json();
    expect(answer).toMatchObject({ object: 'list', data: [], has_more: false });

    await page.goto(server.url);
    const empty = page.getByTestId('no-completions');
    await expect(empty).toBeVisible();
    await expect(empty).toContainText('No stored completions yet.');
    await expect(empty).toContainText('store: true');
    await expect(page.getByRole('list', { name: 'Stored completions' })).toHaveCount(0);
    // Not mistaken for a filter that matches nothing.
    await expect(page.getByTestId('no-match')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
