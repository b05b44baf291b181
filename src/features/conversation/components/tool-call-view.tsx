import { useId, useState } from 'react';
import type { ToolCall } from '@/lib/api/types.ts';
import { useHighlightedCode } from '../markdown/use-highlighted-code.ts';

function prettyArguments(text: string): { pretty: string; valid: boolean } {
  try {
    return { pretty: JSON.stringify(JSON.parse(text), null, 2), valid: true };
  } catch {
    return { pretty: text, valid: false };
  }
}

export function ToolCallView({ call }: { call: ToolCall }) {
  const name = call.function?.name ?? call.custom?.name ?? '(unknown tool)';
  const input = call.function?.arguments ?? call.custom?.input ?? JSON.stringify(call.raw);
  const { pretty, valid } = call.custom ? { pretty: input, valid: true } : prettyArguments(input);
  // Function arguments are JSON: highlighted once parsed; raw text (not JSON) stays plain.
  const highlighted = useHighlightedCode(pretty, call.custom || !valid ? null : 'json');
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const what = call.custom ? 'input' : 'arguments';
  return (
    <div
      className="rounded-md border border-amber-200 bg-amber-50/60"
      data-testid="tool-call"
      id={`tool-call-${call.id}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 border-b border-amber-200 px-3 py-1.5 text-sm">
        <span className="font-medium text-amber-900">
          {call.custom ? 'Custom tool' : 'Calls'}{' '}
          <code className="font-mono font-semibold">{name}</code>
        </span>
        <span className="font-mono text-xs text-amber-800/80">{call.id}</span>
        {!valid && (
          <span className="rounded bg-rose-100 px-1.5 text-xs text-rose-800">
            arguments are not valid JSON (shown raw)
          </span>
        )}
        <button
          type="button"
          className="ml-auto rounded px-1.5 py-0.5 text-xs text-amber-900/80 hover:bg-amber-100 hover:text-amber-950"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? `Hide ${what}` : `Show ${what}`}
        </button>
      </div>
      <pre
        id={bodyId}
        hidden={!open}
        dir="ltr"
        className="max-h-96 overflow-auto p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]"
      >
        <code
          key={highlighted != null ? 'highlighted' : 'plain'}
          data-highlighted={highlighted != null ? 'true' : undefined}
        >
          {highlighted ?? pretty}
        </code>
      </pre>
    </div>
  );
}
