/**
 * The markdown pipeline's safety, on static markup: whatever the content, only the elements and
 * attributes this viewer chose come out; every href is http(s) or mailto; raw HTML from the
 * content shows as text.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CodeBlock } from './code-block.tsx';
import { renderMarkdown } from './render-markdown.tsx';
import { loadLanguage } from './use-highlighted-code.ts';

const ALLOWED_TAGS = new Set([
  'a',
  'blockquote',
  'br',
  'button',
  'code',
  'del',
  'div',
  'em',
  'hr',
  'input',
  'li',
  'ol',
  'p',
  'pre',
  'span',
  'strong',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'aria-label',
  // The code block's copy button (constant values, never from the text): its label sizers.
  'aria-hidden',
  'data-sizer',
  'checked',
  'class',
  'data-heading',
  'data-highlighted',
  'data-raw-html',
  'data-testid',
  'dir',
  'disabled',
  'href',
  'readonly',
  'rel',
  'start',
  'target',
  'title',
  'type',
]);

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

const TAG = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s"'/=>]+(?:="[^"]*")?)*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'/=>]+)(?:="([^"]*)")?/g;

const unescapeHtml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&');

/** React's static markup: every "<" opens a tag (text is escaped), attributes are quoted. */
function scan(html: string): { tags: Tag[]; text: string } {
  const tags: Tag[] = [];
  for (const match of html.matchAll(TAG)) {
    if (match[1]) continue;
    const attributes = new Map<string, string>();
    for (const a of (match[3] ?? '').matchAll(ATTRIBUTE)) {
      attributes.set(a[1]!.toLowerCase(), unescapeHtml(a[2] ?? ''));
    }
    tags.push({ name: match[2]!.toLowerCase(), attributes });
  }
  const rest = html.replace(TAG, '');
  // Nothing that looks like markup is left outside the tags we scanned.
  expect(rest).not.toMatch(/[<>]/);
  return { tags, text: unescapeHtml(rest) };
}

function expectSafe(markdown: string) {
  const html = renderToStaticMarkup(<>{renderMarkdown(markdown)}</>);
  const { tags, text } = scan(html);
  for (const tag of tags) {
    expect(ALLOWED_TAGS, `<${tag.name}> in ${html}`).toContain(tag.name);
    for (const [name, value] of tag.attributes) {
      expect(ALLOWED_ATTRIBUTES, `${name}= in ${html}`).toContain(name);
      if (name === 'href') expect(value).toMatch(/^(https?:\/\/|mailto:)/);
    }
    if (tag.name === 'a') {
      expect(tag.attributes.get('target')).toBe('_blank');
      expect(tag.attributes.get('rel')).toBe('noopener noreferrer');
    }
    if (tag.name === 'input') {
      expect(tag.attributes.get('type')).toBe('checkbox');
      expect(tag.attributes.has('disabled')).toBe(true);
    }
  }
  return { html, tags, text, links: tags.filter((t) => t.name === 'a') };
}

// OWASP-style payloads: each would run script, load something or restyle the page if raw HTML
// or an unchecked URL got through.
const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1);">',
  '<img src=x onerror="alert(1)"/> inline after text',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">html link</a>',
  '<a href="https://ok.example" onclick="alert(1)">html link with handler</a>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<p style="position:fixed;inset:0;z-index:9999" onclick="alert(1)">overlay</p>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>x</details>',
  '<body onload=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  "<style>@import 'https://evil.example/x.css'; body{display:none}</style>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<!-- <img src=x onerror=alert(1)> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '"><img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](jav&#x61;script:alert(1))',
  '[x](jav&#97;script:alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[x](javas&#9;cript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x]( javascript:alert(1) )',
  '[x](\u0001javascript:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](/relative/path)',
  '[x](https://ok.example/" onmouseover="alert(1))',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '[x][ref]\n\n[ref]: javascript:alert(1)',
  '[ref]\n\n[ref]: jav&#x61;script:alert(1) "title"',
  '![x](javascript:alert(1))',
  '![pixel](https://evil.example/pixel.png)',
  '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x][img]\n\n[img]: javascript:alert(1)',
  '[<img src=x onerror=alert(1)>](https://ok.example)',
  '[![x](javascript:alert(1))](javascript:alert(2))',
  '`<img src=x onerror=alert(1)>`',
  '```html\n<script>alert(1)</script>\n```',
  '```"><img src=x onerror=alert(1)>\ncode\n```',
  '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
  '- [x] <input onfocus=alert(1) autofocus>\n- [ ] <script>alert(1)</script>',
  '# <script>alert(1)</script>',
  '> <iframe srcdoc="<script>alert(1)</script>">',
  'Footnote[^1]\n\n[^1]: <img src=x onerror=alert(1)> [x](javascript:alert(1))',
  '~~<s onmouseover=alert(1)>x</s>~~ **<b onclick=alert(1)>b</b>**',
  'www.example.com/<script>alert(1)</script>',
  'https://ok.example/?q=<img src=x onerror=alert(1)>',
  'mail: <script>@example.com',
];

