// The selected label: the words that describe it, how sure Facet must be (with the photos on the
// edge), and its best matches to confirm or reject.
import { useRef } from 'react';
import type { LabelSetDetail } from '../../../preload/contract/labels';
import { leafName, setPrompts, setThreshold } from './label-edits';
import { depthOf, splitLevels } from './label-path';
import { formatCount } from '../format';
import { PhotoGrid } from './photo-grid';
import { ThresholdHistogram } from './threshold-histogram';
import { useLabelsStore } from './use-labels-store';

/** A score in words: in both modes it is how sure Facet is (a probability), so "% sure". */
export function describeScore(score: number): string {
  return `${Math.round(Math.max(0, Math.min(1, score)) * 100)} % sure`;
}

const COMMIT_DELAY_MS = 250;

function Words({ set, path }: { readonly set: LabelSetDetail; readonly path: string }) {
  const apply = useLabelsStore((s) => s.apply);
  const label = set.labels.find((l) => l.path === path);
  const current = (label?.prompts ?? []).join(', ');
  const save = (text: string) => {
    const words = text
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w !== '');
    const next = words.length === 0 ? null : words;
    if (JSON.stringify(next) !== JSON.stringify(label?.prompts ?? null))
      void apply(setPrompts(set, path, next));
  };
  return (
    <label className="labels-field">
      <span className="labels-subtitle">Words that describe it</span>
      <input
        key={`${path}\u0000${current}`}
        defaultValue={current}
        placeholder={`${leafName(path)} (add other words, separated by commas)`}
        data-testid="label-words"
        onBlur={(event) => save(event.target.value)}
        onKeyDown={(event) => event.key === 'Enter' && save(event.currentTarget.value)}
      />
      <span className="labels-hint">
        Facet looks for photos matching any of these words, e.g. “heron, grey heron, wading bird”.
      </span>
    </label>
  );
}

export function LabelPanel({ set, path }: { readonly set: LabelSetDetail; readonly path: string }) {
  const scores = useLabelsStore((s) => s.scores);
  const picked = useLabelsStore((s) => s.picked);
  const apply = useLabelsStore((s) => s.apply);
  const togglePick = useLabelsStore((s) => s.togglePick);
  const decidePicked = useLabelsStore((s) => s.decidePicked);
  const decideAboveLine = useLabelsStore((s) => s.decideAboveLine);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const isParent = set.labels.some((l) => l.path.startsWith(`${path}/`));
  const describe = describeScore;

  const moveLine = (threshold: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => void apply(setThreshold(set, path, Math.round(threshold * 1e4) / 1e4)),
      COMMIT_DELAY_MS,
    );
  };

  return (
    <section
      className="label-panel"
      aria-label={`Label ${leafName(path)}`}
      data-testid="label-panel"
    >
      <h2 className="labels-title" title={leafName(path)}>
        {leafName(path)}
      </h2>
      {depthOf(path) > 0 && <p className="labels-hint">{splitLevels(path).join(' › ')}</p>}
      {!isParent && <Words set={set} path={path} />}
      {scores === null || scores.label !== path ? (
        <p className="labels-hint" aria-busy="true">
          Scoring the library…
        </p>
      ) : scores.photos === 0 ? (
        <p className="labels-empty">
          No photos to score yet: add at least two labels (or one with “Leave the rest untagged”),
          and let Facet finish indexing.
        </p>
      ) : (
        <>
          {isParent ? (
            <p className="labels-hint">
              Photos get “{leafName(path)}” when they get one of the labels under it:{' '}
              <strong>{scores.above}</strong> of {formatCount(scores.photos, 'photo')}.
            </p>
          ) : (
            <ThresholdHistogram
              scores={scores}
              label={leafName(path)}
              describe={describe}
              onChange={moveLine}
              onReset={() => void apply(setThreshold(set, path, null))}
            />
          )}
          {!isParent && (
            <div className="labels-card">
              <h3 className="labels-subtitle">Photos on the edge</h3>
              <p className="labels-hint">
                Just above the line (they get the label) and just below it (faded).
              </p>
              <PhotoGrid
                photos={scores.nearThreshold}
                picked={picked}
                onToggle={togglePick}
                describe={describe}
                threshold={scores.threshold}
                testId="edge-photos"
              />
            </div>
          )}
          <div className="labels-card">
            <div className="labels-card-head">
              {/* A label no photo clearly shows says so, rather than offer the least-bad photos. */}
              {scores.above === 0 ? (
                <h3 className="labels-subtitle" data-testid="no-clear-match">
                  No photo clearly shows “{leafName(path)}”; the closest ones are below
                </h3>
              ) : (
                <h3 className="labels-subtitle">Best matches</h3>
              )}
              <div className="decide-bar" data-testid="decide-bar">
                <span className="labels-hint">
                  {picked.size === 0 ? 'Click photos to pick them' : `${picked.size} picked`}
                </span>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={picked.size === 0}
                  onClick={() => void decidePicked('confirmed')}
                >
                  Confirm “{leafName(path)}”
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={picked.size === 0}
                  onClick={() => void decidePicked('rejected')}
                >
                  Not “{leafName(path)}”
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={picked.size === 0}
                  onClick={() => void decidePicked('suggested')}
                >
                  Undo decision
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={scores.above === 0}
                  onClick={() => void decideAboveLine('confirmed')}
                >
                  Confirm all {scores.above} above the line
                </button>
              </div>
            </div>
            <PhotoGrid
              photos={scores.best}
              picked={picked}
              onToggle={togglePick}
              describe={describe}
              testId="best-photos"
            />
          </div>
        </>
      )}
    </section>
  );
}
