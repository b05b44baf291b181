import { memo, useMemo, useState } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import type { ChatMessage, ContentPart, JsonObject, MessageItem } from '@/api/types.ts';
import { useLocaleFormats } from '@/lib/locale-formats.ts';
import { readAudio } from './audio-data.ts';
import { AudioView } from './audio-view.tsx';
import { readAnnotations, resolveCitations } from './citation-spans.ts';
import { CitationSources } from './citations.tsx';
import { ExtraFields } from './extra-fields.tsx';
import { ImagePart } from './image-part.tsx';
import { JsonCode } from './json-code.tsx';
import { JsonBlock } from './json-view.tsx';
import { MessageActionsMenu, MessageCopyActions } from './message-actions.tsx';
import { MessageText } from './message-text.tsx';
import { ToolCallView, ToolResultOf } from './tool-call-view.tsx';
import { messageLink, useConversationContext } from '../conversation-context.ts';
import { toolResultJson } from '../utils/json-text.ts';
import { MESSAGE_NUMBER_TITLE } from '../utils/rows.ts';

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
  label,
}: {
  message: ChatMessage;
  lookup: ToolCallLookup;
  asStored: boolean;
  label: string;
}) {
  const calledName = message.toolCallId ? lookup(message.toolCallId) : undefined;
  // url_citation annotations and `audio` have views of their own; any other field (an empty
  // or partly unknown `annotations` too) stays a chip.
  const { citations, otherFields } = useMemo(() => {
    const annotations = readAnnotations(message.extra.annotations);
    const rest: JsonObject = { ...message.extra };
    if (readAudio(message.extra.audio)) delete rest.audio;
    if (annotations.citations.length > 0 && annotations.others.length === 0)
      delete rest.annotations;
    return {
      citations: resolveCitations(message.content, annotations.citations),
      otherFields: rest,
    };
  }, [message]);
  const audio = readAudio(message.extra.audio);
  // A tool result that is a JSON object or array: indented and highlighted like arguments.
  const json = asStored ? null : toolResultJson(message);
  return (
    <div className="flex flex-col gap-3">
      <ToolResultOf message={message} calledName={calledName} />
      {message.contentParts ? (
        <Parts parts={message.contentParts} messageId={message.id} asStored={asStored} />
      ) : json != null ? (
        <div
          className="rounded-md border border-amber-200 bg-amber-50/60"
          data-testid="tool-result-json"
        >
          <JsonCode
            code={json}
            className="p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]"
          />
        </div>
      ) : message.content != null && message.content !== '' ? (
        <MessageText text={message.content} asStored={asStored} citations={citations} />
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
      {audio && <AudioView audio={audio} label={label} />}
      {message.toolCalls.map((call, i) => (
        // Call ids can repeat in stored data: the position keeps keys unique.
        <ToolCallView key={`${i}:${call.id}`} call={call} />
      ))}
      {message.content == null &&
        !message.contentParts &&
        message.refusal == null &&
        !audio &&
        message.toolCalls.length === 0 && (
          <p className="text-sm text-slate-600 italic">(no content)</p>
        )}
      {citations.length > 0 && (
        <CitationSources text={message.content} citations={citations} label={label} />
      )}
      <ExtraFields fields={otherFields} label={label} />
    </div>
  );
}

export const MessageCard = memo(function MessageCard({
  item,
  label,
  lookup,
}: {
  item: MessageItem;
  /** "#12" (see messageLabel: from 0, as in the id), or "choice 0" for a choice of the answer. */
  label: string;
  lookup: ToolCallLookup;
}) {
  const [showRaw, setShowRaw] = useState(false);
  const [asStored, setAsStored] = useState(false);
  const conversation = useConversationContext();
  // Numbers, sizes and dates in the card (audio expiry, image parts, long texts) follow the
  // reader's locale once it is loaded.
  useLocaleFormats();

  if (!item.ok) {
    return (
      <article
        tabIndex={0}
        className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-950 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-700"
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
  // Own keys only: a role named "constructor" or "__proto__" must not find Object's members.
  const style =
    (Object.hasOwn(roleStyles, message.role) && roleStyles[message.role]) || unknownRole;
  const selected = message.id != null && conversation?.selectedMessageId === message.id;
  const hasText =
    !!message.content ||
    !!message.refusal ||
    !!message.contentParts?.some((part) => part.type === 'text' && 'text' in part);
  const actions = (done: () => void) => (
    <>
      {message.id && conversation && (
        <CopyButton
          text={messageLink(conversation.completionId, message.id)}
          label={`Copy link to message ${label}`}
          idleText="Copy link"
        />
      )}
      <MessageCopyActions message={message} label={label} />
      {hasText && (
        <button
          type="button"
          className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-200 hover:text-slate-800 aria-pressed:bg-slate-200 aria-pressed:text-slate-800"
          aria-pressed={asStored}
          title="Show the text exactly as stored, without markdown formatting"
          onClick={() => {
            setAsStored((value) => !value);
            done();
          }}
        >
          As stored
        </button>
      )}
      <button
        type="button"
        className="rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-200 hover:text-slate-800"
        aria-pressed={showRaw}
        onClick={() => {
          setShowRaw((value) => !value);
          done();
        }}
      >
        {showRaw ? 'Hide JSON' : 'JSON'}
      </button>
    </>
  );
  return (
    <article
      tabIndex={0}
      className={`rounded-lg border p-4 shadow-xs focus-visible:outline-3 focus-visible:outline-offset-4 focus-visible:outline-sky-700 ${style.card} ${selected ? 'ring-2 ring-sky-500 ring-offset-2' : ''}`}
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
      <header className="mb-2 flex items-center gap-2">
        <span className={`shrink-0 rounded px-2 py-0.5 text-xs font-semibold ${style.badge}`}>
          {message.role}
        </span>
        {message.name && (
          <span
            // Up to 40% of the line, never squeezed: the id beside it gives way first.
            className="max-w-[40%] shrink-0 truncate text-sm font-medium text-slate-700"
            data-testid="message-name"
            title={message.name}
          >
            {message.name}
          </span>
        )}
        <span
          className="shrink-0 text-xs text-slate-600"
          title={label.startsWith('#') ? MESSAGE_NUMBER_TITLE : undefined}
        >
          {label}
        </span>
        {message.id && (
          <span className="min-w-0 truncate font-mono text-xs text-slate-600" title={message.id}>
            {message.id}
          </span>
        )}
        <span className="ml-auto" />
        {/* One line at any width: the actions in a row from 640 px, behind "⋯" below. */}
        <div className="hidden shrink-0 items-center gap-1 sm:flex">{actions(() => {})}</div>
        <div className="shrink-0 sm:hidden">
          <MessageActionsMenu label={label}>{actions}</MessageActionsMenu>
        </div>
      </header>
      {showRaw ? (
        <JsonBlock value={message.raw} label="Message as received" />
      ) : (
        <MessageBody message={message} lookup={lookup} asStored={asStored} label={label} />
      )}
    </article>
  );
});
