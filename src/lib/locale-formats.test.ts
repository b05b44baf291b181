import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatDateTime,
  formatNumber,
  formatRelative,
  formatShortDateTime,
} from './format.ts';
import {
  loadLocaleFormats,
  localeFormats,
  readerLocales,
  setLocaleFormats,
  subscribeLocaleFormats,
} from './locale-formats.ts';

// A reader in Tokyo (Node applies a new TZ at once; restored after the file).
const zoneAtStart = process.env.TZ;
beforeAll(() => void (process.env.TZ = 'Asia/Tokyo'));
afterAll(() => {
  if (zoneAtStart === undefined) delete process.env.TZ;
  else process.env.TZ = zoneAtStart;
});

const created = Date.UTC(2026, 9, 30, 12) / 1000; // the demo's long conversation
const now = Date.UTC(2026, 10, 1, 12);
const nextYear = Date.UTC(2027, 0, 1, 12);
const shown = () => [
  formatNumber(710_041.5),
  formatBytes(1536),
  formatDateTime(created),
  formatRelative(created, now),
  formatShortDateTime(created, now),
  formatShortDateTime(created, nextYear),
];

/** Counts the Intl formatters made while it is in place. */
function countIntl(): string[] {
  const made: string[] = [];
  const counted = <T extends object>(name: string, constructor: T): T =>
    new Proxy(constructor, {
      construct(target, args, newTarget) {
        made.push(name);
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
      },
    });
  vi.stubGlobal(
    'Intl',
    Object.assign(Object.create(Intl) as typeof Intl, {
      NumberFormat: counted('NumberFormat', Intl.NumberFormat),
      DateTimeFormat: counted('DateTimeFormat', Intl.DateTimeFormat),
      RelativeTimeFormat: counted('RelativeTimeFormat', Intl.RelativeTimeFormat),
    }),
  );
  return made;
}

describe('switching to the reader’s locale at idle', () => {
  afterEach(() => {
    setLocaleFormats(null);
    vi.unstubAllGlobals();
  });

  it('writes en-US without Intl, makes one formatter per idle callback, then switches once', async () => {
    const made = countIntl();
    const idle: (() => void)[] = [];
    let switches = 0;
    const unsubscribe = subscribeLocaleFormats(() => (switches += 1));
    const done = loadLocaleFormats(['de-DE'], (task) => idle.push(task));

    const enUs = [
      '710,041.5',
      '1.5 KB',
      'Oct 30, 2026, 9:00:00 PM GMT+9',
      '2 days ago',
      'Oct 30, 9:00 PM',
      'Oct 30, 2026, 9:00 PM',
    ];
    expect(shown()).toEqual(enUs);
    expect(made).toEqual([]);
    let callbacks = 0;
    while (idle.length > 0) {
      expect(localeFormats()).toBeNull();
      expect(shown()).toEqual(enUs);
      idle.shift()!();
      callbacks += 1;
      expect(made).toHaveLength(callbacks);
    }
    await done;
    unsubscribe();

    expect(callbacks).toBe(7);
    expect(switches).toBe(1);
    expect(shown()).toEqual([
      '710.041,5',
      '1,5 KB',
      '30. Okt. 2026, 21:00:00 GMT+9',
      'vorgestern',
      '30. Okt., 21:00',
      '30. Okt. 2026, 21:00',
    ]);
    expect(formatBytes(5_000_000)).toBe('4,77 MB');
    expect(formatNumber(null)).toBe('—');

    setLocaleFormats(null);
    expect(shown()).toEqual(enUs);
    expect(switches).toBe(1); // unsubscribed
  });

  it('writes what Intl writes once switched, for another locale too', async () => {
    await loadLocaleFormats(['en-GB'], (task) => task());
    expect(shown()).toEqual([
      '710,041.5',
      '1.5 KB',
      '30 Oct 2026, 21:00:00 GMT+9',
      '2 days ago',
      '30 Oct, 21:00',
      '30 Oct 2026, 21:00',
    ]);
  });
});

describe('readerLocales', () => {
  it('is null for an en-US reader (format.ts writes that itself), else the preferences', () => {
    expect(readerLocales({ languages: ['en-US', 'de-DE'], language: 'en-US' })).toBeNull();
    expect(readerLocales({ languages: [], language: 'en-US' })).toBeNull();
    expect(readerLocales({})).toBeNull();
    expect(readerLocales({ languages: ['de-DE', 'en-US'], language: 'de-DE' })).toEqual([
      'de-DE',
      'en-US',
    ]);
    expect(readerLocales({ language: 'fr-FR' })).toEqual(['fr-FR']);
    expect(readerLocales({ languages: ['en-GB'] })).toEqual(['en-GB']);
  });
});
