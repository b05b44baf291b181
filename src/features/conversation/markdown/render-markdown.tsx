/**
 * Markdown (CommonMark + GitHub's tables, task lists, strikethrough and autolinks) rendered to
 * React elements. Loaded lazily by use-markdown-renderer.ts: never in the initial bundle.
 *
 * Safety by construction: markdown-it (with `html: false`, so raw HTML stays text) gives a
 * token stream, and this file decides every element and attribute that reaches the DOM. No tag
 * name, attribute name, style or class comes from the content; the only URL-valued attribute is
 * a link's href, allowlisted by safeLinkHref; images are never loaded (they become links).
 * Nothing is parsed as HTML.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { createElement, Fragment, type ReactNode } from 'react';
import { describeUrl } from '@/lib/safe-url.ts';
import { CodeBlock } from './code-block.tsx';
import { LruCache } from './lru-cache.ts';
import { safeLinkHref } from './safe-link.ts';

// The default preset: CommonMark plus tables and strikethrough; maxNesting bounds recursion.
const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
// Links in plain text: fuzzy matching finds "www." links; renderInline keeps only those, URLs
// with a scheme and emails (GitHub's autolink literals), not bare domain names.
md.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });

export function parseMarkdown(text: string): Token[] {
  return md.parse(text, {});
}

/** Reads an attribute from a token's list (tokens may be copies without Token's methods). */
function attr(token: Token, name: string): string | null {
  const found = token.attrs?.find(([key]) => key === name);
  return found ? String(found[1]) : null;
}

/** Index of the token that closes the one opened at `open` (tokens are balanced). */
function closeOf(tokens: readonly Token[], open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return end;
}

function plainText(tokens: readonly Token[] | null): string {
  return (tokens ?? [])
    .map((t) =>
      t.type === 'image' ? plainText(t.children) : t.children ? plainText(t.children) : t.content,
    )
    .join('');
}

const linkClass =
  'text-sky-700 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-700';

/** A link when its URL is allowed; otherwise its text, and the refused URL beside it. */
function MarkdownLink({
  url,
  title,
  text,
  children,
}: {
  url: string;
  title: string | null | undefined;
  text: string;
  children: ReactNode;
}) {
  const href = safeLinkHref(url);
  if (href) {
    return (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        title={title ?? undefined}
        className={linkClass}
      >
        {children}
      </a>
    );
  }
  return (
    <span data-testid="blocked-link" title="Not a link: this URL's scheme is not allowed">
      {children}
      {text.trim() !== url.trim() && (
        <span className="text-xs text-slate-500"> ({describeUrl(url, 100)})</span>
      )}
    </span>
  );
}

/** A markdown image is never loaded: it becomes a link to its URL (when the URL is allowed). */
function ImageLink({ url, alt }: { url: string; alt: string | null | undefined }) {
  const href = safeLinkHref(url);
  const label = `image: ${alt?.trim() || '(no description)'}`;
  return (
    <span data-testid="markdown-image">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className={linkClass}>
          {label}
        </a>
      ) : (
        <span>{label}</span>
      )}{' '}
      <span className="text-xs break-all text-slate-500">{describeUrl(url, 100)}</span>
    </span>
  );
}

// --- inline content -------------------------------------------------------------------------

function renderInline(tokens: readonly Token[], start = 0, end = tokens.length): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = start; i < end;) {
    const token = tokens[i]!;
    const key = i;
    if (token.nesting === 1) {
      const close = closeOf(tokens, i, end);
      out.push(renderInlineContainer(token, tokens, i + 1, close, key));
      i = close + 1;
      continue;
    }
    i++;
    switch (token.type) {
      case 'text':
      case 'text_special':
      case 'html_inline': // not produced with html: false; shown as text all the same
        out.push(token.content);
        break;
      case 'softbreak': // a line break as in GitHub comments: chat text is rarely hard-wrapped
      case 'hardbreak':
        out.push(<br key={key} />);
        break;
      case 'code_inline':
        out.push(
          <code
            key={key}
            className="rounded bg-slate-200/70 px-1 py-0.5 font-mono text-[0.85em] whitespace-pre-wrap"
          >
            {token.content}
          </code>,
        );
        break;
      case 'image':
        out.push(
          <ImageLink key={key} url={attr(token, 'src') ?? ''} alt={plainText(token.children)} />,
        );
        break;
      default:
        if (token.content) out.push(token.content);
    }
  }
  return out;
}

/** A container token, the tokens it is in, the range of its content, and a React key. */
type ContainerArgs = [
  open: Token,
  tokens: readonly Token[],
  start: number,
  end: number,
  key: number,
];

/** Links markdown-it found in plain text: like GitHub, only URLs with a scheme, www. or emails. */
const literalAutolink = /^(https?:\/\/|www\.|mailto:|[^\s@/:]+@)/i;

