import { useEffect, useSyncExternalStore } from 'react';

/**
 * Intl formatters for the reader's locale and time zone. The first Intl formatter a page makes
 * loads the locale data, 40-130 ms of one task on a cold page (Chromium, measured): so none is
 * made on the way to the first content. Until they exist format.ts writes en-US by hand (in the
 * reader's time zone); they are made once something formatted is on screen, one per idle
 * callback, and then every value switches at once: components that show formatted values call
 * useLocaleFormats() to re-render. An en-US reader never needs them (format.ts writes what
 * Intl would, which format.test.ts checks).
 */
export interface LocaleFormats {
  number: Intl.NumberFormat;
  /** Exactly one fraction digit ("1.5 KB"), and two ("1.50 MB"). */
  oneDecimal: Intl.NumberFormat;
  twoDecimals: Intl.NumberFormat;
  dateTime: Intl.DateTimeFormat;
  /** A short date and time in a list ("Oct 30, 2:03 PM"), and with the year for another year. */
  shortDateTime: Intl.DateTimeFormat;
  shortDateTimeWithYear: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
}

/**
 * An exact time: date, time to the second and the offset from UTC ("GMT+1", "GMT-4:30"), which
 * says the time zone in every locale and which format.ts can write without Intl.
 */
export const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'shortOffset',
};

/** A date and time that tells rows of a list apart: month, day, hours and minutes. */
export const SHORT_DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
};

/** The same, for a date in another year than the current one. */
export const SHORT_DATE_TIME_WITH_YEAR_OPTIONS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  ...SHORT_DATE_TIME_OPTIONS,
};

type Locales = readonly string[];

/** One maker per formatter, in the order they are made (the first one pays for the data). */
const MAKERS: { [K in keyof LocaleFormats]: (locales: Locales) => LocaleFormats[K] } = {
  number: (locales) => new Intl.NumberFormat(locales),
  dateTime: (locales) => new Intl.DateTimeFormat(locales, DATE_TIME_OPTIONS),
  relative: (locales) => new Intl.RelativeTimeFormat(locales, { numeric: 'auto' }),
  oneDecimal: (locales) =>
    new Intl.NumberFormat(locales, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  twoDecimals: (locales) =>
    new Intl.NumberFormat(locales, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  shortDateTime: (locales) => new Intl.DateTimeFormat(locales, SHORT_DATE_TIME_OPTIONS),
  shortDateTimeWithYear: (locales) =>
    new Intl.DateTimeFormat(locales, SHORT_DATE_TIME_WITH_YEAR_OPTIONS),
};

let current: LocaleFormats | null = null;
const listeners = new Set<() => void>();

/** The formatters in use, or null while format.ts writes en-US itself. */
export function localeFormats(): LocaleFormats | null {
  return current;
}

/** Switches every formatted value to `formats` (null: back to en-US) and tells subscribers. */
export function setLocaleFormats(formats: LocaleFormats | null): void {
  current = formats;
  for (const listener of listeners) listener();
}

/** Calls `listener` on every switch; returns the unsubscribe. */
export function subscribeLocaleFormats(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Runs `task` when the page is idle. */
export type IdleScheduler = (task: () => void) => void;

const whenIdle: IdleScheduler = (task) => {
  // A deadline, so a page that is never idle still switches, late.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 2_000 });
  else setTimeout(task, 1);
};

/**
 * Makes the formatters for `locales`, one per idle callback so none is a long task with the
 * others, then switches to them all at once (one re-render). Resolves when switched.
 */
export function loadLocaleFormats(locales: Locales, idle: IdleScheduler = whenIdle): Promise<void> {
  const keys = Object.keys(MAKERS) as (keyof LocaleFormats)[];
  const made: Partial<Record<keyof LocaleFormats, unknown>> = {};
  return new Promise((resolve) => {
    const step = (index: number) => {
      const key = keys[index];
      if (key === undefined) {
        setLocaleFormats(made as LocaleFormats);
        resolve();
        return;
      }
      idle(() => {
        made[key] = MAKERS[key](locales);
        step(index + 1);
      });
    };
    step(0);
  });
}

/** The reader's preferred locales, or null when format.ts already writes them (en-US first). */
export function readerLocales(preferred: {
  language?: string;
  languages?: readonly string[];
}): Locales | null {
  const locales = preferred.languages?.length
    ? preferred.languages
    : preferred.language
      ? [preferred.language]
      : [];
  return locales.length === 0 || locales[0] === 'en-US' ? null : locales;
}

let started = false;

/** Starts making the reader's formatters, once (and never for an en-US reader). */
function startLocaleFormats(): void {
  if (started || typeof navigator === 'undefined') return;
  started = true;
  const locales = readerLocales(navigator);
  if (locales) void loadLocaleFormats(locales);
}

/**
 * For a component that shows formatted numbers or dates: re-renders it when they switch to the
 * reader's locale, and starts that switch once it has mounted (after the first content).
 */
export function useLocaleFormats(): LocaleFormats | null {
  useEffect(startLocaleFormats, []);
  return useSyncExternalStore(subscribeLocaleFormats, localeFormats, localeFormats);
}
