import { useEffect, useRef, useState } from 'react';
import type { Size } from '@/lib/vision/estimate-image-tokens.ts';

/** The grid the model's view is cut into: 512-px tiles (tile rules, high) or 32-px patches. */
export interface ModelGrid {
  kind: 'tile' | 'patch';
  cell: number;
  columns: number;
  rows: number;
}

/**
 * The image resized as the token rules say the model gets it, drawn into a canvas at exactly
 * that resolution (so zooming shows what was lost), with the tile or patch grid over it.
 * Resampling runs in createImageBitmap, off the main thread where the browser can.
 */
// Grid lines stay one screen pixel wide whatever the zoom.
const crisp = { vectorEffect: 'non-scaling-stroke' } as const;

export function ModelView({
  source,
  fallback,
  resized,
  grid,
  box,
}: {
  /** The original bytes, when readable. */
  source: Blob | null;
  /** The loaded <img> to draw from otherwise (a cross-origin image without CORS). */
  fallback: HTMLImageElement | null;
  resized: Size;
  grid: ModelGrid | null;
  /** The on-screen box, the same as the original's, so toggling doesn't move anything. */
  box: Size;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const drawKey = `${resized.width}x${resized.height}`;

  useEffect(() => {
    const canvas = canvasRef.current;
    const from = source ?? fallback;
    if (!canvas || !from) return;
    let cancelled = false;
    createImageBitmap(from, {
      resizeWidth: resized.width,
      resizeHeight: resized.height,
      resizeQuality: 'high',
    })
      .then((bitmap) => {
        if (cancelled) return bitmap.close();
        const context = canvas.getContext('2d');
        context?.clearRect(0, 0, canvas.width, canvas.height);
        context?.drawImage(bitmap, 0, 0);
        bitmap.close();
        setFailed(null);
      })
      .catch(() => {
        if (!cancelled) setFailed(drawKey);
      });
    return () => {
      cancelled = true;
    };
  }, [source, fallback, resized.width, resized.height, drawKey]);

  const lines: React.ReactNode[] = [];
  const cells: React.ReactNode[] = [];
  if (grid) {
    for (let c = 1; c < grid.columns; c++) {
      const x = c * grid.cell;
      lines.push(<line key={`x${c}`} x1={x} x2={x} y1={0} y2={resized.height} {...crisp} />);
    }
    for (let r = 1; r < grid.rows; r++) {
      const y = r * grid.cell;
      lines.push(<line key={`y${r}`} x1={0} x2={resized.width} y1={y} y2={y} {...crisp} />);
    }
    if (grid.kind === 'tile') {
      const fontSize = Math.max(6, Math.min(36, Math.min(resized.width, resized.height) / 6));
      for (let r = 0; r < grid.rows; r++) {
        for (let c = 0; c < grid.columns; c++) {
          const x = c * grid.cell;
          const y = r * grid.cell;
          cells.push(
            <g key={`${r}-${c}`} data-testid="model-tile">
              <rect
                x={x}
                y={y}
                width={Math.min(grid.cell, resized.width - x)}
                height={Math.min(grid.cell, resized.height - y)}
                {...crisp}
              />
              <text
                x={x + fontSize / 3}
                y={y + fontSize * 1.1}
                fill="#f43f5e"
                stroke="none"
                fontSize={fontSize}
              >
                {r * grid.columns + c + 1}
              </text>
            </g>,
          );
        }
      }
    }
  }

  return (
    <div
      className="relative shrink-0"
      style={{ width: box.width, height: box.height }}
      data-testid="model-view"
      data-resized={`${resized.width}x${resized.height}`}
    >
      <canvas
        ref={canvasRef}
        width={resized.width}
        height={resized.height}
        className="absolute inset-0 h-full w-full bg-white"
        role="img"
        aria-label={`The image as the model received it, ${resized.width} × ${resized.height}`}
      />
      {grid && (
        <svg
          viewBox={`0 0 ${resized.width} ${resized.height}`}
          preserveAspectRatio="none"
          className="pointer-events-none absolute inset-0 h-full w-full"
          aria-hidden="true"
        >
          <g
            stroke={grid.kind === 'tile' ? '#f43f5e' : '#0ea5e9'}
            strokeWidth={grid.kind === 'tile' ? 2 : 1}
            fill="none"
          >
            {lines}
          </g>
          <g stroke="#f43f5e" strokeWidth={2} fill="none">
            {cells}
          </g>
        </svg>
      )}
      {failed === drawKey && (
        <p className="absolute inset-x-0 bottom-0 bg-rose-50/95 p-2 text-sm text-rose-900">
          The resized view could not be drawn from this image.
        </p>
      )}
    </div>
  );
}
