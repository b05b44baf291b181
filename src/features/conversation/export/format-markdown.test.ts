import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from '../../../../server/data/demo.ts';
import { DEMO_IDS } from '../../../../server/data/demo-ids.ts';
import { RICH_TRANSCRIPTS, RICH_UNSAFE_URL } from '../../../../server/data/special-rich.ts';
import { parseCompletion, parseMessage } from '@/api/parse.ts';
import type { Json, MessageItem, StoredCompletion } from '@/api/types.ts';
import { formatMarkdownExport, textHazard } from './format-markdown.ts';
import { escapeInline, fenced, inlineCode, longestRun } from './markdown-syntax.ts';

const dataset = generateDemoDataset({ origin: 'http://127.0.0.1:4173' });

function completionOf(body: Record<string, unknown>): StoredCompletion {
  const parsed = parseCompletion(body);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

function demo(id: string): { completion: StoredCompletion; items: MessageItem[] } {
  const stored = dataset.find((s) => s.completion.id === id)!;
  const items = Array.from({ length: stored.messages.count }, (_, i) =>
    parseMessage(JSON.parse(JSON.stringify(stored.messages.at(i))) as Json, i),
  );
  return { completion: completionOf(JSON.parse(JSON.stringify(stored.completion))), items };
}

// The most permissive reading: raw HTML on, every link scheme accepted.
const reader = new MarkdownIt('default', { html: true });
reader.validateLink = () => true;

function allTokens(tokens: readonly Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...(t.children ? allTokens(t.children) : [])]);
}

/** The export as a permissive renderer reads it: its h3 headings, links, and any raw HTML. */
function read(markdown: string) {
  const tokens = reader.parse(markdown, {});
  const headings = tokens.flatMap((t, i) =>
    t.type === 'heading_open' && t.tag === 'h3' ? [tokens[i + 1]!.content] : [],
  );
  const all = allTokens(tokens);
  return {
    headings,
    hrefs: all.filter((t) => t.type === 'link_open').map((t) => String(t.attrGet('href'))),
    images: all.filter((t) => t.type === 'image').map((t) => String(t.attrGet('src'))),
    html: all.filter((t) => t.type === 'html_block' || t.type === 'html_inline'),
    fences: tokens.filter((t) => t.type === 'fence'),
  };
}

describe('markdown building blocks', () => {
  it('fences code with a fence longer than any backtick run inside', () => {
    const text = 'a ``` b\n````\nc';
    expect(longestRun(text, '`')).toBe(4);
    const block = fenced(text, 'json');
    expect(block.startsWith('`````json\n')).toBe(true);
    const [fence] = read(block).fences;
    expect(fence!.content).toBe(`${text}\n`);
    expect(read(inlineCode('a `` b')).hrefs).toEqual([]);
    expect(inlineCode('a `` b')).toBe('```a `` b```');
    expect(inlineCode('`x`')).toBe('`` `x` ``');
    expect(escapeInline('*not* [a](b) <i>')).toBe('\\*not\\* \\[a\\]\\(b\\) \\<i\\>');
  });

  it('lets ordinary markdown through and flags what could run, follow or leak', () => {
    expect(
      textHazard('**bold**, `code`, [link](https://example.com), ![i](https://x.y/i.png)'),
    ).toBeNull();
    expect(textHazard('```js\nconsole.log(1)\n```')).toBeNull();
    expect(textHazard('```js\nno closing fence')).toMatch(/not closed/);
    expect(textHazard('<img src=x onerror=alert(1)>')).toMatch(/raw HTML/);
    expect(textHazard('a <b>bold</b> word')).toMatch(/raw HTML/);
    expect(textHazard('[x](javascript:alert(1))')).toMatch(/link/);
    expect(textHazard('[x](&#106;avascript:alert(1))')).toMatch(/link/);
    expect(textHazard('<javascript:alert(1)>')).toMatch(/link/);
    expect(textHazard('[x]\n\n[x]: javascript:alert(1)')).toMatch(/link/);
    expect(textHazard('![x](javascript:alert(1))')).toMatch(/image/);
    expect(textHazard('![x](data:image/png;base64,AAAA)')).toBeNull();
  });
});

