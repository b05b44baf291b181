import { useMemo } from 'react';
import { CopyButton } from '@/components/copy-button.tsx';
import type { ChatMessage } from '@/lib/api/types.ts';
import { messagePlainText } from './message-plain-text.ts';

/** "Copy text" (the readable text) and "Copy JSON" (the message as received, pretty-printed). */
export function MessageCopyActions({ message, label }: { message: ChatMessage; label: string }) {
  const text = useMemo(() => messagePlainText(message), [message]);
  const json = useMemo(() => JSON.stringify(message.raw, null, 2), [message]);
  const name = label || message.id || message.role;
  return (
    <>
      <CopyButton text={text} label={`Copy text of message ${name}`} idleText="Copy text" />
      <CopyButton text={json} label={`Copy JSON of message ${name}`} idleText="Copy JSON" />
    </>
  );
}
