/**
 * A probe installed in the page (addInitScript) that watches, every animation frame, where each
 * conversation row in view sits, net of the scrolling the test itself does: a row that moves on
 * screen without being scrolled is the reader losing their place. Shared by
 * e2e/reading-position.spec.ts and the bench's drift scenario.
 */
export interface ReadingPositionReport {
  frames: number;
  /** Largest move of a row in view between two frames, net of the test's own scrolling (px). */
  maxDrift: number;
  /** Where it happened (row key, frame). */
  maxDriftAt: { key: string; frame: number; delta: number } | null;
  /** ms (performance.now) when the anchor was first in view; null if never. */
  anchorSeenAt: number | null;
  /** The anchor's net top over the first `anchorWindowMs` after it appeared: max − min (px). */
  anchorSpread: number;
  /** Frames (after the anchor appeared) in which a plain-text (not yet markdown) text was in view. */
  plainTextFrames: number;
  /** Whether the anchor row held rendered markdown (a list) the first frame it was seen. */
  anchorFirstSeenAsMarkdown: boolean | null;
}

type Edges = { top: number | null; bottom: number | null };

export interface ProbeWindow {
  __probe: {
    scrolled: number;
    scrollBy: (dy: number) => number;
    report: () => ReadingPositionReport;
    reset: () => void;
  };
}

/** The in-page part. Runs before the app; takes `{ anchorId, anchorWindowMs }`. */
export function installReadingPositionProbe(options: { anchorId: string; anchorWindowMs: number }) {
  const state = {
    frames: 0,
    maxDrift: 0,
    maxDriftAt: null as ReadingPositionReport['maxDriftAt'],
    anchorSeenAt: null as number | null,
    anchorMin: Infinity,
    anchorMax: -Infinity,
    plainTextFrames: 0,
    anchorFirstSeenAsMarkdown: null as boolean | null,
    previous: new Map<string, Edges>(),
  };
  const probe = {
    scrolled: 0,
    scrollBy(dy: number) {
      const scroller = document.querySelector('[data-testid="conversation-scroll"]');
      if (!scroller) return 0;
      const before = scroller.scrollTop;
      scroller.scrollBy({ top: dy, behavior: 'instant' });
      const moved = scroller.scrollTop - before;
      probe.scrolled += moved;
      return moved;
    },
    report(): ReadingPositionReport {
      return {
        frames: state.frames,
        maxDrift: state.maxDrift,
        maxDriftAt: state.maxDriftAt,
        anchorSeenAt: state.anchorSeenAt,
        anchorSpread: state.anchorSeenAt === null ? 0 : state.anchorMax - state.anchorMin,
        plainTextFrames: state.plainTextFrames,
        anchorFirstSeenAsMarkdown: state.anchorFirstSeenAsMarkdown,
      };
    },
    reset() {
      state.maxDrift = 0;
      state.maxDriftAt = null;
    },
  };
  (window as unknown as ProbeWindow).__probe = probe;
  // Sampled right after each frame is rendered (a message posted from requestAnimationFrame runs
  // once the frame's layout, ResizeObserver callbacks and paint are done): what the reader saw,
  // not the half-way layout a requestAnimationFrame callback would force before them.
  const channel = new MessageChannel();
  const nextFrame = () =>
    requestAnimationFrame(() => {
      channel.port2.postMessage(null);
    });
  channel.port1.onmessage = () => sample(performance.now());
  const sample = (now: number) => {
    const scroller = document.querySelector('[data-testid="conversation-scroll"]');
    if (scroller) {
      state.frames += 1;
      const view = scroller.getBoundingClientRect();
      const seen = new Map<string, Edges>();
      for (const row of scroller.querySelectorAll<HTMLElement>('[data-row-key]')) {
        const rect = row.getBoundingClientRect();
        if (rect.bottom <= view.top || rect.top >= view.bottom) continue;
        // Laid out but not shown (the view is still being opened): not seen by the reader.
        if (!row.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        const key = row.dataset.rowKey ?? '';
        // The edges of the row that are in view, net of the test's scrolling. A row reaching
        // above the view may grow there without the reader seeing anything move: only an edge
        // in view in both frames is compared.
        const edges: Edges = {
          top: rect.top >= view.top ? rect.top + probe.scrolled : null,
          bottom: rect.bottom <= view.bottom ? rect.bottom + probe.scrolled : null,
        };
        const net = rect.top + probe.scrolled;
        seen.set(key, edges);
        const before = state.previous.get(key);
        // From the frame the anchor first showed: before that the view is still being opened.
        if (state.anchorSeenAt !== null && before) {
          const moved =
            edges.top !== null && before.top !== null
              ? edges.top - before.top
              : edges.bottom !== null && before.bottom !== null
                ? edges.bottom - before.bottom
                : 0;
          if (Math.abs(moved) > state.maxDrift) {
            state.maxDrift = Math.abs(moved);
            state.maxDriftAt = { key, frame: state.frames, delta: moved };
          }
        }
        if (key === options.anchorId) {
          if (state.anchorSeenAt === null) {
            state.anchorSeenAt = now;
            state.anchorFirstSeenAsMarkdown = row.querySelector('ul li') !== null;
          }
          if (now - state.anchorSeenAt <= options.anchorWindowMs) {
            state.anchorMin = Math.min(state.anchorMin, net);
            state.anchorMax = Math.max(state.anchorMax, net);
          }
        }
      }
      if (state.anchorSeenAt !== null) {
        for (const plain of scroller.querySelectorAll('[data-testid="text-as-stored"]')) {
          const rect = plain.getBoundingClientRect();
          const shown = plain.checkVisibility({ visibilityProperty: true, opacityProperty: true });
          if (shown && rect.bottom > view.top && rect.top < view.bottom) {
            state.plainTextFrames += 1;
            break;
          }
        }
      }
      state.previous = seen;
    }
    nextFrame();
  };
  nextFrame();
}
