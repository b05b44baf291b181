import { useState } from 'react';

/** Beyond this, a text shows its head and tail with a "show all": the page stays responsive. */
export const LONG_TEXT_LIMIT = 20_000;
const HEAD = 8_000;
const TAIL = 2_000;

/** Plain, escaped text (React escapes it); whitespace and line breaks as stored. */
export function MessageText({ text }: { text: string }) {
  const [showAll, setShowAll] = useState(false);
  const long = text.length > LONG_TEXT_LIMIT;
  if (!long || showAll) {
    return (
      <div className="whitespace-pre-wrap break-words [overflow-wrap:anywhere]" dir="auto">
        {text}
      </div>
    );
  }
  const hidden = text.length - HEAD - TAIL;
  return (
    <div className="whitespace-pre-wrap break-words [overflow-wrap:anywhere]" dir="auto">
      {text.slice(0, HEAD)}
      <span className="my-2 block rounded border border-dashed border-slate-300 bg-slate-100 p-2 text-center text-sm text-slate-600">
        {hidden.toLocaleString('en-US')} more characters not shown.{' '}
        <button
          type="button"
          className="font-medium text-sky-700 underline"
          onClick={() => setShowAll(true)}
        >
          Show all
        </button>
      </span>
      {text.slice(-TAIL)}
    </div>
  );
}
