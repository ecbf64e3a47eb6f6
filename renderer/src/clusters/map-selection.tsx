// The photos a lasso caught, beside the map, with the tag form above them: what will be tagged is
// seen before it is tagged. Double-click a photo to open it.
import type { LibraryMap } from '../../../preload/contract/clusters';
import { formatCount } from '../format';
import { clusterColour } from './cluster-colours';
import { MapTagForm } from './map-tag-form';
import { openInPhotos } from './open-in-photos';
import { useClustersStore } from './use-clusters-store';

export function MapSelection({ map }: { readonly map: LibraryMap }) {
  const selection = useClustersStore((s) => s.selection);
  const select = useClustersStore((s) => s.select);
  const chosen = new Set(selection);
  const photos = map.points.filter((p) => chosen.has(p.id));
  return (
    <aside className="map-selection" aria-label="Lassoed photos" data-testid="map-lassoed">
      <h3 className="map-selection-title">{formatCount(photos.length, 'photo')} lassoed</h3>
      <MapTagForm selection={selection} onClear={() => select([])} />
      <ul className="map-selection-grid">
        {photos.map((photo) => (
          <li key={photo.id}>
            <button
              type="button"
              className="map-selection-photo"
              title={`${photo.path}\nDouble-click to open`}
              data-testid="lassoed-photo"
              style={{ borderColor: clusterColour(photo.clusterId) }}
              onDoubleClick={() => openInPhotos(photo, 'open')}
            >
              <img
                className="tile-image"
                src={window.facet.thumbUrl(photo.path, 128)}
                alt=""
                loading="lazy"
              />
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
