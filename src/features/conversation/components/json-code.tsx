import { HeadAndTail } from './head-and-tail.tsx';
import { useState } from 'react';
import type { Json } from '@/api/types.ts';
import { useHighlightedCode } from '../markdown/use-highlighted-code.ts';
import { indentJson } from '../utils/json-text.ts';
import { LONG_TEXT_LIMIT, MARKDOWN_LIMIT } from './message-text.tsx';

/** Text this long shows head and tail until "Show all" (a megabyte would freeze the page). */

/** JSON text indented for reading (every token as written), or the text itself when it does not parse. */
export function prettyJsonText(text: string): { pretty: string; valid: boolean } {
  try {
    JSON.parse(text);
  } catch {
    return { pretty: text, valid: false };
  }
  return { pretty: indentJson(text), valid: true };
}

/** A value indented for reading (`undefined` reads as null). */
export function prettyJsonValue(value: Json | undefined): string {
  return JSON.stringify(value ?? null, null, 2);
}

/**
 * Code shown in a `<pre>`: JSON highlighted once the highlighter and its grammar have loaded
 * (plain until then: the same characters in the same monospace font, so the block keeps its
 * height when the colours arrive); anything over LONG_TEXT_LIMIT shows head and tail with
 * "Show all", and stays plain past MARKDOWN_LIMIT. Nothing is ever parsed as HTML.
 */
export function JsonCode({
  code,
  highlight = true,
  className,
  id,
  hidden,
  label,
  scrolls = false,
}: {
  code: string;
  /** False for text that is not JSON (raw arguments, a custom tool's input). */
  highlight?: boolean;
  className: string;
  id?: string;
  hidden?: boolean;
  label?: string;
  /** The box scrolls (long lines, a height limit): it takes focus so keys can scroll it. */
  scrolls?: boolean;
}) {
  const [showAll, setShowAll] = useState(false);
  const collapsed = code.length > LONG_TEXT_LIMIT && !showAll;
  const highlightable = highlight && !collapsed && code.length <= MARKDOWN_LIMIT;
  const highlighted = useHighlightedCode(highlightable ? code : '', highlightable ? 'json' : null);
  return (
    <pre
      id={id}
      hidden={hidden}
      dir="ltr"
      aria-label={label}
      tabIndex={scrolls ? 0 : undefined}
      className={className}
    >
      {/* A new <code> when highlighting arrives: React builds the token spans off-document and
          inserts them at once. */}
      <code
        key={highlighted != null ? 'highlighted' : 'plain'}
        data-highlighted={highlighted != null ? 'true' : undefined}
      >
        {collapsed ? (
          <HeadAndTail text={code} onShowAll={() => setShowAll(true)} tone="amber" />
        ) : (
          (highlighted ?? code)
        )}
      </code>
    </pre>
  );
}
