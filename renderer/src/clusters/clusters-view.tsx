// The Clusters view: groups of similar photos (no number of groups asked), near-duplicates and
// the map of the library, all computed by the engine.
import { useEffect, useState } from 'react';
import { ViewHeader } from '../components/view-header';
import { ViewMessage } from '../components/view-message';
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

// The cut a library starts with follows its spread (a few typical nearest-neighbour distances),
// so the slider spans it on a log scale: each step changes the cut by the same factor.
const MIN_CUT = 0.02;
const MAX_CUT = 0.8;

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
        min={Math.log(MIN_CUT)}
        max={Math.log(MAX_CUT)}
        step={0.01}
        value={Math.log(shown)}
        aria-label="How alike photos of one cluster are"
        onChange={(event) => setLocal(Number(Math.exp(Number(event.target.value)).toFixed(4)))}
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
  const error = useClustersStore((s) => s.error);
  const notice = useClustersStore((s) => s.notice);
  const clearMessages = useClustersStore((s) => s.clearMessages);

  useEffect(() => {
    void connect();
  }, [connect]);

  return (
    <section className="clusters" aria-labelledby="clusters-title" aria-busy={overview === null}>
      <ViewHeader
        titleId="clusters-title"
        title="Clusters"
        summaryTestId="clusters-summary"
        summary={
          overview === null
            ? 'Grouping similar photos…'
            : `${formatCount(overview.clusters.length, 'cluster')} of ${formatCount(overview.photos, 'photo')} · ${overview.noise.length} in none`
        }
      >
        {tab === 'clusters' && <Granularity />}
      </ViewHeader>
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
      <ViewMessage
        error={error}
        notice={notice}
        onDismiss={clearMessages}
        testId="clusters-message"
      />
      {tab === 'clusters' && <ClusterList />}
      {tab === 'duplicates' && <DuplicateList />}
      {tab === 'map' && <LibraryMap />}
    </section>
  );
}
