import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadMarkdown } from '../markdown/use-markdown-renderer.ts';
import { resolveCitations } from './citation-spans.ts';
import { LONG_TEXT_LIMIT, MessageText } from './message-text.tsx';

const render = (text: string, asStored = false) =>
  renderToStaticMarkup(<MessageText text={text} asStored={asStored} />);

describe('MessageText', () => {
  it('shows the plain text until the markdown renderer has loaded, then markdown', async () => {
    const text = '| a |\n|---|\n| <b>1</b> |';
    const before = render(text);
    expect(before).toContain('data-testid="text-as-stored"');
    expect(before).toContain('| a |');
    await preloadMarkdown();
    const after = render(text);
    expect(after).toContain('data-testid="markdown"');
    expect(after).toContain('<table');
    expect(after).toContain('&lt;b&gt;1&lt;/b&gt;');
  });

  it('shows the text exactly as stored when asked', async () => {
    await preloadMarkdown();
    const html = render('# Title\n\n**bold**', true);
    expect(html).not.toContain('data-testid="markdown"');
    expect(html).toContain('# Title\n\n**bold**');
  });

  it('keeps head and tail as stored for long texts, never parsing them', async () => {
    await preloadMarkdown();
    const text = `# Head\n\n${'x'.repeat(LONG_TEXT_LIMIT)}\n\n**tail**`;
    const html = render(text);
    expect(html).not.toContain('data-testid="markdown"');
    expect(html).toContain('# Head');
    expect(html).toContain('**tail**');
    expect(html).toContain('Show all');
  });
});

describe('MessageText with url citations', () => {
  const text =
    'Le café 🌍 est né en Éthiopie, selon la source. Voir `la doc` et [ici](https://x.example).';
  const span = (part: string): [number, number] => {
    const at = text.indexOf(part);
    const start = [...text.slice(0, at)].length;
    return [start, start + [...part].length];
  };
  const citations = resolveCitations(
    text,
    [
      ['selon la source', 'https://example.com/source', 'La "source" & co'],
      ['né en Éthiopie', 'javascript:alert(1)', 'Evil'],
      ['la doc', 'https://example.com/doc', 'Doc'],
    ].map(([part, url, title], i) => {
      const [startIndex, endIndex] = span(part!);
      return { number: i + 1, url: url!, title: title!, startIndex, endIndex };
    }),
  );

  it('links the cited span in markdown, with the title; never an unsafe URL or inside code', async () => {
    await preloadMarkdown();
    const html = renderToStaticMarkup(<MessageText text={text} citations={citations} />);
    expect(html).toContain(
      '<a href="https://example.com/source" target="_blank" rel="noopener noreferrer" title="La &quot;source&quot; &amp; co"',
    );
    expect(html).toMatch(/>selon la source<\/a>/);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<code');
    expect(html).not.toContain('https://example.com/doc');
    expect(html).toContain('href="https://x.example/"');
  });

  it('links the cited span in the text as stored, which stays exactly as stored', () => {
    const html = renderToStaticMarkup(<MessageText text={text} asStored citations={citations} />);
    expect(html).toMatch(
      /<a href="https:\/\/example.com\/source" target="_blank" rel="noopener noreferrer" title="La &quot;source&quot; &amp; co"[^>]*>selon la source<\/a>/,
    );
    expect(html).toContain('href="https://example.com/doc"');
    expect(html).not.toContain('javascript:');
    expect(html.replace(/<[^>]+>/g, '')).toBe(renderToStaticMarkup(<>{text}</>));
  });
});
