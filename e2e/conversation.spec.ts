import { expect, test } from '@playwright/test';
import { DEMO_IDS } from './helpers.ts';

test.describe('conversation view', () => {
  test('the header shows model, created time, usage, service tier and metadata as the API has them', async ({
    page,
    request,
  }) => {
    const completion = (await (
      await request.get(`/v1/chat/completions/${DEMO_IDS.tools}`)
    ).json()) as {
      model: string;
      created: number;
      service_tier: string;
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      metadata: Record<string, string>;
    };
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const header = page.getByTestId('completion-header');
    await expect(header.getByRole('heading', { level: 1 })).toHaveText(DEMO_IDS.tools);
    await expect(page.getByTestId('completion-model')).toHaveText(completion.model);
    const { prompt_tokens: p, completion_tokens: c, total_tokens: t } = completion.usage;
    const n = (x: number) => x.toLocaleString('en-US');
    await expect(page.getByTestId('completion-usage')).toHaveText(`${n(p)} / ${n(c)} / ${n(t)}`);
    await expect(header.locator('time')).toHaveAttribute(
      'datetime',
      new Date(completion.created * 1000).toISOString(),
    );
    await expect(header).toContainText(completion.service_tier);
    for (const [key, value] of Object.entries(completion.metadata)) {
      await expect(page.getByTestId('completion-metadata')).toContainText(`${key}=${value}`);
    }
    await expect(page).toHaveTitle(`${completion.model} · ${DEMO_IDS.tools}`);
  });

  test('roles, names, tool calls with pretty or raw arguments, and results tied to their call', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const messages = page.getByTestId('message');
    await expect(messages.first()).toHaveAttribute('data-role', 'system');
    await expect(page.locator('[data-role="user"]').first().getByTestId('message-name')).toHaveText(
      'alice',
    );
    const calls = page.getByTestId('tool-call');
    await expect(calls.filter({ hasText: 'get_weather' }).first()).toContainText('"city": "Paris"');
    const broken = calls.filter({ hasText: 'not valid JSON' });
    await expect(broken).toHaveCount(1);
    await expect(broken).toContainText('"include": ["items", "shipping"');
    const results = page.locator('[data-role="tool"]');
    await expect(results.first().getByTestId('tool-result-of')).toContainText(
      'Result of get_weather call_Wx7pQ2mK9sLd3vB8nR4tY1aZ',
    );
    await expect(results.nth(2).getByTestId('tool-result-of')).toContainText('lookup_order');
  });

  test('a refusal in the answer is shown as a refusal', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.refusal}`);
    const answer = page.getByTestId('answer-choice');
    await expect(answer.getByTestId('refusal')).toContainText("I'm sorry, but I can't help");
    await expect(answer).toContainText('finish_reason');
  });

  test('every message can be shown as received, and unknown fields are kept', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.refusal}`);
    const answer = page.getByTestId('answer-choice');
    await expect(answer).toBeVisible();
    // An empty field gets no chip (issue 12: `annotations: []` on every answer said nothing)...
    await expect(answer.getByTestId('extra-field').filter({ hasText: 'annotations' })).toHaveCount(
      0,
    );
    await answer.getByRole('button', { name: 'JSON', exact: true }).click();
    const raw = answer.getByLabel('Message as received');
    await expect(raw).toContainText('"content": null');
    // ...and the message as received still has it.
    await expect(raw).toContainText('"annotations": []');
    await answer.getByRole('button', { name: 'Hide JSON' }).click();
    await expect(raw).toHaveCount(0);
  });

  test('image parts load lazily in a reserved box, with their detail', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.images}`);
    const first = page.getByTestId('image-part').first();
    await expect(first).toContainText('detail: high');
    const box = first.locator('div').first();
    const before = await box.boundingBox();
    const img = first.getByRole('img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1024);
    expect(await box.boundingBox()).toEqual(before);
    // Data-URL parts show their type and size rather than the base64 text.
    await expect(page.getByTestId('image-part').filter({ hasText: 'image/jpeg' })).toHaveCount(1);
    await expect(page.getByText('base64,')).toHaveCount(0);
  });

  test('an image that fails to load says why, and shows its URL', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.expiredImage}`);
    const part = page.getByTestId('image-part').first();
    const failed = part.getByTestId('image-failure');
    // Same origin: the browser shows the page the status (Resource Timing).
    await expect(failed).toHaveAttribute('data-cause', 'not-found');
    await expect(failed).toContainText('Image not found');
    await expect(failed).toContainText('404 Not Found');
    await expect(failed).toContainText('signed links expire');
    await expect(part).toContainText('/demo-assets/images/expired-');
    await expect(
      page
        .getByTestId('image-part')
        .nth(1)
        .getByRole('img', { name: /Image part/ }),
    ).toBeVisible();
  });

  test('a ~5 MB data-URL image is decoded to a Blob URL, never put in the DOM as text', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.bigImage}`);
    const img = page.getByTestId('image-part').getByRole('img', { name: /Image part/ });
    await expect(img).toHaveAttribute('src', /^blob:/, { timeout: 15_000 });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    const longestAttribute = await page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].map((a) => a.value.length),
        ),
      ),
    );
    expect(longestAttribute).toBeLessThan(10_000);
  });

  test('right-to-left text keeps its direction', async ({ page }) => {
    await page.goto(`/completions/${DEMO_IDS.rtl}`);
    const arabic = page.getByText('مرحبا! الطلب رقم 4821');
    await expect(arabic).toBeVisible();
    await expect(arabic).toHaveAttribute('dir', 'auto');
    // Retried: the text shows as stored first and is swapped for its markdown once the renderer
    // has loaded; one read can land on the element being replaced.
    await expect.poll(() => arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  });
});
