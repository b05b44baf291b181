/** How each labelled part of a message card looks. */
const SECTIONS = {
  audio: {
    caption: 'Audio',
    className: 'rounded-md border border-emerald-200 bg-white/70 p-3',
    captionClassName: 'mb-2 text-emerald-800',
    testId: 'assistant-audio',
  },
  sources: {
    caption: 'Sources',
    className: 'border-t border-slate-200 pt-2 text-sm',
    captionClassName: 'mb-1 text-slate-600',
    testId: 'citation-sources',
  },
} as const;

/** A labelled part of a message card (its audio, its sources): a small caption, then content. */
export function MessageSection({
  kind,
  messageLabel,
  children,
}: {
  kind: keyof typeof SECTIONS;
  /** The message's label ("#3"): a screen reader hears "Audio of message #3". */
  messageLabel: string;
  children: React.ReactNode;
}) {
  const section = SECTIONS[kind];
  return (
    <section
      aria-label={`${section.caption} of message ${messageLabel}`}
      className={section.className}
      data-testid={section.testId}
    >
      <p className={`text-xs font-semibold tracking-wide uppercase ${section.captionClassName}`}>
        {section.caption}
      </p>
      {children}
    </section>
  );
}
