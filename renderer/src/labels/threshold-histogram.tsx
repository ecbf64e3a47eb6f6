// "How sure must Facet be?": how the library's photos score on a label, in "% sure", with the
// line a photo must reach drawn on the bars; drag it, click the bars, or use the arrow keys.
import type { LabelScores } from '../../../preload/contract/labels';
import { percentText } from '../components/histogram-scale';
import { ScoreHistogram } from '../components/score-histogram';
import { formatCount } from '../format';

interface ThresholdHistogramProps {
  readonly scores: LabelScores;
  readonly label: string;
  readonly describe: (score: number) => string;
  readonly onChange: (threshold: number) => void;
  readonly onReset: () => void;
}

export function ThresholdHistogram({
  scores,
  label,
  describe,
  onChange,
  onReset,
}: ThresholdHistogramProps) {
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
      <ScoreHistogram
        counts={scores.histogram.counts}
        min={scores.histogram.min}
        max={scores.histogram.max}
        value={scores.threshold}
        name="How sure must Facet be?"
        axis="How sure Facet is"
        tick={percentText}
        describe={describe}
        onCommit={onChange}
      />
    </div>
  );
}
