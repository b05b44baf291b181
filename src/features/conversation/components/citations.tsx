import { MessageSection } from './message-section.tsx';
import { describeUrl } from '@/lib/safe-url.ts';
import { citedText, type ResolvedCitation } from './citation-spans.ts';

function host(href: string): string {
  try {
    return new URL(href).host || href;
  } catch {
    return href;
  }
}

const linkClass =
  'text-sky-700 underline decoration-sky-300 underline-offset-2 hover:decoration-sky-700';

/** A link to a citation's source (only ever built from an allowed href). */
export function CitationLink({
  citation,
  children,
}: {
  citation: ResolvedCitation;
  children: React.ReactNode;
}) {
  if (!citation.href) return <>{children}</>;
  return (
    <a
      href={citation.href}
      target="_blank"
      rel="noopener noreferrer"
      title={citation.title ?? citation.url}
      className={linkClass}
      data-citation={citation.number}
    >
      {children}
    </a>
  );
}

/**
 * The numbered "Sources" of a message's url citations, in annotation order: title (a link when
 * the URL is allowed), host, and the cited text. A refused URL is shown as text, never a link.
 */
export function CitationSources({
  text,
  citations,
  label,
}: {
  text: string | null;
  citations: readonly ResolvedCitation[];
  label: string;
}) {
  return (
    <MessageSection kind="sources" messageLabel={label}>
      <ol className="flex list-decimal flex-col gap-1 ps-6">
        {citations.map((citation) => {
          const cited = citedText(text, citation);
          return (
            <li
              key={citation.number}
              value={citation.number}
              data-testid="citation-source"
              className="[overflow-wrap:anywhere]"
            >
              {citation.href ? (
                <a
                  href={citation.href}
                  target="_blank"
                  rel="noopener noreferrer"
                  title={citation.url}
                  className={linkClass}
                >
                  {citation.title ?? citation.url}
                </a>
              ) : (
                <span data-testid="blocked-citation" title="Not a link: this URL is not allowed">
                  {citation.title ?? '(no title)'}{' '}
                  <span className="font-mono text-xs text-slate-500">
                    {describeUrl(citation.url, 100)}
                  </span>{' '}
                  <span className="text-xs text-rose-700">(not a link: URL not allowed)</span>
                </span>
              )}
              {citation.href && (
                <span className="ms-1 text-xs text-slate-500">{host(citation.href)}</span>
              )}
              {cited != null ? (
                <span className="block text-xs text-slate-600" dir="auto">
                  cites “{cited.length > 200 ? `${cited.slice(0, 200)}…` : cited}”
                </span>
              ) : citation.problem === 'out-of-range' ? (
                <span className="block text-xs text-amber-800">
                  Its position ({citation.startIndex}–{citation.endIndex}) lies outside the text.
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </MessageSection>
  );
}
