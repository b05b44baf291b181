import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  DEMO_TOOLS,
  HOSTILE_TOOL,
  SUPPORT_REPLY_FORMAT,
  toolsConversation,
} from '../server/data/special.ts';
import { DEMO_IDS, scroller, scrollToEnd } from './helpers.ts';
import { startViewerServer } from './helpers-server.ts';

// The Request section of the conversation header: what the completion says of its request
// beyond the messages (settings, tools and response format with their schemas, the request
// id, fields no view knows, the whole object as JSON); and tool results that are JSON.

interface Completion {
  request_id: string;
  seed: number;
  temperature: number;
  input_user: null;
}

const request = (page: Page) => page.getByTestId('request-section');
const details = (page: Page) => page.getByTestId('request-details');
const toolMessage = (page: Page, i: number) =>
  page.locator(`[data-message-id="${DEMO_IDS.tools}-${i}"]`);

/** Tool names as the demo declares them (function and custom tools). */
const toolNames = DEMO_TOOLS.map((tool) =>
  tool.type === 'function' ? tool.function!.name : tool.custom!.name,
);

/** Presses a button from the keyboard: focus, then Enter (or Space). */
async function press(button: Locator, key: 'Enter' | ' ' = 'Enter') {
  await button.focus();
  await button.press(key);
}

