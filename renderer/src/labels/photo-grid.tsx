// Thumbnails of scored photos; ticking them picks them for Confirm / Reject.
import type { ScoredPhoto } from '../../../preload/contract/labels';

interface PhotoGridProps {
  readonly photos: readonly ScoredPhoto[];
  readonly picked?: ReadonlySet<number>;
  readonly onToggle?: (fileId: number) => void;
  /** How the score reads to a person ("92 % sure"). */
  readonly describe: (score: number) => string;
  /** Scores under the photos (else only on hover). */
  readonly showScores?: boolean;
  /** Marks the first photo below the line (photos on the edge). */
  readonly threshold?: number;
  readonly testId: string;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function PhotoGrid({
  photos,
  picked,
  onToggle,
  describe,
  showScores = true,
  threshold,
  testId,
}: PhotoGridProps) {
  if (photos.length === 0) return <p className="labels-empty">No photos to show yet.</p>;
  return (
    <ul className="label-photos" data-testid={testId}>
      {photos.map((photo) => {
        const isPicked = picked?.has(photo.id) ?? false;
        const below = threshold !== undefined && photo.score < threshold;
        return (
          <li
            key={photo.id}
            className={`label-photo${isPicked ? ' label-photo-picked' : ''}${below ? ' label-photo-below' : ''}`}
            data-decision={photo.decision ?? 'none'}
          >
            <button
              type="button"
              className="label-photo-button"
              aria-pressed={onToggle === undefined ? undefined : isPicked}
              disabled={onToggle === undefined}
              title={`${fileName(photo.path)} · ${describe(photo.score)}`}
              onClick={() => onToggle?.(photo.id)}
            >
              <img
                className="tile-image"
                src={window.facet.thumbUrl(photo.path, 128)}
                alt={fileName(photo.path)}
              />
              {photo.decision !== null && (
                <span className={`label-photo-badge label-photo-badge-${photo.decision}`}>
                  {photo.decision === 'confirmed' ? '✓' : '✕'}
                </span>
              )}
            </button>
            {showScores && <span className="label-photo-score">{describe(photo.score)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
