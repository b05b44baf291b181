import { setThemePreference, useThemePreference, type ThemePreference } from './theme.ts';

const CHOICES: { value: ThemePreference; label: string; icon: string }[] = [
  { value: 'system', label: 'System theme', icon: '◐' },
  { value: 'light', label: 'Light theme', icon: '☀' },
  { value: 'dark', label: 'Dark theme', icon: '☾' },
];

/** Light, dark, or follow the system; remembered in this browser. */
export function ThemeToggle() {
  const preference = useThemePreference();
  return (
    <div
      role="group"
      aria-label="Theme"
      className="flex shrink-0 items-center rounded-md border border-slate-300 p-0.5"
    >
      {CHOICES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          aria-pressed={preference === choice.value}
          aria-label={choice.label}
          title={choice.label}
          onClick={() => setThemePreference(choice.value)}
          className="h-6 w-7 rounded text-sm leading-none text-slate-600 hover:bg-slate-100 aria-pressed:bg-slate-200 aria-pressed:text-slate-900"
        >
          <span aria-hidden="true">{choice.icon}</span>
        </button>
      ))}
    </div>
  );
}
