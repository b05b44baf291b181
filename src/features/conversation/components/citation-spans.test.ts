import { describe, expect, it } from 'vitest';
import {
  RICH_ANSWER,
  RICH_CITED,
  RICH_UNSAFE_URL,
  richConversation,
} from '../../../../server/data/special-rich.ts';
import type { Json } from '@/api/types.ts';
import {
  citationSegments,
  citedText,
  codePointToUtf16,
  linkCitationsInMarkdown,
  protectedRanges,
  readAnnotations,
  resolveCitations,
  type UrlCitation,
} from './citation-spans.ts';

const cite = (start: number | null, end: number | null, url = 'https://example.com/a', n = 1) =>
  ({ number: n, url, title: `Source ${n}`, startIndex: start, endIndex: end }) as UrlCitation;

/** [start, end) in code points of the first `part` in `text`, as the API counts. */
function codePoints(text: string, part: string): [number, number] {
  const at = text.indexOf(part);
  const start = [...text.slice(0, at)].length;
  return [start, start + [...part].length];
}

describe('readAnnotations', () => {
  it('keeps well-formed url citations, numbered in order, and everything else apart', () => {
    const annotations: Json = [
      {
        type: 'url_citation',
        url_citation: { start_index: 0, end_index: 4, url: 'https://a.example', title: 'A' },
      },
      { type: 'file_citation', file_citation: { file_id: 'file_1' } },
      { type: 'url_citation', url_citation: { url: 'https://b.example', start_index: 'x' } },
      { type: 'url_citation' },
      'junk',
    ];
    const { citations, others } = readAnnotations(annotations);
    expect(citations).toEqual([
      { number: 1, url: 'https://a.example', title: 'A', startIndex: 0, endIndex: 4 },
      { number: 2, url: 'https://b.example', title: null, startIndex: null, endIndex: null },
    ]);
    expect(others).toHaveLength(3);
    expect(readAnnotations(undefined)).toEqual({ citations: [], others: [] });
    expect(readAnnotations({ not: 'an array' }).others).toEqual([{ not: 'an array' }]);
  });
});

describe('span indices (Unicode code points, end exclusive)', () => {
  it('maps code points to UTF-16 offsets past astral characters', () => {
    const text = 'a🌍b café 😀x';
    const toUtf16 = codePointToUtf16(text);
    expect(toUtf16(0)).toBe(0);
    expect(toUtf16(1)).toBe(1); // the emoji
    expect(toUtf16(2)).toBe(3); // "b": one code point later, two code units later
    expect(toUtf16([...text].length)).toBe(text.length);
    expect(toUtf16([...text].length + 1)).toBeNull();
    expect(toUtf16(-1)).toBeNull();
  });

  it('finds the cited text after non-ASCII and astral characters', () => {
    const text = 'Le café ☕ vient du turc 🌍 kahve, voir l’étymologie ici.';
    const [start, end] = codePoints(text, 'l’étymologie');
    const [resolved] = resolveCitations(text, [cite(start, end)]);
    expect(citedText(text, resolved!)).toBe('l’étymologie');
    // Read as UTF-16 offsets, the same numbers would be one unit off (the emoji is 2 units).
    expect(text.slice(start, end)).not.toBe('l’étymologie');
  });

  it('never throws on bad indices: out of range, reversed, empty, missing, clamped end', () => {
    const text = 'short text';
    const [outside, reversed, empty, missing, clamped, negative] = resolveCitations(text, [
      cite(50, 60),
      cite(6, 2),
      cite(3, 3),
      cite(null, 4),
      cite(6, 999),
      cite(-2, 3),
    ]);
    expect(outside!.problem).toBe('out-of-range');
    expect(reversed!.problem).toBe('out-of-range');
    expect(empty!.problem).toBe('empty');
    expect(missing!.problem).toBe('no-indices');
    expect(negative!.problem).toBe('out-of-range');
    expect(clamped!.problem).toBeNull();
    expect(citedText(text, clamped!)).toBe('text');
    expect(resolveCitations(null, [cite(0, 2)])[0]!.problem).toBe('no-text');
  });

  it('allows only http(s) and mailto URLs as links', () => {
    const [js, data, ok] = resolveCitations('abc', [
      cite(0, 1, 'javascript:alert(1)'),
      cite(0, 1, 'data:text/html,<script>alert(1)</script>'),
      cite(0, 1, 'https://example.com/x'),
    ]);
    expect(js!.href).toBeNull();
    expect(data!.href).toBeNull();
    expect(ok!.href).toBe('https://example.com/x');
  });
});

