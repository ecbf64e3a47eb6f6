// The map of the library: every photo a dot placed by the engine's UMAP layout, coloured by
// cluster (with a legend), its thumbnail on hover and the photo opened on a click; wheel to zoom,
// drag to pan, lasso (or shift-drag) to select photos, shown beside the map with the tag form.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MapPoint } from '../../../preload/contract/clusters';
import { recordEvent } from '../test-events';
import { clusterColour } from './cluster-colours';
import { MapLegend } from './map-legend';
import { MapSelection } from './map-selection';
import { openInPhotos } from './open-in-photos';
import { useClustersStore } from './use-clusters-store';
import { formatCount } from '../format';

interface View {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}

const PADDING = 24;
const RADIUS = 4;

function inside(polygon: readonly [number, number][], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as [number, number];
    const [xj, yj] = polygon[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

export function LibraryMap() {
  const map = useClustersStore((s) => s.map);
  // The canvas exists once the map has loaded: that is when it can be measured.
  const hasMap = map !== null;
  const selection = useClustersStore((s) => s.selection);
  const select = useClustersStore((s) => s.select);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The canvas's size once measured: nothing is drawn (or hit-tested) before.
  const [measured, setSize] = useState<{ width: number; height: number } | null>(null);
  const size = useMemo(() => measured ?? { width: 0, height: 0 }, [measured]);
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  const [lassoMode, setLassoMode] = useState(false);
  const [lasso, setLasso] = useState<[number, number][] | null>(null);
  // The lasso's path as the pointer moves (several moves can arrive between two renders).
  const lassoPath = useRef<[number, number][] | null>(null);
  const [hover, setHover] = useState<{ point: MapPoint; x: number; y: number } | null>(null);
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);

  const names = useMemo(() => new Map(map?.clusters.map((c) => [c.id, c.name]) ?? []), [map]);

  /** Data -> canvas pixels: fit the layout's bounds, then the user's zoom and pan. */
  const project = useMemo(() => {
    const points = map?.points ?? [];
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const minX = Math.min(...xs, 0);
    const maxX = Math.max(...xs, 1);
    const minY = Math.min(...ys, 0);
    const maxY = Math.max(...ys, 1);
    const fit = Math.min(
      (size.width - 2 * PADDING) / (maxX - minX || 1),
      (size.height - 2 * PADDING) / (maxY - minY || 1),
    );
    // Centred in the canvas, whichever side limits the fit.
    const left = (size.width - (maxX - minX) * fit) / 2;
    const top = (size.height - (maxY - minY) * fit) / 2;
    return (p: { x: number; y: number }): [number, number] => [
      (left + (p.x - minX) * fit) * view.scale + view.x,
      (top + (p.y - minY) * fit) * view.scale + view.y,
    ];
  }, [map, size, view]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry === undefined) return;
      setSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [hasMap]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (canvas === null || context === null || context === undefined) return;
    if (map === null || measured === null) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * ratio);
    canvas.height = Math.round(size.height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, size.width, size.height);
    const selected = new Set(selection);
    for (const point of map.points) {
      const [x, y] = project(point);
      context.beginPath();
      context.arc(x, y, RADIUS, 0, Math.PI * 2);
      context.fillStyle = clusterColour(point.clusterId);
      context.fill();
      if (selected.has(point.id)) {
        context.lineWidth = 2;
        context.strokeStyle = getComputedStyle(canvas).color;
        context.stroke();
      }
    }
    if (lasso !== null && lasso.length > 1) {
      context.beginPath();
      lasso.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
      context.closePath();
      context.setLineDash([5, 4]);
      context.lineWidth = 1.5;
      context.strokeStyle = getComputedStyle(canvas).color;
      context.stroke();
      context.setLineDash([]);
    }
    if (map.points.length > 0) recordEvent('map-drawn');
  }, [map, measured, size, project, selection, lasso]);

  const at = (event: React.PointerEvent | React.WheelEvent): [number, number] => {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  };

  const nearest = useCallback(
    (x: number, y: number): MapPoint | null => {
      let best: MapPoint | null = null;
      let bestDistance = (RADIUS + 4) ** 2;
      for (const point of map?.points ?? []) {
        const [px, py] = project(point);
        const d = (px - x) ** 2 + (py - y) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = point;
        }
      }
      return best;
    },
    [map, project],
  );

  const onPointerDown = (event: React.PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const [x, y] = at(event);
    if (lassoMode || event.shiftKey) {
      lassoPath.current = [[x, y]];
      setLasso(lassoPath.current);
    } else drag.current = { x, y, view, moved: false };
  };
  const onPointerMove = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const [x, y] = at(event);
    if (lassoPath.current !== null) {
      lassoPath.current = [...lassoPath.current, [x, y]];
      setLasso(lassoPath.current);
      return;
    }
    if (drag.current !== null) {
      const start = drag.current;
      // A few pixels of hand tremble are still a click on a dot.
      if (!start.moved && Math.hypot(x - start.x, y - start.y) < 4) return;
      start.moved = true;
      setView({ ...start.view, x: start.view.x + x - start.x, y: start.view.y + y - start.y });
      return;
    }
    const point = nearest(x, y);
    setHover(point === null ? null : { point, x, y });
  };
  const onPointerUp = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const click = drag.current !== null && !drag.current.moved;
    drag.current = null;
    if (click) {
      const [x, y] = at(event);
      const point = nearest(x, y);
      if (point !== null) {
        recordEvent('map-photo-opened');
        openInPhotos(point, 'open');
      }
      return;
    }
    const path = lassoPath.current;
    lassoPath.current = null;
    setLasso(null);
    if (path === null || path.length <= 2 || map === null) return;
    select(
      map.points
        .filter((p) => {
          const [x, y] = project(p);
          return inside(path, x, y);
        })
        .map((p) => p.id),
    );
  };
  const onWheel = (event: React.WheelEvent<HTMLCanvasElement>) => {
    const [x, y] = at(event);
    const factor = Math.exp(-event.deltaY * 0.0015);
    const scale = Math.min(40, Math.max(0.5, view.scale * factor));
    const k = scale / view.scale;
    setView({ scale, x: x - (x - view.x) * k, y: y - (y - view.y) * k });
  };

  if (map === null) return <p className="clusters-empty">Laying out the map…</p>;
  return (
    <div className="map">
      <div className="map-toolbar">
        <button
          type="button"
          className={lassoMode ? 'button button-primary' : 'button'}
          aria-pressed={lassoMode}
          onClick={() => setLassoMode(!lassoMode)}
        >
          Lasso
        </button>
        <button type="button" className="button" onClick={() => setView({ scale: 1, x: 0, y: 0 })}>
          Fit
        </button>
        <span className="clusters-hint">
          {formatCount(map.points.length, 'photo')} · click a dot to open it, scroll to zoom, drag
          to pan, lasso or shift-drag to select
        </span>
      </div>
      <MapLegend map={map} />
      <div className={selection.length > 0 ? 'map-body map-body-selected' : 'map-body'}>
        <div className="map-stage">
          <canvas
            ref={canvasRef}
            className={lassoMode ? 'map-canvas map-lasso' : 'map-canvas'}
            data-testid="library-map"
            role="img"
            aria-label={`Map of ${formatCount(map.points.length, 'photo')} in ${formatCount(map.clusters.length, 'cluster')}`}
            style={{ cursor: hover !== null && !lassoMode ? 'pointer' : undefined }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerLeave={() => setHover(null)}
            onWheel={onWheel}
          />
          {hover !== null && (
            <div
              className="map-hover"
              data-testid="map-hover"
              style={{
                left: Math.min(hover.x + 14, size.width - 150),
                top: Math.min(hover.y + 14, size.height - 170),
              }}
            >
              <img src={window.facet.thumbUrl(hover.point.path, 128)} alt="" />
              <span>
                {hover.point.clusterId === null
                  ? 'In no cluster'
                  : (names.get(hover.point.clusterId) ?? '')}
              </span>
            </div>
          )}
        </div>
        {selection.length > 0 && <MapSelection map={map} />}
      </div>
    </div>
  );
}
