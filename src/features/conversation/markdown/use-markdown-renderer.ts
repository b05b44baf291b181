import { useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { CodeFence } from './render-markdown.tsx';

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

/** Starts loading the markdown renderer (e.g. while a conversation's data is on its way). */
export function preloadMarkdown(): Promise<RenderMarkdown> {
  pending ??= import('./render-markdown.tsx')
    .then(
      (module) =>
        // The parser's one-time warm-up (regex compilation) runs while the page is idle, a sample
        // per idle callback, before any row switches to markdown, so no message render pays for
        // it and no step is a long task.
        new Promise<typeof module>((resolve) => {
          const idle =
            typeof requestIdleCallback === 'function'
              ? requestIdleCallback
              : (run: () => void, _options?: IdleRequestOptions) => setTimeout(run, 1);
          const step = (index: number) => {
            if (index >= module.WARM_UP_SAMPLES.length) {
              resolve(module);
              return;
            }
            idle(
              () => {
                module.warmUpMarkdown(index);
                step(index + 1);
              },
              { timeout: 300 },
            );
          };
          step(0);
        }),
    )
    .then(
      (module) => {
        renderer = module.renderMarkdown;
        ahead = module.renderMarkdownAhead;
        for (const listener of listeners) listener();
        return module.renderMarkdown;
      },
      (error: unknown) => {
        pending = null; // A failed chunk load (offline): the next text tries again.
        throw error;
      },
    );
  return pending;
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