describe('citationSegments (plain text)', () => {
  it('splits at span boundaries; overlapping spans link to the first citation', () => {
    const text = 'one two three four';
    const resolved = resolveCitations(text, [
      cite(4, 13, 'https://a.example', 1), // "two three"
      cite(8, 18, 'https://b.example', 2), // "three four"
      cite(0, 3, 'javascript:void(0)', 3), // "one": never a link
    ]);
    const segments = citationSegments(text, resolved).map((s) => [s.text, s.citation?.number]);
    expect(segments).toEqual([
      ['one ', undefined],
      ['two three', 1],
      [' four', 2],
    ]);
    expect(
      citationSegments(text, [])
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });
});

describe('linkCitationsInMarkdown', () => {
  const link = (text: string, parts: string[], urls?: string[]) => {
    const citations = parts.map((part, i) => {
      const [start, end] = codePoints(text, part);
      return cite(start, end, urls?.[i] ?? `https://example.com/${i + 1}`, i + 1);
    });
    return linkCitationsInMarkdown(text, resolveCitations(text, citations));
  };

  it('wraps a plain span in a markdown link with its title', () => {
    const { markdown, outcomes } = link('Le café 🌍 est bon, selon la source.', [
      'selon la source',
    ]);
    expect(markdown).toBe(
      'Le café 🌍 est bon, [selon la source](<https://example.com/1> "Source 1").',
    );
    expect(outcomes.get(1)).toBe('linked');
  });

  it('leaves spans in links, code, or overlapping a linked one; lists why', () => {
    const text =
      'See [the docs](https://x.example) and `code span` here, then a b c d, and ```\nfenced\n```';
    const { markdown, outcomes } = link(text, [
      'the docs',
      'code span',
      'a b c',
      'b c d',
      'fenced',
    ]);
    expect(outcomes.get(1)).toBe('in-link');
    expect(outcomes.get(2)).toBe('in-code');
    expect(outcomes.get(3)).toBe('linked');
    expect(outcomes.get(4)).toBe('overlap');
    expect(outcomes.get(5)).toBe('in-code');
    expect(markdown).toContain('[a b c](<https://example.com/3> "Source 3") d');
    expect(markdown.match(/\]\(</g)).toHaveLength(1);
  });

  it('does not wrap spans whose markup would change, or bare URLs', () => {
    const text = '# Title\n\n**bold** text, www.example.com, ![alt](x.png), *em* x';
    const { outcomes } = link(text, ['# Title', 'bold** text', 'www.example.com', 'alt', '*em*']);
    expect([...outcomes.values()]).toEqual(['markup', 'markup', 'in-link', 'in-link', 'markup']);
  });

  it('never makes an unsafe URL a link, and escapes what could end the link early', () => {
    const text = 'first claim and second claim.';
    const { markdown, outcomes } = link(
      text,
      ['first claim', 'second claim'],
      ['javascript:alert(1)', 'https://example.com/a b>c|d?q=\\e'],
    );
    expect(outcomes.get(1)).toBe('unsafe-url');
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('(<https://example.com/a%20b%3Ec%7Cd?q=%5Ce> "Source 2")');
  });

  it('protected ranges stay linear on pathological input', () => {
    const text = '['.repeat(50_000) + '`'.repeat(3) + 'x'.repeat(10_000);
    const started = performance.now();
    protectedRanges(text);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('the demo conversation DEMO_IDS.rich', () => {
  it('counts its citation indices in code points, as the API does', () => {
    const conversation = richConversation(1_760_000_000, 1_761_955_200);
    const message = conversation.choices[0]!.message;
    const { citations } = readAnnotations(message.annotations as Json);
    const resolved = resolveCitations(RICH_ANSWER, citations);
    const texts = resolved.map((c) => citedText(RICH_ANSWER, c));
    expect(texts).toEqual([
      RICH_CITED.etymology,
      RICH_CITED.listed,
      RICH_CITED.pagination,
      RICH_CITED.markdownLink,
      RICH_CITED.code,
      RICH_CITED.unsafe,
      null,
    ]);
    expect(resolved[5]!.url).toBe(RICH_UNSAFE_URL);
    expect(resolved[5]!.href).toBeNull();
    const { outcomes } = linkCitationsInMarkdown(RICH_ANSWER, resolved);
    expect([...outcomes.values()]).toEqual([
      'linked',
      'linked',
      'overlap',
      'in-link',
      'in-code',
      'unsafe-url',
      'unplaced',
    ]);
  });
});