function renderInlineContainer(...[open, tokens, start, end, key]: ContainerArgs): ReactNode {
  const children = renderInline(tokens, start, end);
  switch (open.type) {
    case 'em_open':
      return <em key={key}>{children}</em>;
    case 'strong_open':
      return (
        <strong key={key} className="font-semibold">
          {children}
        </strong>
      );
    case 's_open':
      return <del key={key}>{children}</del>;
    case 'link_open': {
      const url = attr(open, 'href') ?? '';
      const text = plainText(tokens.slice(start, end));
      if (open.markup === 'linkify' && (!literalAutolink.test(text) || !safeLinkHref(url))) {
        return <Fragment key={key}>{children}</Fragment>;
      }
      return (
        <MarkdownLink key={key} url={url} title={attr(open, 'title')} text={text}>
          {children}
        </MarkdownLink>
      );
    }
    default:
      return <Fragment key={key}>{children}</Fragment>;
  }
}

// --- blocks ---------------------------------------------------------------------------------

const headingClass: Record<string, string> = {
  h1: 'mt-5 mb-2 text-xl font-bold',
  h2: 'mt-5 mb-2 text-lg font-semibold',
  h3: 'mt-4 mb-2 text-base font-semibold',
  h4: 'mt-3 mb-1 text-sm font-semibold',
  h5: 'mt-3 mb-1 text-sm font-semibold text-slate-700',
  h6: 'mt-3 mb-1 text-sm font-medium text-slate-600',
};

function alignClass(cell: Token): string {
  const style = attr(cell, 'style') ?? '';
  return style.includes('center')
    ? 'text-center'
    : style.includes('right')
      ? 'text-right'
      : 'text-start';
}

const cellClass = 'border border-slate-300 px-2 py-1 align-top';

/** GitHub's task list marker at the start of an item's first paragraph: "[ ] " or "[x] ". */
const taskMarker = /^\[([ xX])\](?:[ \t]+|$)/;

function taskOf(
  tokens: readonly Token[],
  itemStart: number,
): { checked: boolean; length: number } | null {
  const paragraph = tokens[itemStart];
  const inline = tokens[itemStart + 1];
  if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline') return null;
  const first = inline.children?.[0];
  const match = first?.type === 'text' ? taskMarker.exec(first.content) : null;
  return match ? { checked: match[1] !== ' ', length: match[0].length } : null;
}

function renderListItem(
  tokens: readonly Token[],
  start: number,
  end: number,
  key: number,
): ReactNode {
  const task = taskOf(tokens, start);
  if (!task) {
    return (
      <li key={key} dir="auto" className="my-0.5">
        {renderBlocks(tokens, start, end)}
      </li>
    );
  }
  // The checkbox replaces the marker, inside the first paragraph, on the line of its text.
  const paragraph = tokens[start]!;
  const inline = tokens[start + 1]!;
  const [first, ...rest] = inline.children ?? [];
  const stripped = [{ ...first!, content: first!.content.slice(task.length) } as Token, ...rest];
  const content = [
    <input
      key="task"
      type="checkbox"
      checked={task.checked}
      aria-label={task.checked ? 'Done' : 'Not done'}
      disabled
      readOnly
      className="me-1.5 align-middle"
    />,
    ...renderInline(stripped),
  ];
  return (
    <li key={key} dir="auto" className="my-0.5 list-none">
      {paragraph.hidden ? (
        content
      ) : (
        <p dir="auto" className="my-2">
          {content}
        </p>
      )}
      {renderBlocks(tokens, start + 3, end)}
    </li>
  );
}

function hasTaskItems(tokens: readonly Token[], open: Token, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const token = tokens[i]!;
    if (token.type === 'list_item_open' && token.level === open.level + 1 && taskOf(tokens, i + 1))
      return true;
  }
  return false;
}

/** The element a container block becomes, and its attributes (its children are its blocks). */
function containerOf(open: Token, hasTasks: () => boolean): [string, Record<string, unknown>] {
  switch (open.type) {
    case 'heading_open':
      // Not an <h*>: the page's outline (and its "Answer" heading) belongs to the viewer.
      return [
        'p',
        { dir: 'auto', className: headingClass[open.tag], 'data-heading': open.tag.slice(1) },
      ];
    case 'blockquote_open':
      return [
        'blockquote',
        { dir: 'auto', className: 'my-2 border-s-4 border-slate-300 ps-3 text-slate-700' },
      ];
    case 'bullet_list_open':
      return [
        'ul',
        {
          className: hasTasks() ? 'my-2 ps-1' : 'my-2 list-disc ps-6',
        },
      ];
    default: {
      const first = Number(attr(open, 'start') ?? 1);
      return [
        'ol',
        {
          start: Number.isSafeInteger(first) && first !== 1 ? first : undefined,
          className: 'my-2 list-decimal ps-6',
        },
      ];
    }
  }
}