describe('renderMarkdown: XSS corpus', () => {
  it.each(XSS_CORPUS)('renders %j safely', (payload) => {
    const { links, text } = expectSafe(payload);
    for (const link of links) expect(link.attributes.get('href')).not.toMatch(/script|data:/i);
    // Raw HTML is shown, not dropped: every tag of the payload is still readable as text.
    for (const tag of payload.match(/<(script|img|svg|iframe|object|embed|style|meta)\b/gi) ?? [])
      expect(text.toLowerCase()).toContain(tag.toLowerCase());
  });

  it('shows raw HTML as its source text, block and inline', () => {
    const { text, tags } = expectSafe(
      '<script>window.__pwned = 1</script>\n\nText with <b onclick="x()">bold</b> inside.',
    );
    expect(text).toContain('<script>window.__pwned = 1</script>');
    expect(text).toContain('Text with <b onclick="x()">bold</b> inside.');
    expect(tags.map((t) => t.name)).not.toContain('b');
  });

  it('leaves bad-scheme links as their source text, and other refused links as text with their URL', () => {
    const { links, text, html } = expectSafe(
      '[click me](javascript:alert(1)) and <javascript:alert(2)> and [ftp](ftp://example.com/f) and [here](/relative)',
    );
    expect(links).toHaveLength(0);
    expect(text).toContain('[click me](javascript:alert(1))');
    expect(text).toContain('<javascript:alert(2)>');
    expect(text).toContain('ftp (ftp://example.com/f)');
    expect(text).toContain('here (/relative)');
    expect(html.match(/data-testid="blocked-link"/g)).toHaveLength(2);
  });

  it('links autolink literals like GitHub: with a scheme or www., not bare domains', () => {
    const { links, text } = expectSafe('example.org and ftp://example.com and www.example.com');
    expect(links.map((l) => l.attributes.get('href'))).toEqual(['http://www.example.com/']);
    expect(text).toContain('example.org and ftp://example.com and');
  });

  it('never loads a markdown image: it becomes a link with its alt text and URL', () => {
    const { tags, links, text } = expectSafe('![a chart](https://example.com/chart.png)');
    expect(tags.some((t) => t.attributes.has('src'))).toBe(false);
    expect(links).toHaveLength(1);
    expect(links[0]!.attributes.get('href')).toBe('https://example.com/chart.png');
    expect(text).toContain('image: a chart');
    expect(text).toContain('https://example.com/chart.png');
  });
});

describe('renderMarkdown: GitHub-flavoured markdown', () => {
  it('renders tables with their alignment', () => {
    const { tags, text } = expectSafe('| a | b |\n|:--|--:|\n| 1 | 2 |');
    const names = tags.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['table', 'thead', 'tbody', 'th', 'td']));
    expect(tags.filter((t) => t.name === 'td')[1]!.attributes.get('class')).toContain('text-right');
    expect(text).toContain('a');
  });

  it('renders task lists as disabled checkboxes, strikethrough, emphasis and inline code', () => {
    const { tags } = expectSafe('- [x] done\n- [ ] ~~todo~~ *em* **strong** `code`');
    const boxes = tags.filter((t) => t.name === 'input');
    expect(boxes).toHaveLength(2);
    expect(boxes[0]!.attributes.has('checked')).toBe(true);
    expect(boxes[1]!.attributes.has('checked')).toBe(false);
    const names = tags.map((t) => t.name);
    for (const name of ['del', 'em', 'strong', 'code']) expect(names).toContain(name);
  });

  it('links autolink literals, angle-bracket autolinks, emails and references', () => {
    const { links } = expectSafe(
      'www.example.com, https://example.org/x, <https://example.net>, hi@example.com and [ref]\n\n[ref]: https://example.com/ref "Ref"',
    );
    expect(links.map((l) => l.attributes.get('href'))).toEqual([
      'http://www.example.com/',
      'https://example.org/x',
      'https://example.net/',
      'mailto:hi@example.com',
      'https://example.com/ref',
    ]);
    expect(links[4]!.attributes.get('title')).toBe('Ref');
  });

  it('renders fenced code with its language label and a copy button, and headings', () => {
    const { html, tags, text } = expectSafe(
      '## Title\n\n```python\nprint("hi")\n```\n\n```\nplain\n```',
    );
    expect(tags.filter((t) => t.attributes.get('data-testid') === 'code-block')).toHaveLength(2);
    expect(text).toContain('python');
    expect(text).toContain('print("hi")');
    expect(html).toContain('aria-label="Copy code"');
    expect(tags.find((t) => t.attributes.get('data-heading') === '2')).toBeDefined();
  });

  it('caches the rendered tree per text', () => {
    const text = '# cached\n\nsame text, same tree';
    expect(renderMarkdown(text)).toBe(renderMarkdown(text));
  });
});

describe('CodeBlock highlighting', () => {
  it('highlights once the grammar has loaded, as React elements with token classes', async () => {
    const code = 'const answer: number = 42; // "<script>"';
    const before = renderToStaticMarkup(<CodeBlock code={code} language="ts" />);
    expect(before).not.toContain('hljs-');
    await loadLanguage('typescript');
    const html = renderToStaticMarkup(<CodeBlock code={code} language="ts" />);
    expect(html).toContain('data-highlighted="true"');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('&lt;script&gt;');
    const { text } = scan(html);
    expect(text).toContain(code);
  });

  it('leaves unknown languages plain, with their label shown as text', () => {
    const html = renderToStaticMarkup(<CodeBlock code="x" language={'"><img src=x>'} />);
    expect(html).not.toContain('data-highlighted');
    expect(scan(html).text).toContain('"><img src=x>');
  });
});
