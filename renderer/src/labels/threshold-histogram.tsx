// "How sure must Facet be?": how the library's photos score on a label, as bars from "not alike"
// to "very alike", with the line a photo must reach; click the bars or drag the slider to move it.
import { useRef } from 'react';
import type { LabelScores } from '../../../preload/contract/labels';
import { formatCount } from '../format';

interface ThresholdHistogramProps {
  readonly scores: LabelScores;
  readonly label: string;
  readonly describe: (score: number) => string;
  readonly onChange: (threshold: number) => void;
  readonly onReset: () => void;
}

const STEPS = 200;

export function ThresholdHistogram({
  scores,
  label,
  describe,
  onChange,
  onReset,
}: ThresholdHistogramProps) {
  const bars = useRef<HTMLDivElement>(null);
  const { min, max, counts } = scores.histogram;
  const tallest = Math.max(1, ...counts);
  const span = max - min || 1;
  const position = Math.min(1, Math.max(0, (scores.threshold - min) / span));
  const at = (fraction: number) => min + fraction * span;

  const pick = (clientX: number) => {
    const box = bars.current?.getBoundingClientRect();
    if (box === undefined || box.width === 0) return;
    onChange(at(Math.min(1, Math.max(0, (clientX - box.left) / box.width))));
  };

  return (
    <div className="threshold" data-testid="threshold">
      <div className="threshold-head">
        <h3 className="labels-subtitle" id="threshold-title">
          How sure must Facet be?
        </h3>
        {scores.derived ? (
          <span className="threshold-chip">Facet chose this line</span>
        ) : (
          <button type="button" className="link-button" onClick={onReset}>
            Let Facet choose
          </button>
        )}
      </div>
      <p className="labels-hint" data-testid="threshold-summary">
        <strong>{scores.above}</strong> of {formatCount(scores.photos, 'photo')} get “{label}” (at
        least {describe(scores.threshold)}).
      </p>
      <div
        ref={bars}
        className="histogram"
        data-testid="histogram"
        role="presentation"
        onClick={(event) => pick(event.clientX)}
      >
        {counts.map((count, i) => (
          <span
            key={i}
            className={`histogram-bar${(i + 0.5) / counts.length >= position ? ' histogram-bar-in' : ''}`}
            style={{ height: `${count === 0 ? 0 : Math.max(4, (count / tallest) * 100)}%` }}
          />
        ))}
        <span className="histogram-line" style={{ left: `${position * 100}%` }} />
      </div>
      <div className="histogram-scale">
        <span>{scores.mode === 'exclusive' ? 'Less sure' : 'Less alike'}</span>
        <span>{scores.mode === 'exclusive' ? 'More sure' : 'More alike'}</span>
      </div>
      <input
        type="range"
        className="threshold-slider"
        aria-labelledby="threshold-title"
        aria-valuetext={describe(scores.threshold)}
        min={0}
        max={STEPS}
        value={Math.round(position * STEPS)}
        onChange={(event) => onChange(at(Number(event.target.value) / STEPS))}
      />
    </div>
  );
}
