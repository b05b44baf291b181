import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import type { ChatMessage } from '@/api/types.ts';
import { messagePlainText } from './message-plain-text.ts';

/** "Copy text" (the readable text) and "Copy JSON" (the message as received, pretty-printed). */
export function MessageCopyActions({ message, label }: { message: ChatMessage; label: string }) {
  // Built on click: a message may hold megabytes (a data-URL image), and every card has these.
  const text = () => messagePlainText(message);
  const json = () => JSON.stringify(message.raw, null, 2);
  const name = label || message.id || message.role;
  return (
    <>
      <CopyButton text={text} label={`Copy text of message ${name}`} idleText="Copy text" />
      <CopyButton text={json} label={`Copy JSON of message ${name}`} idleText="Copy JSON" />
    </>
  );
}

/**
 * The card's actions behind one "⋯" button, for narrow screens (a phone's card header would take
 * three or four lines otherwise). A popover (top layer, light dismiss, Escape); its content is
 * rendered only while open, so closed menus add nothing to the page.
 */
export function MessageActionsMenu({
  label,
  children,
}: {
  label: string;
  /** The actions; `close` hides the menu (after a toggle). */
  children: (close: () => void) => React.ReactNode;
}) {
  const id = useId();
  const popover = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const element = popover.current;
    if (!element) return;
    const onToggle = (event: Event) => setOpen((event as ToggleEvent).newState === 'open');
    element.addEventListener('toggle', onToggle);
    return () => element.removeEventListener('toggle', onToggle);
  }, []);
  const close = useCallback(() => document.getElementById(id)?.hidePopover(), [id]);
  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        aria-label={`Actions for message ${label}`}
        aria-expanded={open}
        className="rounded px-2 py-0.5 text-sm leading-none text-slate-700 hover:bg-slate-200"
      >
        ⋯
      </button>
      <div
        ref={popover}
        id={id}
        popover="auto"
        role="group"
        aria-label={`Actions for message ${label}`}
        className="m-auto w-64 max-w-[90vw] rounded-lg border border-slate-300 bg-white p-2 shadow-lg backdrop:bg-[rgb(2_6_23/0.30)]"
      >
        {open && (
          <div className="flex flex-col items-stretch gap-1 [&>button]:py-2">{children(close)}</div>
        )}
      </div>
    </>
  );
}
