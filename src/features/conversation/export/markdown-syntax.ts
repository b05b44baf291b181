/**
 * Markdown building blocks that stay what they are whatever the content: code fences longer
 * than any backtick run inside, inline code with enough backticks, escaped inline text.
 */

/** Length of the longest run of `char` in `text`. */
export function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === char) {
      current++;
      if (current > longest) longest = current;
    } else current = 0;
  }
  return longest;
}

/** A fenced code block holding `text` verbatim: its fence can't be closed from inside. */
export function fenced(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${info}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

/** Inline code holding `text` (line breaks become spaces, as they would in inline code). */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** Plain text as inline markdown: every ASCII punctuation escaped, line breaks as spaces. */
export function escapeInline(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** A link destination that can't end early: `<…>` with the characters it can't hold encoded. */
export function linkDestination(url: string): string {
  return `<${url.replace(/[<>\s\\|]/g, (c) => encodeURIComponent(c))}>`;
}
