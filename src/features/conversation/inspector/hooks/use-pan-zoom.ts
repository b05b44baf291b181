import Panzoom, { type PanzoomEventDetail, type PanzoomObject } from '@panzoom/panzoom';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface PanZoomControls {
  /** The current zoom (1 = fitted). */
  scale: number;
  /** Zooms to `scale` (1 = fitted), centred. */
  zoomTo: (scale: number) => void;
  zoomIn: () => void;
  zoomOut: () => void;
  reset: () => void;
}

const MIN_SCALE = 0.25;
const MAX_SCALE = 16;

/**
 * Zoom and pan on one element, inside its parent: wheel zooms at the pointer, drag pans,
 * two fingers pinch (Panzoom's pointer handling); zoomIn / zoomOut / reset for the buttons and
 * the + − 0 keys. `resetKey` changing (another image) resets the view.
 */
export function usePanZoom(
  surfaceRef: React.RefObject<HTMLElement | null>,
  resetKey: string,
): PanZoomControls {
  const instance = useRef<PanzoomObject | null>(null);
  const [scale, setScale] = useState(1);

  useEffect(() => {
    const surface = surfaceRef.current;
    const stage = surface?.parentElement;
    if (!surface || !stage) return;
    const onChange = (event: Event) =>
      setScale((event as CustomEvent<PanzoomEventDetail>).detail.scale);
    surface.addEventListener('panzoomchange', onChange);
    const panzoom = Panzoom(surface, {
      canvas: true, // drag anywhere on the stage, not only on the image
      cursor: 'grab',
      minScale: MIN_SCALE,
      maxScale: MAX_SCALE,
      step: 0.3,
    });
    instance.current = panzoom;
    const onWheel = (event: WheelEvent) => panzoom.zoomWithWheel(event);
    stage.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      stage.removeEventListener('wheel', onWheel);
      surface.removeEventListener('panzoomchange', onChange);
      panzoom.destroy();
      instance.current = null;
    };
  }, [surfaceRef]);

  useEffect(() => {
    instance.current?.reset({ animate: false });
  }, [resetKey]);

  const zoomIn = useCallback(() => instance.current?.zoomIn(), []);
  const zoomOut = useCallback(() => instance.current?.zoomOut(), []);
  const reset = useCallback(() => instance.current?.reset(), []);
  const zoomTo = useCallback((next: number) => {
    const panzoom = instance.current;
    if (!panzoom) return;
    panzoom.pan(0, 0, { animate: false });
    panzoom.zoom(Math.min(MAX_SCALE, Math.max(MIN_SCALE, next)), { animate: true });
  }, []);
  return { scale, zoomTo, zoomIn, zoomOut, reset };
}
