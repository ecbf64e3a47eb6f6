// How a library's photos score, as a histogram a person can read: a score axis with round ticks,
// a photo-count axis (log where small bins would vanish, and it says so), the range and count
// of the bin under the pointer, and the cut-off drawn on the bars. The line is the slider: drag
// it (or click anywhere on the bars), or focus it and use the arrow keys.
import { useEffect, useRef, useState } from 'react';
import { countScale, niceTicks } from './histogram-scale';
import './score-histogram.css';
import { formatCount } from '../format';

export interface ScoreHistogramProps {
  /** Photos per bin, bins of equal width from `min` to `max`. */
  readonly counts: readonly number[];
  readonly min: number;
  readonly max: number;
  /** The score axis, when it is not just the bins and the line. */
  readonly range?: readonly [number, number];
  /** Where the line is: photos scoring at least this are kept. */
  readonly value: number;
  /** The slider's name ("Relevance cut-off"). */
  readonly name: string;
  /** What the score axis measures ("How sure Facet is"). */
  readonly axis: string;
  /** A score as a tick reads, given the step between ticks ("60 %", "0.26"). */
  readonly tick: (score: number, step: number) => string;
  /** The line's value in words, read aloud and shown on it ("at least 62 % sure"). */
  readonly describe: (score: number) => string;
  /** While the line moves. */
  readonly onInput?: (value: number) => void;
  /** When the line is let go (or a key moved it). */
  readonly onCommit: (value: number) => void;
  readonly testId?: string;
}

const STEPS = 400;

export function ScoreHistogram(props: ScoreHistogramProps) {
  const { counts, min, max, value, range, name, axis, tick, describe, onInput, onCommit } = props;
  const input = useRef<HTMLInputElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  // Where the line is dragged to, while the value it started from is still the one shown.
  const [moving, setMoving] = useState<{ from: number; at: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  // The axis holds the bins and the committed line, wherever the user put it.
  const lo = range?.[0] ?? Math.min(min, value);
  const hi = Math.max(range?.[1] ?? Math.max(max, value), lo + 1e-6);
  const span = hi - lo;
  const shown = moving !== null && moving.from === value ? moving.at : value;
  const at = (score: number) => Math.min(1, Math.max(0, (score - lo) / span));
  const binWidth = (max - min) / Math.max(1, counts.length);
  const scale = countScale(counts);
  const { ticks, step } = niceTicks(lo, hi, 5);

  // React's onChange is the input event; the native change event is the drop (or a key).
  useEffect(() => {
    const element = input.current;
    if (element === null) return;
    const changed = () => onCommit(Number(element.value));
    element.addEventListener('change', changed);
    return () => element.removeEventListener('change', changed);
  }, [onCommit]);

  const binAt = (clientX: number): number | null => {
    const box = plot.current?.getBoundingClientRect();
    if (box === undefined || box.width === 0 || counts.length === 0) return null;
    const score = lo + ((clientX - box.left) / box.width) * span;
    const bin = Math.floor((score - min) / binWidth);
    return bin >= 0 && bin < counts.length ? bin : null;
  };
  const hovered = hover === null ? null : { i: hover, count: counts[hover] ?? 0 };

  return (
    <div className="score-histogram">
      <div className="score-histogram-body">
        <div className="score-histogram-counts" aria-hidden="true">
          {scale.ticks.map((t) => (
            <span key={t} style={{ bottom: `${scale.height(t) * 100}%` }}>
              {t.toLocaleString()}
            </span>
          ))}
        </div>
        <div
          ref={plot}
          className="score-histogram-plot"
          data-testid={props.testId ?? 'histogram'}
          onMouseMove={(event) => setHover(binAt(event.clientX))}
          onMouseLeave={() => setHover(null)}
        >
          {scale.ticks.map((t) => (
            <span
              key={t}
              className="score-histogram-grid"
              style={{ bottom: `${scale.height(t) * 100}%` }}
            />
          ))}
          {counts.map((count, i) => {
            const from = min + i * binWidth;
            return (
              <span
                key={i}
                className={`score-histogram-bar${from + binWidth / 2 >= shown ? ' score-histogram-bar-kept' : ''}${hover === i ? ' score-histogram-bar-hover' : ''}`}
                style={{
                  left: `${at(from) * 100}%`,
                  width: `${(binWidth / span) * 100}%`,
                  height: `${scale.height(count) * 100}%`,
                }}
              />
            );
          })}
          <input
            ref={input}
            type="range"
            className="score-histogram-input"
            aria-label={name}
            aria-valuetext={describe(shown)}
            min={lo}
            max={hi}
            step={span / STEPS}
            value={shown}
            onChange={(event) => {
              const next = Number(event.target.value);
              setMoving({ from: value, at: next });
              onInput?.(next);
            }}
          />
          <span className="score-histogram-line" style={{ left: `${at(shown) * 100}%` }}>
            <span
              className={`score-histogram-flag${at(shown) > 0.7 ? ' score-histogram-flag-left' : ''}`}
              data-testid="histogram-line-value"
            >
              {describe(shown)}
            </span>
          </span>
          {hovered !== null && (
            <span
              className={`score-histogram-tip${at(min + (hovered.i + 0.5) * binWidth) > 0.6 ? ' score-histogram-tip-left' : ''}`}
              role="tooltip"
              data-testid="histogram-tip"
              style={{ left: `${at(min + (hovered.i + 0.5) * binWidth) * 100}%` }}
            >
              {tick(min + hovered.i * binWidth, binWidth)}–
              {tick(min + (hovered.i + 1) * binWidth, binWidth)}:{' '}
              <strong>{formatCount(hovered.count, 'photo')}</strong>
            </span>
          )}
        </div>
      </div>
      <div className="score-histogram-ticks" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} style={{ left: `${at(t) * 100}%` }} data-testid="histogram-tick">
            {tick(t, step)}
          </span>
        ))}
      </div>
      <p className="score-histogram-caption">
        <span>{axis} →</span>
        <span data-testid="histogram-scale-note">
          {scale.log ? 'Photos per bar, log scale (so one photo still shows)' : 'Photos per bar'}
        </span>
      </p>
    </div>
  );
}
