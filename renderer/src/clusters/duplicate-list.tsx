// Near-duplicate groups side by side with what decides which copy to keep (size, date,
// sharpness), a threshold the user can move, and "keep the best, mark the rest" (marks only).
import { useState } from 'react';
import type { DuplicateGroup } from '../../../preload/contract/clusters';
import { folderName } from '../format';
import { useClustersStore } from './use-clusters-store';

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function Group({ group, index }: { readonly group: DuplicateGroup; readonly index: number }) {
  const mark = useClustersStore((s) => s.mark);
  const keepBest = useClustersStore((s) => s.keepBest);
  const busy = useClustersStore((s) => s.busy);
  return (
    <li className="duplicate-group" data-testid="duplicate-group">
      <div className="duplicate-head">
        <h3 className="cluster-name">
          Group {index + 1} · {group.photos.length} photos · similarity{' '}
          {group.similarity.toFixed(3)}
        </h3>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void keepBest([group.photos.map((p) => p.id)])}
        >
          Keep the best, mark the rest
        </button>
      </div>
      <div className="duplicate-photos">
        {group.photos.map((photo) => (
          <figure
            key={photo.id}
            className={photo.marked ? 'duplicate-photo duplicate-marked' : 'duplicate-photo'}
            data-testid="duplicate-photo"
          >
            <img src={window.facet.thumbUrl(photo.path, 256)} alt="" title={photo.path} />
            <figcaption>
              <span className="duplicate-file" title={photo.path}>
                {folderName(photo.path)}
              </span>
              <span>
                {photo.width}×{photo.height} · {bytes(photo.bytes)}
              </span>
              <span>{new Date(photo.date).toLocaleString()}</span>
              <span>Sharpness {photo.sharpness.toFixed(0)}</span>
              {photo.id === group.bestId && <span className="badge badge-best">Best</span>}
              <label className="duplicate-mark">
                <input
                  type="checkbox"
                  checked={photo.marked}
                  disabled={busy}
                  onChange={(event) => void mark([photo.id], event.target.checked)}
                />
                Marked to remove
              </label>
            </figcaption>
          </figure>
        ))}
      </div>
    </li>
  );
}

export function DuplicateList() {
  const duplicates = useClustersStore((s) => s.duplicates);
  const load = useClustersStore((s) => s.loadDuplicates);
  const keepBest = useClustersStore((s) => s.keepBest);
  const busy = useClustersStore((s) => s.busy);
  // The slider's value while it moves; the engine's threshold otherwise.
  const [threshold, setThreshold] = useState<number | null>(null);
  if (duplicates === null) return <p className="clusters-empty">Looking for near-duplicates…</p>;
  const shown = threshold ?? duplicates.threshold;
  return (
    <div className="duplicates">
      <div className="duplicates-controls">
        <label className="threshold-control">
          Similarity at least <strong data-testid="duplicate-threshold">{shown.toFixed(3)}</strong>
          <input
            type="range"
            min={0.85}
            max={0.999}
            step={0.001}
            value={shown}
            aria-label="Near-duplicate similarity"
            onChange={(event) => setThreshold(Number(event.target.value))}
            onPointerUp={() => void load(shown).then(() => setThreshold(null))}
            onKeyUp={() => void load(shown).then(() => setThreshold(null))}
          />
        </label>
        <button
          type="button"
          className="button button-primary"
          disabled={busy || duplicates.groups.length === 0}
          onClick={() => void keepBest(duplicates.groups.map((g) => g.photos.map((p) => p.id)))}
        >
          Keep the best of every group
        </button>
      </div>
      <p className="clusters-hint">
        Facet only marks copies; it never deletes a photo. The best copy has the most pixels, then
        is the oldest file (copies come later), then the sharpest.
      </p>
      {duplicates.groups.length === 0 ? (
        <p className="clusters-empty" data-testid="duplicates-none">
          No near-duplicates at this similarity.
        </p>
      ) : (
        <ol className="duplicate-list">
          {duplicates.groups.map((group, i) => (
            <Group key={group.bestId} group={group} index={i} />
          ))}
        </ol>
      )}
    </div>
  );
}
