import { memo, useState } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import type { ChatMessage, ContentPart, MessageItem } from '@/lib/api/types.ts';
import { ImagePart } from './image-part.tsx';
import { JsonBlock } from './json-view.tsx';
import { MessageText } from './message-text.tsx';
import { ToolCallView } from './tool-call-view.tsx';
import { messageLink, useConversationContext } from '../conversation-context.ts';

const roleStyles: Record<string, { badge: string; card: string }> = {
  system: { badge: 'bg-slate-700 text-white', card: 'border-slate-300 bg-slate-100/70' },
  developer: { badge: 'bg-violet-700 text-white', card: 'border-violet-200 bg-violet-50/60' },
  user: { badge: 'bg-sky-700 text-white', card: 'border-sky-200 bg-white' },
  assistant: { badge: 'bg-emerald-700 text-white', card: 'border-emerald-200 bg-emerald-50/50' },
  tool: { badge: 'bg-amber-700 text-white', card: 'border-amber-200 bg-amber-50/40' },
  function: { badge: 'bg-amber-700 text-white', card: 'border-amber-200 bg-amber-50/40' },
};
const unknownRole = { badge: 'bg-rose-700 text-white', card: 'border-rose-200 bg-white' };

/** Looks up the call a tool result answers: its function name, when the call is loaded. */
export type ToolCallLookup = (toolCallId: string) => string | undefined;

function Parts({
  parts,
  messageId,
  asStored,
}: {
  parts: ContentPart[];
  messageId: string | null;
  asStored: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start gap-3">
      {parts.map((part, i) => {
        if (part.type === 'text' && 'text' in part) {
          return (
            <div key={i} className="basis-full">
              <MessageText text={part.text} asStored={asStored} />
            </div>
          );
        }
        if (part.type === 'image_url' && 'image_url' in part) {
          return (
            <ImagePart
              key={i}
              url={part.image_url.url}
              detail={part.image_url.detail}
              messageId={messageId}
              partIndex={i}
            />
          );
        }
        return (
          <div key={i} className="basis-full text-sm">
            <span className="font-medium">Part of type “{part.type}”</span>
            <JsonBlock value={'raw' in part ? part.raw : null} />
          </div>
        );
      })}
    </div>
  );
}

function MessageBody({
  message,
  lookup,
  asStored,
}: {
  message: ChatMessage;
  lookup: ToolCallLookup;
  asStored: boolean;
}) {
  const calledName = message.toolCallId ? lookup(message.toolCallId) : undefined;
  const extraKeys = Object.keys(message.extra);
  return (
    <div className="flex flex-col gap-3">
      {message.toolCallId && (
        <p className="text-sm text-amber-900" data-testid="tool-result-of">
          Result of{' '}
          {calledName ? <code className="font-mono font-semibold">{calledName}</code> : 'call'}{' '}
          <span className="font-mono text-xs">{message.toolCallId}</span>
        </p>
      )}
      {message.contentParts ? (
        <Parts parts={message.contentParts} messageId={message.id} asStored={asStored} />
      ) : message.content != null && message.content !== '' ? (
        <MessageText text={message.content} asStored={asStored} />
      ) : null}
      {message.refusal != null && (
        <div
          className="rounded-md border border-rose-300 bg-rose-50 p-3 text-rose-950"
          data-testid="refusal"
        >
          <span className="mb-1 block text-xs font-semibold tracking-wide text-rose-800 uppercase">
            Refusal
          </span>
          <MessageText text={message.refusal} asStored={asStored} />
        </div>
      )}
      {message.toolCalls.map((call) => (
        <ToolCallView key={call.id} call={call} />
      ))}
      {message.content == null &&
        !message.contentParts &&
        message.refusal == null &&
        message.toolCalls.length === 0 && (
          <p className="text-sm text-slate-500 italic">(no content)</p>
        )}
      {extraKeys.length > 0 && (
        <div className="flex flex-wrap gap-1.5" aria-label="Other fields">
          {extraKeys.map((key) => (
            <span
              key={key}
              className="max-w-full truncate rounded bg-slate-200 px-1.5 py-0.5 font-mono text-xs text-slate-700"
              title={JSON.stringify(message.extra[key]).slice(0, 500)}
            >
              {key}: {JSON.stringify(message.extra[key]).slice(0, 80)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

export const MessageCard = memo(function MessageCard({
  item,
  label,
  lookup,
}: {
  item: MessageItem;
  /** "#12", or "Answer" for a choice. */
  label: string;
  lookup: ToolCallLookup;
}) {
  const [showRaw, setShowRaw] = useState(false);
  const [asStored, setAsStored] = useState(false);
  const conversation = useConversationContext();

  if (!item.ok) {
    return (
      <article
        className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-950"
        data-testid="broken-message"
        aria-label={`Message ${label} could not be read`}
      >
        <p className="font-semibold">Message {label} could not be read</p>
        <p className="mt-1">{item.reason}. It is shown as received:</p>
        <div className="mt-2">
          <JsonBlock value={item.raw} />
        </div>
      </article>
    );
  }

  const { message } = item;
  const style = roleStyles[message.role] ?? unknownRole;
  const selected = message.id != null && conversation?.selectedMessageId === message.id;
  const hasText =
    !!message.content ||
    !!message.refusal ||
    !!message.contentParts?.some((part) => part.type === 'text' && 'text' in part);
  return (
    <article
      className={`rounded-lg border p-4 shadow-xs ${style.card} ${selected ? 'ring-2 ring-sky-500 ring-offset-2' : ''}`}
      aria-current={selected ? 'true' : undefined}
      onClick={(event) => {
        // Selecting a message (not following a link or pressing a button in it) updates the URL.
        if (!message.id || !conversation) return;
        if ((event.target as HTMLElement).closest('a, button, input, [role="button"]')) return;
        if (window.getSelection()?.toString()) return;
        conversation.selectMessage(message.id);
      }}
      data-testid="message"
      data-role={message.role}
      data-message-id={message.id ?? undefined}
      aria-label={`${message.role} message ${label}`}
    >
      <header className="mb-2 flex flex-wrap items-center gap-2">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${style.badge}`}>
          {message.role}
        </span>
        {message.name && (
          <span className="text-sm font-medium text-slate-700" data-testid="message-name">
            {message.name}
          </span>
        )}
        <span className="text-xs text-slate-500">{label}</span>
        {message.id && <span className="font-mono text-xs text-slate-400">{message.id}</span>}
        <span className="ml-auto" />
        {message.id && conversation && (
          <CopyButton
            text={messageLink(conversation.completionId, message.id)}
            label={`Copy link to message ${label}`}
            idleText="Copy link"
          />
        )}
        {hasText && (
          <button
            type="button"
            className="rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800 aria-pressed:bg-slate-200 aria-pressed:text-slate-800"
            aria-pressed={asStored}
            title="Show the text exactly as stored, without markdown formatting"
            onClick={() => setAsStored((value) => !value)}
          >
            As stored
          </button>
        )}
        <button
          type="button"
          className="rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-200 hover:text-slate-800"
          aria-pressed={showRaw}
          onClick={() => setShowRaw((value) => !value)}
        >
          {showRaw ? 'Hide JSON' : 'JSON'}
        </button>
      </header>
      {showRaw ? (
        <JsonBlock value={message.raw} label="Message as received" />
      ) : (
        <MessageBody message={message} lookup={lookup} asStored={asStored} />
      )}
    </article>
  );
});
