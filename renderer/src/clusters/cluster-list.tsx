// The clusters, largest first: a name (renamable), a strip of the most typical photos, and
// "Make a label", which turns the cluster into a label confirmed on all its photos.
import { useState } from 'react';
import type { ClusterSummary, PhotoRef } from '../../../preload/contract/clusters';
import { formatCount } from '../format';
import { clusterColour } from './cluster-colours';
import { ClusterPhotos } from './cluster-photos';
import { MakeLabel } from './make-label';
import { useClustersStore } from './use-clusters-store';

const STRIP = 8;

/** The first photos of a group as thumbnails, and how many more there are. */
function PhotoStrip({ photos }: { readonly photos: readonly PhotoRef[] }) {
  return (
    <div className="cluster-strip">
      {photos.slice(0, STRIP).map((photo) => (
        <img
          key={photo.id}
          className="cluster-thumb"
          src={window.facet.thumbUrl(photo.path, 128)}
          alt=""
          title={photo.path}
          loading="lazy"
        />
      ))}
      {photos.length > STRIP && <span className="cluster-more">+{photos.length - STRIP}</span>}
    </div>
  );
}

function ClusterName({ cluster }: { readonly cluster: ClusterSummary }) {
  const rename = useClustersStore((s) => s.rename);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(cluster.name);
  if (!editing)
    return (
      <div className="cluster-name-line">
        <h3 className="cluster-name" data-testid="cluster-name">
          {cluster.name}
        </h3>
        <button
          type="button"
          className="link-button"
          aria-label={`Rename ${cluster.name}`}
          onClick={() => {
            setDraft(cluster.name);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </div>
    );
  const save = () => {
    setEditing(false);
    if (draft.trim() !== '' && draft.trim() !== cluster.name) void rename(cluster.id, draft.trim());
  };
  return (
    <form
      className="cluster-name-line"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <input
        className="text-input"
        aria-label="Cluster name"
        data-testid="cluster-name-input"
        value={draft}
        maxLength={200}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setEditing(false);
        }}
      />
      <button type="submit" className="button button-primary">
        Save
      </button>
    </form>
  );
}

export function ClusterList() {
  const overview = useClustersStore((s) => s.overview);
  const opened = useClustersStore((s) => s.opened);
  const open = useClustersStore((s) => s.openCluster);
  const openedCluster = overview?.clusters.find((c) => c.id === opened);
  if (openedCluster !== undefined) return <ClusterPhotos cluster={openedCluster} />;
  if (overview === null) return <p className="clusters-empty">Finding groups of similar photos…</p>;
  if (overview.clusters.length === 0)
    return (
      <p className="clusters-empty">
        No clusters yet: add folders of photos, and once they are indexed similar ones are grouped
        here.
      </p>
    );
  return (
    <ol className="cluster-list" data-testid="cluster-list">
      {overview.clusters.map((cluster) => (
        <li key={cluster.id} className="cluster-card" data-testid="cluster-card">
          <div className="cluster-head">
            <span
              className="cluster-swatch"
              style={{ background: clusterColour(cluster.id) }}
              aria-hidden
            />
            <ClusterName cluster={cluster} />
            <span className="cluster-count">{formatCount(cluster.photos.length, 'photo')}</span>
            <button
              type="button"
              className="button"
              aria-label={`Open ${cluster.name}`}
              data-testid="open-cluster"
              onClick={() => open(cluster.id)}
            >
              Open
            </button>
            <MakeLabel cluster={cluster} />
          </div>
          <button
            type="button"
            className="cluster-strip-open"
            aria-label={`Open ${cluster.name}: ${formatCount(cluster.photos.length, 'photo')}`}
            onClick={() => open(cluster.id)}
          >
            <PhotoStrip photos={cluster.photos} />
          </button>
        </li>
      ))}
      {overview.noise.length > 0 && (
        <li className="cluster-card cluster-noise" data-testid="cluster-noise">
          <div className="cluster-head">
            <span
              className="cluster-swatch"
              style={{ background: clusterColour(null) }}
              aria-hidden
            />
            <h3 className="cluster-name">In no cluster</h3>
            <span className="cluster-count">{formatCount(overview.noise.length, 'photo')}</span>
          </div>
          <PhotoStrip photos={overview.noise} />
        </li>
      )}
    </ol>
  );
}
