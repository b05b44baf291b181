import type { ToolCall } from '@/lib/api/types.ts';

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
      </div>
      <pre className="max-h-96 overflow-auto p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
        {pretty}
      </pre>
    </div>
  );
}
