/** Keyboard moves between messages: which keys, from where, and when to leave keys alone. */

export type MoveKey = 'next' | 'previous';

/** Whether keys typed at `target` belong to it (text entry, a dialog), not to the page. */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as Partial<HTMLElement> | null;
  if (typeof element?.closest !== 'function') return false;
  if (element.closest('input, textarea, select, dialog, [role="dialog"]')) return true;
  return element.isContentEditable === true;
}

/**
 * j / k anywhere on the page but in text entry and dialogs; ↓ / ↑ only on a message card itself
 * (elsewhere they scroll, as usual). Null for any other key, or with a modifier.
 */
export function messageMoveFor(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
  isCard: (target: EventTarget | null) => boolean,
): MoveKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'ArrowDown':
      return isCard(event.target) ? 'next' : null;
    case 'ArrowUp':
      return isCard(event.target) ? 'previous' : null;
    default:
      return null;
  }
}

/** Ctrl+F (Cmd+F on macOS), without other modifiers. */
export function isFindShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  return (
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    event.key.toLowerCase() === 'f'
  );
}
