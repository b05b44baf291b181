import { describe, expect, it } from 'vitest';
import { isFindShortcut, messageMoveFor } from './keyboard.ts';

/** A stand-in for an element: `closest` answers for the selectors it "is inside". */
function element(inside: string[] = [], editable = false): EventTarget {
  return {
    closest: (selector: string) =>
      selector.split(',').some((s) => inside.includes(s.trim())) ? {} : null,
    isContentEditable: editable,
  } as unknown as EventTarget;
}

const key = (k: string, target: EventTarget | null, mods: Partial<KeyboardEvent> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target,
  ...mods,
});

describe('keyboard moves between messages', () => {
  const card = element(['article']);
  const isCard = (target: EventTarget | null) => target === card;

  it('j / k move from anywhere outside text entry and dialogs', () => {
    expect(messageMoveFor(key('j', element()), isCard)).toBe('next');
    expect(messageMoveFor(key('k', null), isCard)).toBe('previous');
    expect(messageMoveFor(key('j', element(['input'])), isCard)).toBeNull();
    expect(messageMoveFor(key('j', element(['textarea'])), isCard)).toBeNull();
    expect(messageMoveFor(key('j', element(['dialog'])), isCard)).toBeNull();
    expect(messageMoveFor(key('j', element([], true)), isCard)).toBeNull();
  });

  it('↓ / ↑ move only when a message card itself has focus', () => {
    expect(messageMoveFor(key('ArrowDown', card), isCard)).toBe('next');
    expect(messageMoveFor(key('ArrowUp', card), isCard)).toBe('previous');
    expect(messageMoveFor(key('ArrowDown', element()), isCard)).toBeNull();
  });

  it('leaves keys with modifiers, and other keys, alone', () => {
    expect(messageMoveFor(key('j', element(), { ctrlKey: true }), isCard)).toBeNull();
    expect(messageMoveFor(key('k', element(), { metaKey: true }), isCard)).toBeNull();
    expect(messageMoveFor(key('ArrowDown', card, { altKey: true }), isCard)).toBeNull();
    expect(messageMoveFor(key('J', element()), isCard)).toBeNull();
    expect(messageMoveFor(key('Enter', card), isCard)).toBeNull();
  });

  it('Ctrl+F and Cmd+F open find; not with Shift or Alt, not plain f', () => {
    expect(isFindShortcut(key('f', null, { ctrlKey: true }))).toBe(true);
    expect(isFindShortcut(key('F', null, { metaKey: true }))).toBe(true);
    expect(isFindShortcut(key('f', null, { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isFindShortcut(key('f', null, { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isFindShortcut(key('f', null))).toBe(false);
    expect(isFindShortcut(key('g', null, { ctrlKey: true }))).toBe(false);
  });
});
