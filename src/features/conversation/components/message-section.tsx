/** A labelled part of a message card (its audio, its sources): a small caption, then content. */
export function MessageSection({
  label,
  caption,
  testId,
  className,
  captionClassName,
  children,
}: {
  /** What a screen reader announces, e.g. "Audio of message #3". */
  label: string;
  caption: string;
  testId: string;
  className: string;
  captionClassName: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-label={label} className={className} data-testid={testId}>
      <p className={`text-xs font-semibold tracking-wide uppercase ${captionClassName}`}>
        {caption}
      </p>
      {children}
    </section>
  );
}
