// An opened cluster: a grid of all its photos to select (click, shift- and ctrl/cmd-click), tag,
// search more like, or open; and the whole cluster made a label.
import { useState } from 'react';
import type { ClusterSummary } from '../../../preload/contract/clusters';
import { formatCount } from '../format';
import { clusterColour } from './cluster-colours';
import { MakeLabel } from './make-label';
import { MapTagForm } from './map-tag-form';
import { openInPhotos } from './open-in-photos';
import { useClustersStore } from './use-clusters-store';

export function ClusterPhotos({ cluster }: { readonly cluster: ClusterSummary }) {
  const selection = useClustersStore((s) => s.openedSelection);
  const select = useClustersStore((s) => s.selectInCluster);
  const close = useClustersStore((s) => s.openCluster);
  const [anchor, setAnchor] = useState<number | null>(null);
  const chosen = new Set(selection);
  const photos = cluster.photos;
  const single = selection.length === 1 ? photos.find((p) => p.id === selection[0]) : undefined;

  const click = (index: number, event: React.MouseEvent) => {
    const id = (photos[index] as { id: number }).id;
    if (event.shiftKey && anchor !== null) {
      const [from, to] = [Math.min(anchor, index), Math.max(anchor, index)];
      select([...new Set([...selection, ...photos.slice(from, to + 1).map((p) => p.id)])]);
      return;
    }
    if (event.ctrlKey || event.metaKey)
      select(chosen.has(id) ? selection.filter((x) => x !== id) : [...selection, id]);
    else select([id]);
    setAnchor(index);
  };

  return (
    <section className="cluster-open" aria-label={cluster.name} data-testid="cluster-open">
      <div className="cluster-open-head">
        <button type="button" className="button" onClick={() => close(null)}>
          ← All clusters
        </button>
        <span
          className="cluster-swatch"
          style={{ background: clusterColour(cluster.id) }}
          aria-hidden
        />
        <h2 className="cluster-name">{cluster.name}</h2>
        <span className="cluster-count">{formatCount(photos.length, 'photo')}</span>
        <MakeLabel cluster={cluster} />
      </div>
      <div className="cluster-open-actions">
        <span className="clusters-hint" data-testid="cluster-selection">
          {selection.length === 0
            ? 'Click photos to select them (Shift, Ctrl/⌘ to add); double-click to open one.'
            : `${formatCount(selection.length, 'photo')} selected`}
        </span>
        <button
          type="button"
          className="button"
          onClick={() => select(photos.map((p) => p.id))}
          disabled={selection.length === photos.length}
        >
          Select all
        </button>
        <button
          type="button"
          className="button"
          disabled={single === undefined}
          title={single === undefined ? 'Select one photo' : undefined}
          onClick={() => single !== undefined && openInPhotos(single, 'similar')}
        >
          More like this
        </button>
      </div>
      {selection.length > 0 && <MapTagForm selection={selection} onClear={() => select([])} />}
      <ul className="cluster-grid" aria-label={`Photos of ${cluster.name}`}>
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <button
              type="button"
              className="cluster-grid-photo"
              aria-pressed={chosen.has(photo.id)}
              data-testid="cluster-photo"
              title={photo.path}
              onClick={(event) => click(index, event)}
              onDoubleClick={() => openInPhotos(photo, 'open')}
            >
              <img
                className="tile-image"
                src={window.facet.thumbUrl(photo.path, 256)}
                alt=""
                loading="lazy"
              />
              {chosen.has(photo.id) && (
                <span className="cluster-grid-check" aria-hidden="true">
                  ✓
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