function renderContainer(...[open, tokens, start, end, key]: ContainerArgs): ReactNode {
  switch (open.type) {
    case 'paragraph_open': {
      // Hidden: a paragraph of a tight list item, shown as its inline content.
      const children = renderBlocks(tokens, start, end);
      return open.hidden ? (
        <Fragment key={key}>{children}</Fragment>
      ) : (
        <p key={key} dir="auto" className="my-2">
          {children}
        </p>
      );
    }
    case 'heading_open':
    case 'blockquote_open':
    case 'bullet_list_open':
    case 'ordered_list_open': {
      const [tag, props] = containerOf(open, () => hasTaskItems(tokens, open, start, end));
      return createElement(tag, { key, ...props }, renderBlocks(tokens, start, end));
    }
    case 'list_item_open':
      return renderListItem(tokens, start, end, key);
    case 'table_open':
      return (
        <div key={key} className="my-3 overflow-x-auto [contain:inline-size]">
          <table className="border-collapse text-sm">{renderBlocks(tokens, start, end)}</table>
        </div>
      );
    case 'thead_open':
      return <thead key={key}>{renderBlocks(tokens, start, end)}</thead>;
    case 'tbody_open':
      return <tbody key={key}>{renderBlocks(tokens, start, end)}</tbody>;
    case 'tr_open':
      return <tr key={key}>{renderBlocks(tokens, start, end)}</tr>;
    case 'th_open':
      return (
        <th
          key={key}
          dir="auto"
          className={`${cellClass} bg-slate-100 font-semibold ${alignClass(open)}`}
        >
          {renderBlocks(tokens, start, end)}
        </th>
      );
    case 'td_open':
      return (
        <td key={key} dir="auto" className={`${cellClass} ${alignClass(open)}`}>
          {renderBlocks(tokens, start, end)}
        </td>
      );
    default:
      return <Fragment key={key}>{renderBlocks(tokens, start, end)}</Fragment>;
  }
}

function renderLeaf(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'inline':
      return <Fragment key={key}>{renderInline(token.children ?? [])}</Fragment>;
    case 'fence':
    case 'code_block': {
      const { code, language } = fenceOf(token);
      return <CodeBlock key={key} code={code} language={language} />;
    }
    case 'hr':
      return <hr key={key} className="my-4 border-slate-300" />;
    case 'html_block': // not produced with html: false; shown as its source text all the same
      return (
        <p key={key} dir="auto" className="my-2 whitespace-pre-wrap" data-raw-html="">
          {token.content}
        </p>
      );
    default:
      return token.content ? <Fragment key={key}>{token.content}</Fragment> : null;
  }
}

function renderBlocks(tokens: readonly Token[], start: number, end: number): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = start; i < end;) {
    const token = tokens[i]!;
    if (token.nesting === 1) {
      const close = closeOf(tokens, i, end);
      out.push(renderContainer(token, tokens, i + 1, close, i));
      i = close + 1;
    } else {
      if (token.nesting === 0) out.push(renderLeaf(token, i));
      i++;
    }
  }
  return out;
}

const rootClass = 'break-words [contain:inline-size] [&>:first-child]:mt-0 [&>:last-child]:mb-0';

export function renderTokens(tokens: readonly Token[]): ReactNode {
  return (
    <div className={rootClass} data-testid="markdown">
      {renderBlocks(tokens, 0, tokens.length)}
    </div>
  );
}

/** A fenced or indented code block of a text, as its CodeBlock gets it. */
export interface CodeFence {
  code: string;
  language: string | null;
}

interface Rendered {
  node: ReactNode;
  fences: readonly CodeFence[];
}

// Rows of the virtualized list remount as they scroll: parse each text once, keep the result.
const cache = new LruCache<string, Rendered>(500, 4_000_000);

function rendered(text: string): Rendered {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const tokens = parseMarkdown(text);
  const fences: CodeFence[] = [];
  for (const token of tokens) {
    if (token.type === 'fence' || token.type === 'code_block') fences.push(fenceOf(token));
  }
  const out = { node: renderTokens(tokens), fences };
  cache.set(text, out, text.length);
  return out;
}

function fenceOf(token: Token): CodeFence {
  const language = token.type === 'fence' ? token.info.trim().split(/\s+/)[0] || null : null;
  return { code: token.content.replace(/\n$/, ''), language };
}

/** A message text as rendered markdown (cached per text). */
export function renderMarkdown(text: string): ReactNode {
  return rendered(text).node;
}

/**
 * Renders a text into the cache before a row needs it (at idle, for rows about to scroll in),
 * and returns its code blocks so their highlighting can be done ahead too.
 */
export function renderMarkdownAhead(text: string): readonly CodeFence[] {
  return rendered(text).fences;
}

/**
 * Samples that take every path of the parser (links found in plain text, emails, tables, lists,
 * code): V8 compiles linkify's large regular expressions on their first use. Parsed one per idle
 * callback (warmUpMarkdown), so the one-time cost never lands in a message render, and no single
 * step is a long task.
 */
export const WARM_UP_SAMPLES: readonly string[] = [
  'Warm *up* **now** `code` ~~gone~~',
  'see www.example.com',
  'and https://example.com/a?b=c',
  'mail x@example.com',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- item\n\n```js\nlet a = 1;\n```\n',
];

/** Parses one warm-up sample (see WARM_UP_SAMPLES). */
export function warmUpMarkdown(step: number): void {
  const sample = WARM_UP_SAMPLES[step];
  if (sample !== undefined) parseMarkdown(sample);
}
