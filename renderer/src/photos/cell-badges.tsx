// A grid cell's tag state at a glance: a green badge counting confirmed keywords, an amber mark
// for suggestions waiting for review, and (when captions are on) the photo's first few keywords.
import type { PhotoTagGlance } from '../../../preload/contract/browse';
import './grid-badges.css';

const leaf = (label: string) => label.slice(label.lastIndexOf('/') + 1);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function CellBadges({ tags }: { tags: PhotoTagGlance }) {
  return (
    <span className="cell-badges">
      {tags.waiting > 0 && (
        <span
          className="cell-badge cell-badge-waiting"
          data-testid="badge-waiting"
          title={plural(
            tags.waiting,
            'suggestion waiting for review',
            'suggestions waiting for review',
          )}
        >
          <span aria-hidden="true">●</span> {tags.waiting}
        </span>
      )}
      {tags.confirmed > 0 && (
        <span
          className="cell-badge cell-badge-confirmed"
          data-testid="badge-confirmed"
          title={plural(tags.confirmed, 'confirmed tag', 'confirmed tags')}
        >
          <span aria-hidden="true">✓</span> {tags.confirmed}
        </span>
      )}
    </span>
  );
}

export function CellCaption({ tags }: { tags: PhotoTagGlance }) {
  return (
    <span className="cell-caption" data-testid="cell-caption">
      {tags.top.length === 0 ? (
        <span className="cell-caption-none">No tags</span>
      ) : (
        tags.top.map((tag) => (
          <span
            key={tag.label}
            className={`cell-caption-tag cell-caption-${tag.state}`}
            title={`${tag.label}: ${tag.state === 'confirmed' ? 'confirmed' : 'suggested'}`}
          >
            {tag.state === 'confirmed' ? `✓ ${leaf(tag.label)}` : leaf(tag.label)}
          </span>
        ))
      )}
    </span>
  );
}
