import { formatNumber } from '@/lib/format.ts';

/** How much of a long text shows before "Show all": its head and its tail. */
export const HEAD = 8_000;
export const TAIL = 2_000;

const tones = {
  amber: {
    box: 'border-amber-300 bg-amber-100/60 font-sans whitespace-normal text-amber-950',
    button: '',
  },
  slate: { box: 'border-slate-300 bg-slate-100 text-slate-600', button: 'text-sky-700' },
};

/**
 * The first HEAD and last TAIL characters of `text`, with a note between them of how many are
 * not shown and a "Show all" button.
 */
export function HeadAndTail({
  text,
  onShowAll,
  tone,
}: {
  text: string;
  onShowAll: () => void;
  tone: keyof typeof tones;
}) {
  return (
    <>
      {text.slice(0, HEAD)}
      <span
        className={`my-2 block rounded border border-dashed p-2 text-center text-sm ${tones[tone].box}`}
      >
        {formatNumber(text.length - HEAD - TAIL)} more characters not shown.{' '}
        <button
          type="button"
          className={`font-medium underline ${tones[tone].button}`}
          onClick={onShowAll}
        >
          Show all
        </button>
      </span>
      {text.slice(-TAIL)}
    </>
  );
}
