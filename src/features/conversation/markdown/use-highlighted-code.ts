import { useDeferredValue, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type * as HighlighterModule from './highlighter.ts';
import { grammarFor, loadGrammar, type GrammarName } from './languages.ts';

type Highlighter = typeof HighlighterModule;

/** Longer code is shown plain: highlighting it would block the page for too long. */
export const MAX_HIGHLIGHT_CHARS = 200_000;
/**
 * Longer code is first shown plain (one text node, cheap to mount as rows scroll in), then
 * highlighted in a deferred render that React can interrupt: thousands of token elements never
 * hold up a scroll frame or a click. Shorter code is highlighted in the same render.
 */
export const SYNC_HIGHLIGHT_CHARS = 10_000;

// Module state shared by every code block: the highlighter once loaded, and the grammars
// registered with it. Blocks subscribe and re-render when something new is ready.
let highlighter: Highlighter | null = null;
let highlighterLoad: Promise<Highlighter> | null = null;
const grammarLoads = new Map<GrammarName, Promise<void>>();
const listeners = new Set<() => void>();
let version = 0;

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
const getVersion = () => version;

function loadHighlighter(): Promise<Highlighter> {
  highlighterLoad ??= import('./highlighter.ts').then(
    (module) => (highlighter = module),
    (error: unknown) => {
      highlighterLoad = null; // A failed chunk load (offline): try again on the next block.
      throw error;
    },
  );
  return highlighterLoad;
}

/**
 * Loads the highlighter and one grammar (in parallel: separate chunks) and registers it.
 * Resolves once code in that grammar can be highlighted synchronously.
 */
export function loadLanguage(name: GrammarName): Promise<void> {
  let load = grammarLoads.get(name);
  if (!load) {
    load = Promise.all([loadHighlighter(), loadGrammar(name)]).then(
      ([module, grammar]) => {
        module.registerGrammar(name, grammar);
        version++;
        for (const listener of listeners) listener();
      },
      (error: unknown) => {
        grammarLoads.delete(name);
        throw error;
      },
    );
    grammarLoads.set(name, load);
  }
  return load;
}

/**
 * `code` highlighted as the language its fence names, as React elements; null while the
 * highlighter or the grammar is loading, and for unknown languages or very long code (shown
 * plain). Loading starts when a block of that language first renders.
 */
export function useHighlightedCode(code: string, language: string | null): ReactNode | null {
  // Re-render when a grammar gets registered; `ready` below reads the module state.
  useSyncExternalStore(subscribe, getVersion, getVersion);
  const grammar = code.length <= MAX_HIGHLIGHT_CHARS ? grammarFor(language) : null;
  const ready = grammar != null && highlighter != null && highlighter.isRegistered(grammar);
  const large = code.length > SYNC_HIGHLIGHT_CHARS;
  const deferredReady = useDeferredValue(ready, large ? false : ready);
  const show = large ? deferredReady : ready;
  useEffect(() => {
    if (grammar && !ready) loadLanguage(grammar).catch(() => {}); // Stays plain: still readable.
  }, [grammar, ready]);
  return useMemo(
    () => (show && grammar && highlighter ? highlighter.highlightToReact(code, grammar) : null),
    [show, grammar, code],
  );
}

/**
 * Highlights a code block into the highlighter's cache before its row mounts (rows about to
 * scroll in, at idle), or starts loading its grammar. Code that would be highlighted in a
 * deferred render anyway (longer than SYNC_HIGHLIGHT_CHARS) is left to it.
 */
export function highlightAhead(code: string, language: string | null): void {
  if (code.length > SYNC_HIGHLIGHT_CHARS) return;
  const grammar = grammarFor(language);
  if (!grammar) return;
  if (highlighter?.isRegistered(grammar)) highlighter.highlightToReact(code, grammar);
  else loadLanguage(grammar).catch(() => {});
}
