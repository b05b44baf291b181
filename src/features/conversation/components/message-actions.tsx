import { CopyButton } from '@/components/copy-button.tsx';
import type { ChatMessage } from '@/lib/api/types.ts';
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
