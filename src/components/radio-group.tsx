import { useId } from 'react';

/** A fieldset of radio buttons, one per option, with an optional hint under them. */
export function RadioGroup<Value extends string>({
  legend,
  value,
  options,
  onChange,
  disabled,
  hint,
}: {
  legend: string;
  value: Value;
  options: readonly { value: Value; label: React.ReactNode }[];
  onChange: (value: Value) => void;
  disabled?: boolean;
  hint?: React.ReactNode;
}) {
  const name = useId();
  const hintId = useId();
  return (
    <fieldset
      className="flex flex-col gap-1.5"
      disabled={disabled}
      aria-describedby={hint ? hintId : undefined}
    >
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="size-4 shrink-0 accent-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          />
          <span>{option.label}</span>
        </label>
      ))}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
    </fieldset>
  );
}
