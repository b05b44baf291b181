import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS, LONG_MESSAGE_COUNT, scrollToEnd } from './helpers.ts';
import { startViewerServer } from './helpers-server.ts';

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export this conversation' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Every message of a completion as the API answers them (raw JSON), page after page. */
async function allMessages(origin: string, id: string): Promise<unknown[]> {
  const out: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const url = `${origin}/v1/chat/completions/${id}/messages?limit=100${after ? `&after=${after}` : ''}`;
    const page = (await (await fetch(url)).json()) as {
      data: unknown[];
      has_more: boolean;
      last_id: string | null;
    };
    out.push(...page.data);
    if (!page.has_more) return out;
    after = page.last_id;
  }
}

test.describe('export', () => {
  test('JSON export round-trips through `--data`: the same conversations on a second server', async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const ids = [DEMO_IDS.tools, DEMO_IDS.images, DEMO_IDS.rich];
    const lines: string[] = [];
    for (const id of ids) {
      await page.goto(`/completions/${id}`);
      const dialog = await openExport(page);
      await expect(dialog.getByRole('radio', { name: /^JSON/ })).toBeChecked();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name: 'Download .jsonl' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${id}.jsonl`);
      const file = test.info().outputPath(`${id}.jsonl`);
      await download.saveAs(file);
      const text = await readFile(file, 'utf8');
      // One line, the completion exactly as the API has it plus its messages.
      expect(text.endsWith('\n')).toBe(true);
      expect(text.trimEnd().split('\n')).toHaveLength(1);
      const exported = JSON.parse(text) as Record<string, unknown>;
      const { messages, ...completion } = exported;
      const api = (await (await fetch(`${baseURL}/v1/chat/completions/${id}`)).json()) as unknown;
      expect(completion).toEqual(api);
      expect(messages).toEqual(await allMessages(baseURL!, id));
      await expect(dialog.getByRole('status')).toContainText(`Saved ${id}.jsonl`);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();
      lines.push(text);
    }

    // Someone without API access opens the files: one data file, a second server.
    const dataFile = test.info().outputPath('shared.jsonl');
    await writeFile(dataFile, lines.join(''), 'utf8');
    // A second real server on the exported file, as `npm start -- --data FILE` runs it.
    let server: Awaited<ReturnType<typeof startViewerServer>> | undefined;
    try {
      server = await startViewerServer(['--data', dataFile]);
      const dataOrigin = server.url;
      for (const id of ids) {
        const there = (await (await fetch(`${dataOrigin}/v1/chat/completions/${id}`)).json()) as {
          choices: unknown[];
        };
        const here = (await (await fetch(`${baseURL}/v1/chat/completions/${id}`)).json()) as {
          choices: unknown[];
        };
        expect(there).toEqual(here);
        expect(await allMessages(dataOrigin, id)).toEqual(await allMessages(baseURL!, id));
      }

      // And the viewer there shows them: same ids, texts, tool calls and answer.
      await page.goto(`${dataOrigin}/completions/${DEMO_IDS.tools}`);
      await expect(
        page.getByTestId('completion-header').getByRole('heading', { level: 1 }),
      ).toHaveText(DEMO_IDS.tools);
      const messages = page.getByTestId('message');
      await expect(messages.first()).toHaveAttribute('data-message-id', `${DEMO_IDS.tools}-0`);
      await expect(messages.first()).toContainText("You are Acme's order assistant.");
      const calls = page.getByTestId('tool-call');
      await expect(calls.filter({ hasText: 'get_weather' })).toHaveCount(2);
      await expect(calls.filter({ hasText: 'lookup_order' }).first()).toBeVisible();
      const toolsCount = (await allMessages(baseURL!, DEMO_IDS.tools)).length;
      await page.getByRole('button', { name: 'Jump to answer' }).click();
      await expect(page.getByTestId('answer-choice')).toBeVisible();
      await expect(
        page.locator(`[data-message-id="${DEMO_IDS.tools}-${toolsCount - 1}"]`),
      ).toHaveCount(1);

      await page.goto(`${dataOrigin}/completions/${DEMO_IDS.images}`);
      await expect(page.getByTestId('image-part').first()).toBeVisible();
      await expect(page.getByTestId('image-part').first()).toContainText('detail: high');

      await page.goto(`${dataOrigin}/completions/${DEMO_IDS.rich}`);
      await expect(page.getByTestId('audio-player')).toHaveCount(2);
      await scrollToEnd(page);
      const answer = page.getByTestId('answer-choice');
      await expect(answer.getByRole('link', { name: 'as the etymology shows' })).toBeVisible();
    } finally {
      await server?.stop();
    }
  });

  test('Markdown export of 10,000 messages: progress, Cancel stops the requests, resumes, every id', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const requests: string[] = [];
    const aborted: string[] = [];
    const isPage = (url: string) => url.includes(`/v1/chat/completions/${DEMO_IDS.long}/messages`);
    page.on('request', (request) => {
      if (isPage(request.url())) requests.push(request.url());
    });
    page.on('requestfailed', (request) => {
      if (isPage(request.url())) aborted.push(request.url());
    });
    await page.goto(`/completions/${DEMO_IDS.long}`);
    await expect(page.getByTestId('message').first()).toBeVisible();
    const viewerRequests = requests.length;

    const dialog = await openExport(page);
    await dialog.getByRole('radio', { name: /^Markdown/ }).check();
    await expect(dialog.getByRole('radio', { name: /^Leave out/ })).toBeChecked();
    await dialog.getByRole('button', { name: 'Download .md' }).click();
    const status = dialog.getByRole('status');
    await expect(status).toContainText(/Fetched [\d,]+ messages…/);
    await expect
      .poll(() => requests.length - viewerRequests, { timeout: 30_000, intervals: [20] })
      .toBeGreaterThanOrEqual(3);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(status).toContainText(/Cancelled after [\d,]+ messages/);
    const atCancel = requests.length;
    await page.waitForTimeout(1_500);
    expect(requests.length).toBe(atCancel); // the requests stopped
    const fetched = Number(
      /after ([\d,]+) messages/.exec((await status.textContent()) ?? '')![1]!.replace(/,/g, ''),
    );
    expect(fetched).toBeGreaterThan(0);
    expect(fetched).toBeLessThan(LONG_MESSAGE_COUNT);

    // Exporting again goes on from the last page received.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      dialog.getByRole('button', { name: 'Download .md' }).click(),
    ]);
    const resumed = requests.slice(atCancel);
    expect(new URL(resumed[0]!).searchParams.get('after')).toBe(`${DEMO_IDS.long}-${fetched - 1}`);
    expect(download.suggestedFilename()).toBe(`${DEMO_IDS.long}.md`);
    const file = test.info().outputPath('long.md');
    await download.saveAs(file);
    const markdown = await readFile(file, 'utf8');
    // Every message heading, in order, numbered as its id: "### #N · role · `<completion id>-<N>`".
    const headings = [...markdown.matchAll(/^### #(\d+) · [^\n]*`(chatcmpl-[A-Za-z0-9]+-\d+)`$/gm)];
    const wrong = headings.filter((m) => m[2] !== `${DEMO_IDS.long}-${m[1]}`);
    expect(wrong).toEqual([]);
    expect(headings.map((m) => m[2])).toEqual(
      Array.from({ length: LONG_MESSAGE_COUNT }, (_, i) => `${DEMO_IDS.long}-${i}`),
    );
    expect(markdown).toContain('## Answer');
    expect(markdown).toContain('That wraps up the session.');
    await expect(status).toContainText(`Saved ${DEMO_IDS.long}.md (10,000 messages`);
    // 100 pages in all, each fetched once (the viewer's own first page aside).
    const exportAfters = requests
      .slice(viewerRequests)
      .map((url) => new URL(url).searchParams.get('after'));
    // Cancel aborted at most the one request in flight; it was asked again on resume.
    expect(aborted.length).toBeLessThanOrEqual(1);
    expect(exportAfters).toHaveLength(LONG_MESSAGE_COUNT / 100 + aborted.length);
    expect(new Set(exportAfters).size).toBe(LONG_MESSAGE_COUNT / 100);
  });

  test('an error stops the export with Retry, which goes on without losing what arrived', async ({
    page,
  }) => {
    // Its third page of messages fails once (503), then answers: 350 messages in all.
    const id = `fault_503_p3_x1_t${test.info().workerIndex}r${Date.now() % 100_000}`;
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/v1/chat/completions/${id}/messages`))
        requests.push(request.url());
    });
    await page.goto(`/completions/${id}`);
    await expect(page.getByTestId('message').first()).toBeVisible();
    const dialog = await openExport(page);
    const before = requests.length;
    await dialog.getByRole('button', { name: 'Download .jsonl' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Export stopped after 200 messages.');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Retry' }).click(),
    ]);
    const file = test.info().outputPath('fault.jsonl');
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { messages: { id: string }[] };
    expect(exported.messages.map((m) => m.id)).toEqual(
      Array.from({ length: 350 }, (_, i) => `${id}-${i}`),
    );
    const afters = requests.slice(before).map((url) => new URL(url).searchParams.get('after'));
    // Pages 1 and 2, page 3 (failed), page 3 again, page 4: nothing refetched from the start.
    expect(afters).toEqual([null, `${id}-99`, `${id}-199`, `${id}-199`, `${id}-299`]);
    await expect(dialog.getByRole('status')).toContainText(`Saved ${id}.jsonl (350 messages`);
  });
});
