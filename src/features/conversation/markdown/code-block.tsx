import { CopyButton } from '@/components/copy-button.tsx';
import { useHighlightedCode } from './use-highlighted-code.ts';

/** The label a fence gives its block, short and as written (it is untrusted text). */
function languageLabel(language: string | null): string {
  if (!language) return 'text';
  return language.length > 24 ? `${language.slice(0, 24)}…` : language;
}

/**
 * A fenced code block: language label, copy button, and the code, highlighted once the
 * highlighter and the language's grammar have loaded (plain until then). Long lines scroll
 * inside the block; `contain: inline-size` keeps them from widening the message or the page.
 */
export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const highlighted = useHighlightedCode(code, language);
  return (
    <div
      className="my-3 overflow-hidden rounded-md border border-slate-200 bg-slate-50 [contain:inline-size]"
      data-testid="code-block"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 bg-slate-100 py-0.5 pr-1 pl-3">
        <span className="truncate font-mono text-xs text-slate-600" data-testid="code-language">
          {languageLabel(language)}
        </span>
        <span className="ml-auto" />
        <CopyButton text={code} label="Copy code" />
      </div>
      <pre
        dir="ltr"
        className="overflow-x-auto p-3 font-mono text-xs leading-relaxed whitespace-pre text-slate-900"
      >
        {/* A new <code> when highlighting arrives: React builds the token spans off-document and
            inserts them at once (filling an existing element costs a sibling walk per child). */}
        <code
          key={highlighted != null ? 'highlighted' : 'plain'}
          data-highlighted={highlighted != null ? 'true' : undefined}
        >
          {highlighted ?? code}
        </code>
      </pre>
    </div>
  );
}
