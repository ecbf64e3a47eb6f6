// Which colour is which cluster on the map, largest first, with how many photos each holds; a
// cluster's name opens it.
import type { LibraryMap } from '../../../preload/contract/clusters';
import { clusterColour } from './cluster-colours';
import { useClustersStore } from './use-clusters-store';

export function MapLegend({ map }: { readonly map: LibraryMap }) {
  const open = useClustersStore((s) => s.openCluster);
  const show = useClustersStore((s) => s.show);
  const sizes = new Map<number | null, number>();
  for (const point of map.points) sizes.set(point.clusterId, (sizes.get(point.clusterId) ?? 0) + 1);
  const entries = map.clusters
    .filter((c) => sizes.has(c.id))
    .sort((a, b) => (sizes.get(b.id) ?? 0) - (sizes.get(a.id) ?? 0) || a.id - b.id);
  const noise = sizes.get(null) ?? 0;
  return (
    <ul className="map-legend" aria-label="Legend" data-testid="map-legend">
      {entries.map((cluster) => (
        <li key={cluster.id} data-cluster-colour={clusterColour(cluster.id)}>
          <span
            className="cluster-swatch"
            style={{ background: clusterColour(cluster.id) }}
            aria-hidden
          />
          <button
            type="button"
            className="link-button map-legend-name"
            title={`Open ${cluster.name}`}
            onClick={() => {
              show('clusters');
              open(cluster.id);
            }}
          >
            {cluster.name}
          </button>
          <span className="map-legend-count">{sizes.get(cluster.id)}</span>
        </li>
      ))}
      {noise > 0 && (
        <li>
          <span
            className="cluster-swatch"
            style={{ background: clusterColour(null) }}
            aria-hidden
          />
          <span className="map-legend-name">In no cluster</span>
          <span className="map-legend-count">{noise}</span>
        </li>
      )}
    </ul>
  );
}
