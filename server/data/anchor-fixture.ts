/**
 * A conversation built to move a reader's position if anything lets it: every message above a
 * deep-linked one is markdown that renders taller than its plain text (40-item lists, tables,
 * code blocks that get highlighted, headings and quotes), and image parts point at a server whose
 * images arrive late, so their size is unknown when the row first appears. Used by the anchor
 * e2e test (e2e/reading-position.spec.ts) and the bench's drift scenario, written as a `--data`
 * file (one JSON line), with images served from `imageOrigin`.
 */
export const ANCHOR_FIXTURE_ID = 'chatcmpl-AnchorDrift0000000000000000000';
/** Input messages of the fixture (five pages of 100). */
export const ANCHOR_FIXTURE_MESSAGES = 500;
/** The message the tests link to: pages of 100 load above it as the reader scrolls up. */
export const ANCHOR_FIXTURE_TARGET = 450;

function bullets(index: number): string {
  const lines = [`Checklist for step ${index}:`, ''];
  for (let k = 1; k <= 40; k++) lines.push(`- bullet ${k} of message ${index}`);
  return lines.join('\n');
}

function table(index: number): string {
  const rows = ['| # | name | value | note |', '|---|---|---|---|'];
  for (let k = 1; k <= 12; k++) {
    rows.push(`| ${k} | item-${index}-${k} | ${(k * 17.5).toFixed(1)} | **bold** and \`code\` |`);
  }
  return `Results for ${index}:\n\n${rows.join('\n')}\n\nThat is all for this table.`;
}

function code(index: number): string {
  const body: string[] = [];
  for (let k = 0; k < 30; k++) {
    body.push(`  const value${k} = compute(${index}, ${k}); // step ${k}`);
  }
  return [
    `Here is the function for ${index}:`,
    '',
    '```ts',
    `export function step${index}(input: number): number {`,
    ...body,
    '  return input;',
    '}',
    '```',
  ].join('\n');
}

function prose(index: number): string {
  return [
    `## Section ${index}`,
    '',
    '1. first point, with *emphasis*',
    '2. second point, with a [link](https://example.com/docs)',
    '3. third point',
    '',
    '> A quoted line that wraps onto a second line when the window is narrow enough to need it.',
    '',
    `Paragraph ${index}: ${'lorem ipsum dolor sit amet '.repeat(12)}`,
  ].join('\n');
}

/** One stored completion as a `--data` line (message ids are added by the loader). */
export function anchorFixtureCompletion(imageOrigin: string): Record<string, unknown> {
  const messages: Record<string, unknown>[] = [];
  for (let i = 0; i < ANCHOR_FIXTURE_MESSAGES; i++) {
    const base = { refusal: null, name: null, content_parts: null };
    const kind = i === ANCHOR_FIXTURE_TARGET - 1 ? 0 : i % 5;
    if (kind === 3) {
      const textPart = { type: 'text', text: `Image ${i}: what is in it?` };
      const imagePart = {
        type: 'image_url',
        image_url: {
          url: `${imageOrigin}/img/${i}.png?w=${200 + (i % 7) * 90}&h=${120 + (i % 5) * 70}`,
          detail: ['low', 'high', 'auto'][i % 3],
        },
      };
      messages.push({
        ...base,
        role: 'user',
        content: textPart.text,
        content_parts: [textPart, imagePart],
      });
      continue;
    }
    const role = kind === 0 ? 'user' : 'assistant';
    const content = [bullets, table, code, null, prose][kind]!(i);
    messages.push({ ...base, role, content });
  }
  return {
    id: ANCHOR_FIXTURE_ID,
    object: 'chat.completion',
    created: 1_764_547_200,
    model: 'gpt-4o-2024-08-06',
    metadata: { fixture: 'anchor-drift' },
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        logprobs: null,
        message: { role: 'assistant', content: bullets(ANCHOR_FIXTURE_MESSAGES), refusal: null },
      },
    ],
    usage: { prompt_tokens: 90_000, completion_tokens: 400, total_tokens: 90_400 },
    messages,
  };
}