test.describe('the Request section', () => {
  test('shows the settings of a completion with tools and a JSON schema, opened and closed by keyboard', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const completion = (await (
      await page.request.get(`/v1/chat/completions/${DEMO_IDS.tools}`)
    ).json()) as Completion;
    expect(completion.seed).toBe(20_261_014);
    await page.goto(`/completions/${DEMO_IDS.tools}`);

    // Compact: one line of the key settings, nothing else.
    const summary = request(page).getByTestId('request-summary');
    await expect(summary).toContainText(`temperature ${completion.temperature}`);
    await expect(summary).toContainText(`seed ${completion.seed}`);
    await expect(summary).toContainText(`tools ${DEMO_TOOLS.length}`);
    await expect(summary).toContainText('tool_choice auto');
    await expect(summary).toContainText(
      `response_format json_schema ${SUPPORT_REPLY_FORMAT.json_schema.name}`,
    );
    await expect(details(page)).toHaveCount(0);

    // Opened by keyboard: every setting, the tools, the response format.
    const toggle = request(page).getByRole('button', { name: 'Request details' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await press(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(details(page)).toBeVisible();
    await expect(toggle).toHaveAttribute(
      'aria-controls',
      (await details(page).getAttribute('id'))!,
    );
    const settings = details(page).locator('dl');
    for (const [term, value] of [
      ['model', 'gpt-4.1'],
      ['temperature', String(completion.temperature)],
      ['seed', String(completion.seed)],
      ['max_completion_tokens', '1024'],
      ['parallel_tool_calls', 'true'],
      ['tool_choice', 'auto'],
    ] as const) {
      await expect(settings.locator(`dt:text-is("${term}") + dd`)).toHaveText(value);
    }
    const tools = details(page).getByTestId('request-tool');
    await expect(tools).toHaveCount(DEMO_TOOLS.length);
    for (const [i, name] of toolNames.entries()) await expect(tools.nth(i)).toContainText(name);
    await expect(tools.first()).toContainText('Current weather for a city.');

    // The schema of the response format: collapsed, then highlighted JSON.
    const format = details(page).getByTestId('request-response-format');
    await expect(format).toContainText(SUPPORT_REPLY_FORMAT.json_schema.description);
    const showSchema = format.getByRole('button', { name: 'Show schema of support_reply' });
    await expect(showSchema).toHaveAttribute('aria-expanded', 'false');
    await press(showSchema, ' ');
    const schema = format.getByLabel('Schema of support_reply', { exact: true });
    await expect(schema).toContainText('"order_status": {');
    await expect(schema.locator('code')).toHaveAttribute('data-highlighted', 'true');
    await expect(schema.locator('.hljs-attr').first()).toBeVisible();

    // A tool's parameters, and a custom tool's lack of them.
    await press(tools.first().getByRole('button', { name: 'Show parameters of get_weather' }));
    await expect(
      tools.first().getByLabel('Parameters of get_weather', { exact: true }),
    ).toContainText('"enum": [\n            "celsius",');
    await expect(tools.last().getByRole('button')).toHaveCount(0);

    // The request id is copied whole.
    await details(page).getByRole('button', { name: 'Copy request_id' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(completion.request_id);

    // Closed by keyboard again: all of it gone.
    await press(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(details(page)).toHaveCount(0);
    await expect(toggle).toBeFocused();
  });

  test('JSON shows the whole completion as received, fields no view shows included', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    await press(request(page).getByRole('button', { name: 'Request details' }));
    // `input_user` is null here: not a setting worth a line, but part of the object.
    await expect(details(page)).not.toContainText('input_user');
    const json = request(page).getByRole('button', { name: 'Completion JSON' });
    await expect(json).toHaveAttribute('aria-pressed', 'false');
    await press(json);
    await expect(json).toHaveAttribute('aria-pressed', 'true');
    const raw = request(page).getByLabel('Completion as received', { exact: true });
    await expect(raw).toContainText('"input_user": null');
    await expect(raw).toContainText('"object": "chat.completion"');
    await expect(raw).toContainText(`"id": "${DEMO_IDS.tools}"`);
    await expect(raw).toContainText('"strict": true');
    await press(json);
    await expect(raw).toHaveCount(0);
  });

  test('a request field no view knows is kept and listed', async ({ page }) => {
    // The demo's one search-preview completion carries `web_search_options`.
    const list = (await (
      await page.request.get('/v1/chat/completions?model=gpt-4o-search-preview&limit=5')
    ).json()) as { data: { id: string }[] };
    expect(list.data).toHaveLength(1);
    await page.goto(`/completions/${list.data[0]!.id}`);
    await expect(request(page).getByTestId('request-summary')).toContainText('+1 other field');
    await request(page).getByRole('button', { name: 'Request details' }).click();
    const field = details(page).getByRole('button', { name: /^web_search_options:/ });
    await expect(field).toContainText('"search_context_size":"medium"');
    await field.click();
    await expect(
      details(page).getByLabel(`Field web_search_options of completion ${list.data[0]!.id}`, {
        exact: true,
      }),
    ).toContainText('"search_context_size": "medium"');
  });

  test('a predicted output is shown as the text it is', async ({ page }) => {
    // The markdown demo's last request predicts its earlier answer (message 4), verbatim.
    const messages = (await (
      await page.request.get(`/v1/chat/completions/${DEMO_IDS.markdown}/messages?limit=10`)
    ).json()) as { data: { content: string }[] };
    const predicted = messages.data[4]!.content;
    expect(predicted.length).toBeLessThan(20_000);
    await page.goto(`/completions/${DEMO_IDS.markdown}`);
    await expect(request(page).getByTestId('request-summary')).toContainText('prediction content');
    await request(page).getByRole('button', { name: 'Request details' }).click();
    const prediction = details(page).getByTestId('request-prediction');
    await expect(prediction).toContainText(
      `${predicted.length.toLocaleString('en-US')} characters`,
    );
    await prediction.getByRole('button', { name: 'Show prediction of the request' }).click();
    const text = prediction.getByLabel('Predicted output', { exact: true });
    // Markdown source, not rendered; text, not highlighted as JSON.
    expect(await text.textContent()).toBe(predicted);
    await expect(text.locator('code')).not.toHaveAttribute('data-highlighted', 'true');
  });

  test('schemas and descriptions are text: HTML in a declared tool runs nothing', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`/completions/${DEMO_IDS.hostile}`);
    await request(page).getByRole('button', { name: 'Request details' }).click();
    const name = HOSTILE_TOOL.function.name;
    const tool = details(page).getByTestId('request-tool').filter({ hasText: name });
    await expect(tool).toContainText(HOSTILE_TOOL.function.description);
    await tool.getByRole('button', { name: `Show parameters of ${name}` }).click();
    await expect(tool.getByLabel(`Parameters of ${name}`, { exact: true })).toContainText(
      `"description": ${JSON.stringify(HOSTILE_TOOL.function.parameters.properties.html.description)}`,
    );
    await request(page).getByRole('button', { name: 'Completion JSON' }).click();
    await expect(request(page).locator('img, script, svg, b, iframe')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  test('holds its height until the reader opens it; highlighting keeps the lines of the plain text', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const header = page.getByTestId('completion-header');
    await expect(header).toBeVisible();
    // Sampled every frame for a second while the page settles (grammars, locale formats).
    const heights = await header.evaluate(
      (element) =>
        new Promise<number[]>((resolve) => {
          const samples: number[] = [];
          const started = performance.now();
          const sample = () => {
            samples.push(element.getBoundingClientRect().height);
            if (performance.now() - started < 1000) requestAnimationFrame(sample);
            else resolve(samples);
          };
          sample();
        }),
    );
    expect(new Set(heights).size).toBe(1);

    await request(page).getByRole('button', { name: 'Request details' }).click();
    const format = details(page).getByTestId('request-response-format');
    await format.getByRole('button', { name: 'Show schema of support_reply' }).click();
    const schema = format.getByLabel('Schema of support_reply', { exact: true });
    await expect(schema.locator('code')).toHaveAttribute('data-highlighted', 'true');
    // The same text, plain, in a copy of the box: the same height, the same scroll width.
    const sizes = await schema.evaluate((pre: HTMLElement) => {
      const plain = pre.cloneNode(true) as HTMLElement;
      plain.querySelector('code')!.textContent = pre.textContent;
      pre.after(plain);
      const measure = (element: HTMLElement) => ({
        height: element.getBoundingClientRect().height,
        scrollHeight: element.scrollHeight,
        scrollWidth: element.scrollWidth,
      });
      const result = { highlighted: measure(pre), plain: measure(plain) };
      plain.remove();
      return result;
    });
    expect(sizes.highlighted).toEqual(sizes.plain);
  });
});

test.describe('the Request section on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('opened with every schema shown, nothing is wider than the screen; long lines scroll in their box', async ({
    page,
  }) => {
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    await request(page).getByRole('button', { name: 'Request details' }).click();
    await details(page).getByRole('button', { name: 'Show schema of support_reply' }).click();
    for (const name of toolNames.slice(0, 3)) {
      await details(page)
        .getByRole('button', { name: `Show parameters of ${name}` })
        .click();
    }
    await request(page).getByRole('button', { name: 'Completion JSON' }).click();
    await expect(request(page).getByLabel('Completion as received', { exact: true })).toBeVisible();
    const widths = await page.evaluate(() => {
      const list = document.querySelector<HTMLElement>('[data-testid="conversation-scroll"]')!;
      const section = document.querySelector<HTMLElement>('[data-testid="request-section"]')!;
      const box = section.getBoundingClientRect();
      // Every element of the section that is not inside a scrolling box stays inside it.
      const outside = [...section.querySelectorAll<HTMLElement>('*')]
        .filter((element) => !element.parentElement?.closest('pre'))
        .filter((element) => element.getBoundingClientRect().right > box.right + 0.5)
        .map((element) => element.tagName);
      return {
        list: [list.scrollWidth, list.clientWidth],
        section: [section.scrollWidth, section.clientWidth],
        right: box.right,
        outside,
      };
    });
    expect(widths.list[0]).toBeLessThanOrEqual(widths.list[1]!);
    expect(widths.section[0]).toBeLessThanOrEqual(widths.section[1]!);
    expect(widths.right).toBeLessThanOrEqual(390);
    expect(widths.outside).toEqual([]);
    // The response format's description line is longer than the phone is wide: it scrolls inside.
    const schema = details(page).getByLabel('Schema of support_reply', { exact: true });
    const box = await schema.evaluate((pre) => [pre.scrollWidth, pre.clientWidth]);
    expect(box[0]).toBeGreaterThan(box[1]!);
    // And the list still scrolls to the answer below the opened header.
    await scroller(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(page.getByRole('heading', { name: /^Answer/ })).toBeVisible();
  });
});

test.describe('tool results that are JSON', () => {
  test('are indented and highlighted; "As stored" shows the one line stored', async ({ page }) => {
    const stored = toolsConversation().drafts[3]!.content!;
    expect(stored).not.toContain('\n');
    await page.goto(`/completions/${DEMO_IDS.tools}`);
    const result = toolMessage(page, 3);
    const json = result.getByTestId('tool-result-json');
    await expect(json.locator('code')).toHaveAttribute('data-highlighted', 'true');
    await expect(json.locator('.hljs-attr').first()).toHaveText('"city"');
    const text = (await json.locator('code').textContent())!;
    expect(text).toBe(JSON.stringify(JSON.parse(stored), null, 2));
    expect(text.split('\n')).toHaveLength(6);

    await result.getByRole('button', { name: 'As stored' }).click();
    await expect(json).toHaveCount(0);
    await expect(result.getByTestId('text-as-stored')).toHaveText(stored);
    await result.getByRole('button', { name: 'As stored' }).click();
    await expect(result.getByTestId('tool-result-json')).toBeVisible();

    // A result that is text (the patch tool's) stays text.
    await scrollToEnd(page);
    const patched = toolMessage(page, 11);
    await expect(patched).toContainText('Done: README.md updated');
    await expect(patched.getByTestId('tool-result-json')).toHaveCount(0);
  });
});

test.describe('a seed past 2^53, from an upstream API through the proxy', () => {
  // The spec's own example of `GET /chat/completions/{id}`, as text: its seed has more digits
  // than a double holds (parsed, it reads 4944116822809980000).
  const id = 'chatcmpl-abc123';
  const seed = '4944116822809979520';
  const completionText = `{"object":"chat.completion","id":"${id}","model":"gpt-4o-2024-08-06","created":1738960610,"request_id":"req_ded8ab984ec4bf840f37566c1011c417","tool_choice":null,"usage":{"total_tokens":31,"completion_tokens":18,"prompt_tokens":13},"seed":${seed},"top_p":1.0,"temperature":1.0,"presence_penalty":0.0,"frequency_penalty":0.0,"system_fingerprint":"fp_50cad350e4","input_user":null,"service_tier":"default","tools":null,"metadata":{},"choices":[{"index":0,"message":{"content":"Mind of circuits hum","role":"assistant","tool_calls":null,"function_call":null},"finish_reason":"stop","logprobs":null}],"response_format":null}`;
  const messagesText = JSON.stringify({
    object: 'list',
    data: [{ id: `${id}-0`, role: 'user', content: 'Write a haiku about AI', name: null }],
    first_id: `${id}-0`,
    last_id: `${id}-0`,
    has_more: false,
  });
  let upstream: Server;
  let viewer: Awaited<ReturnType<typeof startViewerServer>>;

  test.beforeAll(async () => {
    // A stand-in for api.openai.com: the bytes it answers reach the browser unchanged.
    upstream = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://upstream').pathname;
      res.setHeader('Content-Type', 'application/json');
      if (path === `/v1/chat/completions/${id}`) res.end(completionText);
      else if (path === `/v1/chat/completions/${id}/messages`) res.end(messagesText);
      else {
        res.statusCode = 404;
        res.end('{"error":{"message":"Not found","type":"invalid_request_error"}}');
      }
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const { port } = upstream.address() as AddressInfo;
    viewer = await startViewerServer([], {
      OPENAI_API_KEY: 'sk-test-upstream',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
  });

  test.afterAll(async () => {
    await viewer?.stop();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  test('keeps its digits in the summary, the details and the JSON', async ({ page }) => {
    expect(String(JSON.parse(completionText).seed)).not.toBe(seed);
    await page.goto(`${viewer.url}/completions/${id}`);
    await expect(request(page).getByTestId('request-summary')).toContainText(`seed ${seed}`);
    await request(page).getByRole('button', { name: 'Request details' }).click();
    await expect(details(page).locator('dt:text-is("seed") + dd')).toHaveText(seed);
    await request(page).getByRole('button', { name: 'Completion JSON' }).click();
    const raw = request(page).getByLabel('Completion as received', { exact: true });
    await expect(raw).toContainText(`"seed": ${seed},`);
    await expect(raw).toContainText('"request_id": "req_ded8ab984ec4bf840f37566c1011c417"');
  });
});
