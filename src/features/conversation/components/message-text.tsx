import { HeadAndTail } from './head-and-tail.tsx';
import { Fragment, useMemo, useState } from 'react';
import { useMarkdownRenderer } from '../markdown/use-markdown-renderer.ts';
import {
  citationSegments,
  linkCitationsInMarkdown,
  type ResolvedCitation,
} from './citation-spans.ts';
import { CitationLink } from './citations.tsx';

/** Beyond this, a text shows its head and tail with a "show all": the page stays responsive. */
export const LONG_TEXT_LIMIT = 20_000;
/** A text longer than this stays plain even after "Show all": megabytes never reach the parser. */
export const MARKDOWN_LIMIT = 250_000;

const plainClass = 'whitespace-pre-wrap break-words [overflow-wrap:anywhere]';

const noCitations: readonly ResolvedCitation[] = [];

/**
 * A message text: rendered as markdown (a lazy chunk; plain text until it has loaded), or
 * `asStored`, exactly as stored (plain, escaped by React, whitespace and line breaks kept).
 * Texts over LONG_TEXT_LIMIT show head and tail as stored, with "Show all".
 *
 * `citations` (url_citation annotations resolved against this text) make their spans links to
 * their sources: in plain text by splitting it at the spans; in markdown by wrapping a span in
 * a markdown link before rendering, only where that is safe (see linkCitationsInMarkdown; the
 * others are still listed under the message's Sources).
 */
export function MessageText({
  text,
  asStored = false,
  citations = noCitations,
}: {
  text: string;
  asStored?: boolean;
  citations?: readonly ResolvedCitation[];
}) {
  const [showAll, setShowAll] = useState(false);
  const long = text.length > LONG_TEXT_LIMIT;
  const collapsed = long && !showAll;
  const wantsMarkdown = !asStored && !collapsed && text.length <= MARKDOWN_LIMIT;
  const renderMarkdown = useMarkdownRenderer(wantsMarkdown);
  const markdown = useMemo(
    () => (citations.length > 0 ? linkCitationsInMarkdown(text, citations).markdown : text),
    [text, citations],
  );
  if (wantsMarkdown && renderMarkdown) return renderMarkdown(markdown);
  if (!collapsed) {
    return (
      <div className={plainClass} dir="auto" data-testid="text-as-stored">
        {citations.length > 0
          ? citationSegments(text, citations).map((segment, i) =>
              segment.citation ? (
                <CitationLink key={i} citation={segment.citation}>
                  {segment.text}
                </CitationLink>
              ) : (
                <Fragment key={i}>{segment.text}</Fragment>
              ),
            )
          : text}
      </div>
    );
  }
  return (
    <div className={plainClass} dir="auto" data-testid="text-as-stored">
      <HeadAndTail text={text} onShowAll={() => setShowAll(true)} tone="slate" />
    </div>
  );
}
