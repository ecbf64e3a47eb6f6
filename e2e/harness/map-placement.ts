// Where the library map draws a photo's point before any zoom or pan, so a spec can point at it.
import type { LibraryMap } from '../../preload/contract/clusters';

/** The map component's own fit of the points into a canvas of this size. */
export function placement(map: LibraryMap, width: number, height: number) {
  const padding = 24;
  const xs = map.points.map((p) => p.x);
  const ys = map.points.map((p) => p.y);
  const minX = Math.min(...xs, 0);
  const minY = Math.min(...ys, 0);
  const fit = Math.min(
    (width - 2 * padding) / (Math.max(...xs, 1) - minX || 1),
    (height - 2 * padding) / (Math.max(...ys, 1) - minY || 1),
  );
  const left = (width - (Math.max(...xs, 1) - minX) * fit) / 2;
  const top = (height - (Math.max(...ys, 1) - minY) * fit) / 2;
  return (p: { x: number; y: number }): [number, number] => [
    left + (p.x - minX) * fit,
    top + (p.y - minY) * fit,
  ];
}
