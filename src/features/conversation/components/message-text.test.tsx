import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadMarkdown } from '../markdown/use-markdown-renderer.ts';
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
