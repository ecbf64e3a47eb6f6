// The Clusters view: groups of similar photos (no number of groups asked), near-duplicates and
// the map of the library, all computed by the engine.
import { useEffect, useState } from 'react';
import { AlertIcon, CheckIcon, CloseIcon } from '../components/icons';
import { formatCount } from '../format';
import { ClusterList } from './cluster-list';
import './clusters.css';
import { DuplicateList } from './duplicate-list';
import { LibraryMap } from './library-map';
import { useClustersStore, type ClustersTab } from './use-clusters-store';

const TABS: readonly { readonly id: ClustersTab; readonly title: string }[] = [
  { id: 'clusters', title: 'Clusters' },
  { id: 'duplicates', title: 'Near-duplicates' },
  { id: 'map', title: 'Map' },
];

function Messages() {
  const error = useClustersStore((s) => s.error);
  const notice = useClustersStore((s) => s.notice);
  const clear = useClustersStore((s) => s.clearMessages);
  if (error === null && notice === null) return null;
  return (
    <div
      className={error !== null ? 'notice notice-error' : 'notice'}
      role={error !== null ? 'alert' : 'status'}
      data-testid="clusters-message"
    >
      {error !== null ? (
        <AlertIcon className="notice-icon" />
      ) : (
        <CheckIcon className="notice-icon" />
      )}
      <div className="notice-body">
        <p className="notice-message">{error ?? notice}</p>
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={clear}>
        <CloseIcon className="button-icon" />
      </button>
    </div>
  );
}

function Granularity() {
  const overview = useClustersStore((s) => s.overview);
  const setCut = useClustersStore((s) => s.setCut);
  const [cut, setLocal] = useState<number | null>(null);
  if (overview === null) return null;
  const shown = cut ?? overview.cut;
  const commit = () => {
    if (cut !== null && Math.abs(cut - overview.cut) > 1e-6) void setCut(cut);
    setLocal(null);
  };
  return (
    <label className="threshold-control">
      <span>Finer</span>
      <input
        type="range"
        min={0.15}
        max={0.6}
        step={0.01}
        value={shown}
        aria-label="How alike photos of one cluster are"
        onChange={(event) => setLocal(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
      />
      <span>Broader</span>
    </label>
  );
}

export function ClustersView() {
  const tab = useClustersStore((s) => s.tab);
  const show = useClustersStore((s) => s.show);
  const overview = useClustersStore((s) => s.overview);
  const connect = useClustersStore((s) => s.connect);

  useEffect(() => {
    void connect();
  }, [connect]);

  return (
    <section className="clusters" aria-labelledby="clusters-title" aria-busy={overview === null}>
      <header className="library-header">
        <div>
          <h1 id="clusters-title" className="library-title">
            Clusters
          </h1>
          <p className="library-summary" data-testid="clusters-summary">
            {overview === null
              ? 'Grouping similar photos…'
              : `${formatCount(overview.clusters.length, 'cluster')} of ${formatCount(overview.photos, 'photo')} · ${overview.noise.length} in none`}
          </p>
        </div>
        {tab === 'clusters' && <Granularity />}
      </header>
      <div className="tabs" role="tablist" aria-label="Clusters views">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'tab tab-active' : 'tab'}
            data-testid={`clusters-tab-${t.id}`}
            onClick={() => show(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <Messages />
      {tab === 'clusters' && <ClusterList />}
      {tab === 'duplicates' && <DuplicateList />}
      {tab === 'map' && <LibraryMap />}
    </section>
  );
}