describe('formatMarkdownExport', () => {
  it('has every message (role, #label, id), tool calls with JSON arguments, results, and the answer', () => {
    const { completion, items } = demo(DEMO_IDS.tools);
    const markdown = formatMarkdownExport(completion, items, { images: 'links' });
    const { headings, html } = read(markdown);
    expect(html).toEqual([]);
    expect(headings).toHaveLength(items.length + completion.choices.length);
    items.forEach((item, i) => {
      const id = item.ok ? item.message.id! : '';
      // One numbering: "#N" is the index the message id ends with.
      expect(id).toBe(`${DEMO_IDS.tools}-${i}`);
      expect(headings[i]).toMatch(new RegExp(`^#${i} · ${item.ok ? item.message.role : ''} · `));
      expect(headings[i]).toMatch(new RegExp(` · \`${id}\`$`));
    });
    expect(headings.at(-1)).toBe('Choice 0 · assistant · finish_reason: `tool_calls`');
    expect(markdown).toContain('# Stored completion `' + DEMO_IDS.tools + '`');
    expect(markdown).toContain(
      `## Messages\n\n*Numbered from 0, as in their ids (\`${DEMO_IDS.tools}-0\`, …); parts too.*\n\n### #0 · `,
    );
    expect(markdown).toContain('- **Model:** gpt\\-4\\.1');
    expect(markdown).toContain(
      '**Tool call** `get_weather` · `call_Wx7pQ2mK9sLd3vB8nR4tY1aZ`\n\n```json\n{\n  "city": "Paris",\n  "unit": "celsius"\n}\n```',
    );
    expect(markdown).toContain('*Arguments (not valid JSON, as sent):*');
    expect(markdown).toContain(
      '**Tool result** for `call_Wx7pQ2mK9sLd3vB8nR4tY1aZ` (`get_weather`)\n\n```json\n{"city":"Paris"',
    );
    expect(markdown).toContain('name: alice');
  });

  it('writes images as links, or data URLs embedded, by choice; unsafe URLs never as links', () => {
    const { completion, items } = demo(DEMO_IDS.images);
    const linked = read(formatMarkdownExport(completion, items, { images: 'links' }));
    const embedded = read(formatMarkdownExport(completion, items, { images: 'embed' }));
    expect(linked.images).toEqual([]);
    expect(
      linked.hrefs.some((h) => h.startsWith('http://127.0.0.1:4173/demo-assets/images/')),
    ).toBe(true);
    expect(embedded.images.length).toBeGreaterThan(0);
    expect(embedded.images.every((src) => src.startsWith('data:image/'))).toBe(true);
    // Remote images stay links either way.
    expect(embedded.hrefs.filter((h) => h.startsWith('http'))).toEqual(
      linked.hrefs.filter((h) => h.startsWith('http')),
    );

    const hostile = [
      parseMessage(
        {
          id: 'c-0',
          role: 'user',
          content: null,
          content_parts: [
            { type: 'image_url', image_url: { url: 'javascript:alert(1)', detail: 'low' } },
            { type: 'image_url', image_url: { url: 'data:image/svg+xml;base64,PHN2Zz4=' } },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
          ],
        },
        0,
      ),
    ];
    const markdown = formatMarkdownExport(
      completionOf({ id: 'c', created: 1, model: 'm' }),
      hostile,
      {
        images: 'embed',
      },
    );
    const out = read(markdown);
    expect(out.hrefs).toEqual([]);
    expect(out.images).toEqual([]);
    expect(markdown).toContain(
      '*Image part 0 \\(detail\\: low\\): not a link (the javascript\\: scheme is not allowed):* `javascript:alert(1)`',
    );
    expect(markdown).toContain(
      '**Part 2 of type** `input_audio`\n\n```json\n{\n  "type": "input_audio"',
    );
  });

  it('keeps hostile texts from running or leaking into the next message', () => {
    const texts = [
      '```python\nprint("a fence that never closes")',
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
      'click [me](javascript:alert(3)) and ````` five backticks',
      '<div>\n\nan HTML block',
      '    indented code at the end',
      '> a quote\n> - with a list',
    ];
    const items = texts.map((content, i) =>
      parseMessage({ id: `c-${i}`, role: 'user', content }, i),
    );
    const markdown = formatMarkdownExport(
      completionOf({
        id: 'c',
        created: 1,
        model: 'm',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'fine' }, finish_reason: 'length' },
        ],
      }),
      items,
      { images: 'links' },
    );
    const out = read(markdown);
    expect(out.html).toEqual([]);
    expect(out.hrefs).toEqual([]);
    // Every message keeps its own heading: nothing swallowed what follows.
    expect(out.headings).toEqual([
      '#0 · user · `c-0`',
      '#1 · user · `c-1`',
      '#2 · user · `c-2`',
      '#3 · user · `c-3`',
      '#4 · user · `c-4`',
      '#5 · user · `c-5`',
      'Choice 0 · assistant · finish_reason: `length`',
    ]);
    // The hostile ones are kept verbatim, as text.
    for (const text of texts.slice(0, 4)) {
      expect(out.fences.some((f) => f.content === `${text}\n`)).toBe(true);
    }
    expect(markdown).toContain('*Shown as text: it holds raw HTML.*');
  });

  it('writes refusal, audio transcript, sources (unsafe URL as text), other fields and broken items', () => {
    const { completion, items } = demo(DEMO_IDS.rich);
    const markdown = formatMarkdownExport(completion, items, { images: 'links' });
    const out = read(markdown);
    expect(out.hrefs).not.toContain(RICH_UNSAFE_URL);
    expect(out.hrefs).toContain('https://en.wikipedia.org/wiki/Caf%C3%A9');
    expect(markdown).toContain(RICH_TRANSCRIPTS.expired);
    expect(markdown).toContain(RICH_TRANSCRIPTS.future);
    expect(markdown).toMatch(/\*\*Audio\*\* `audio_6f1c0d9e2b8a4c7f9e3d5a1b` · expires_at 20\d\d-/);
    expect(markdown).toContain('not included here (the JSON export keeps it)');
    expect(markdown).toContain(
      '**Sources**\n\n1. [Café – Wikipedia](<https://en.wikipedia.org/wiki/Caf%C3%A9>) — cites “as the etymology shows”',
    );
    expect(markdown).toContain(
      '6. Totally legit source `javascript:alert(document.domain)` (not a link: its scheme is not allowed)',
    );
    expect(markdown).toContain(
      '7. [A source whose position is out of range](<https://example.com/moved>) — its position lies outside the text',
    );
    expect(markdown).toContain('**Other fields**\n\n```json\n{\n  "x_moderation": {');

    const odd = formatMarkdownExport(
      completionOf({
        id: 'c',
        created: 1,
        model: 'm',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: 'I can’t help with that.' },
            finish_reason: 'stop',
          },
        ],
      }),
      [parseMessage({ content: 'no role' }, 0)],
      { images: 'links' },
    );
    expect(odd).toContain('### #0 · could not be read');
    expect(odd).toContain(
      '*Could not be read: the message has no `role`. As received:*'.replace(
        '`role`',
        '\\`role\\`',
      ),
    );
    expect(odd).toContain('**Refusal**\n\nI can’t help with that.');
  });
});
