import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { CodeFence } from './render-markdown.tsx';
import type * as MarkdownModule from './render-markdown.tsx';

type RenderMarkdown = (text: string) => ReactNode;
type RenderAhead = (text: string) => readonly CodeFence[];

// The markdown renderer is a lazy chunk; once loaded, every row that mounts later renders
// markdown right away (no plain-text flash), and rows already on screen switch over.
let renderer: RenderMarkdown | null = null;
let ahead: RenderAhead | null = null;
let pending: Promise<RenderMarkdown> | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
const getRenderer = () => renderer;

let failed = false;

/** The warm-up (regex compilation) of the parser, a sample per idle callback: no long task. */
function warmUpAtIdle(module: typeof MarkdownModule) {
  const idle =
    typeof requestIdleCallback === 'function'
      ? requestIdleCallback
      : (run: () => void, _options?: IdleRequestOptions) => setTimeout(run, 1);
  const step = (index: number) => {
    if (index >= module.WARM_UP_SAMPLES.length) return;
    idle(
      () => {
        module.warmUpMarkdown(index);
        step(index + 1);
      },
      { timeout: 300 },
    );
  };
  step(0);
}

/** Starts loading the markdown renderer (e.g. while a conversation's data is on its way). */
export function preloadMarkdown(): Promise<RenderMarkdown> {
  pending ??= import('./render-markdown.tsx').then(
    (module) => {
      // Usable at once: rows must appear in their final form (a plain-text row turning into
      // markdown changes its height under the reader). The parser's one-time warm-up runs at
      // idle meanwhile; a render that comes first pays its ~15 ms itself.
      renderer = module.renderMarkdown;
      ahead = module.renderMarkdownAhead;
      failed = false;
      warmUpAtIdle(module);
      for (const listener of listeners) listener();
      return module.renderMarkdown;
    },
    (error: unknown) => {
      pending = null; // A failed chunk load (offline): the next text tries again.
      failed = true;
      for (const listener of listeners) listener();
      throw error;
    },
  );
  return pending;
}

const markdownSettled = () => renderer !== null || failed;

/**
 * Whether rows can be shown in their final form: the renderer has loaded, or it could not be
 * loaded (texts stay plain), or `patienceMs` passed since the first call (a slow network: show
 * plain text rather than nothing). Starts loading the renderer.
 */
export function useMarkdownSettled(patienceMs: number): boolean {
  const settled = useSyncExternalStore(subscribe, markdownSettled, markdownSettled);
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (settled) return;
    preloadMarkdown().catch(() => {});
    const timer = setTimeout(() => setGaveUp(true), patienceMs);
    return () => clearTimeout(timer);
  }, [settled, patienceMs]);
  return settled || gaveUp;
}

/**
 * The markdown renderer, or null until its chunk has loaded (show the plain text meanwhile).
 * Loading starts the first time a component asks with `wanted`.
 */
export function useMarkdownRenderer(wanted: boolean): RenderMarkdown | null {
  const current = useSyncExternalStore(subscribe, getRenderer, getRenderer);
  useEffect(() => {
    if (wanted && !current) preloadMarkdown().catch(() => {}); // Stays plain text: readable.
  }, [wanted, current]);
  return current;
}

/**
 * Renders a text into the markdown cache ahead of need and returns its code blocks; null until
 * the renderer has loaded (nothing to do ahead then).
 */
export function markdownAhead(): RenderAhead | null {
  return ahead;
}
