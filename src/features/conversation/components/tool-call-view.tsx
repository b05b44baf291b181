import { useId, useMemo, useState } from 'react';
import type { ChatMessage, ToolCall } from '@/api/types.ts';
import { JumpButton } from '../navigation/jump-button.tsx';
import { isToolResult } from '../navigation/tool-pairs.ts';
import { JsonCode, prettyJsonText } from './json-code.tsx';

export function ToolCallView({ call }: { call: ToolCall }) {
  const name = call.function?.name ?? call.custom?.name ?? '(unknown tool)';
  const input = call.function?.arguments ?? call.custom?.input ?? JSON.stringify(call.raw);
  const custom = call.custom != null;
  const { pretty, valid } = useMemo(
    () => (custom ? { pretty: input, valid: true } : prettyJsonText(input)),
    [custom, input],
  );
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const what = call.custom ? 'input' : 'arguments';
  return (
    <div
      className="rounded-md border border-amber-200 bg-amber-50/60"
      data-testid="tool-call"
      data-legacy={call.legacy ? 'true' : undefined}
      // The legacy function_call has no id of its own.
      id={call.legacy ? undefined : `tool-call-${call.id}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2 border-b border-amber-200 px-3 py-1.5 text-sm">
        <span className="font-medium text-amber-900">
          {call.custom ? 'Custom tool' : 'Calls'}{' '}
          <code className="font-mono font-semibold">{name}</code>
        </span>
        {call.legacy ? (
          <span className="text-xs text-amber-800/80" data-find-skip>
            legacy <code className="font-mono">function_call</code>
          </span>
        ) : (
          <span className="font-mono text-xs text-amber-800/80" data-find-skip>
            {call.id}
          </span>
        )}
        {!valid && (
          <span className="rounded bg-rose-100 px-1.5 text-xs text-rose-800" data-find-skip>
            arguments are not valid JSON (shown raw)
          </span>
        )}
        <JumpButton
          label="Go to result"
          busyLabel="Finding the result…"
          notFound="No result stored for this call."
          run={(navigation, origin, from) => navigation.goToResult(origin, call, from)}
        />
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
      {/* Function arguments are JSON: highlighted once parsed; raw text (not JSON) stays plain. */}
      <JsonCode
        code={pretty}
        highlight={!custom && valid}
        id={bodyId}
        hidden={!open}
        className="max-h-96 overflow-auto p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]"
      />
    </div>
  );
}

/**
 * The line on top of a tool result ("Result of get_weather call_…") or a legacy function
 * result, with the way back to its call.
 */
export function ToolResultOf({
  message,
  calledName,
}: {
  message: ChatMessage;
  /** The called function's name, when its call is loaded. */
  calledName: string | undefined;
}) {
  if (!isToolResult(message)) return null;
  return (
    <p className="text-sm text-amber-900" data-testid="tool-result-of">
      <span data-find-skip>
        {message.toolCallId ? (
          <>
            Result of{' '}
            {calledName ? <code className="font-mono font-semibold">{calledName}</code> : 'call'}{' '}
            <span className="font-mono text-xs">{message.toolCallId}</span>
          </>
        ) : (
          <>
            Result of function <code className="font-mono font-semibold">{message.name}</code>{' '}
            <span className="text-xs">(legacy)</span>
          </>
        )}
      </span>{' '}
      <JumpButton
        label="Go to call"
        busyLabel="Finding the call…"
        notFound="No call stored for this result."
        run={(navigation, origin, from) => navigation.goToCall(origin, message, from)}
      />
    </p>
  );
}
