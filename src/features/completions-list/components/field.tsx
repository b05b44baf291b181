import { useId } from 'react';

export const inputClass =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-xs focus:border-sky-600 focus:outline-2 focus:outline-sky-600/30';

/** A small label above one control; the control gets the label's id to use as its own. */
export function Field({
  label,
  className = '',
  children,
}: {
  label: string;
  className?: string;
  children: (id: string) => React.ReactNode;
}) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
    </div>
  );
}
