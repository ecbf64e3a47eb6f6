// "Make a label": the cluster's name becomes a label of a set, confirmed on all its photos.
import { useState } from 'react';
import type { ClusterSummary } from '../../../preload/contract/clusters';
import { useClustersStore } from './use-clusters-store';

export function MakeLabel({ cluster }: { readonly cluster: ClusterSummary }) {
  const labelSets = useClustersStore((s) => s.labelSets);
  const toLabel = useClustersStore((s) => s.toLabel);
  const busy = useClustersStore((s) => s.busy);
  const [target, setTarget] = useState('');
  return (
    <div className="cluster-actions">
      <select
        className="select"
        aria-label={`Label set for ${cluster.name}`}
        value={target}
        onChange={(event) => setTarget(event.target.value)}
      >
        <option value="">Clusters (label set)</option>
        {labelSets
          .filter((s) => s.name !== 'Clusters')
          .map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void toLabel(cluster.id, target === '' ? null : Number(target))}
      >
        Make a label of {cluster.photos.length} photos
      </button>
    </div>
  );
}
