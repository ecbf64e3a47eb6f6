// The current photo's tags in a review: each with how sure Facet is and its state, the one the
// keys act on marked, with Confirm and Reject buttons for the mouse.
import type { PhotoTag } from '../../../../preload/contract/labels';
import { describeScore } from '../../labels/label-panel';
import { currentTags, useReviewStore } from './use-review-store';

const leaf = (label: string) => label.slice(label.lastIndexOf('/') + 1);
const STATE_WORDS = { suggested: 'waiting', confirmed: 'confirmed', rejected: 'rejected' } as const;

function TagLine({ tag, focused, at }: { tag: PhotoTag; focused: boolean; at: number }) {
  const { focusTag, decide } = useReviewStore();
  const sure = tag.score === null ? null : Math.max(0, Math.min(1, tag.score));
  const act = (state: 'confirmed' | 'rejected') => {
    focusTag(at);
    void decide(state);
  };
  return (
    <li
      className={`review-tag review-tag-${tag.state}`}
      data-testid="review-tag"
      data-state={tag.state}
      aria-current={focused}
      onClick={() => focusTag(at)}
    >
      <div className="review-tag-name" title={tag.label}>
        <strong>{leaf(tag.label)}</strong>
        {tag.label.includes('/') && (
          <span className="muted"> in {tag.label.slice(0, tag.label.lastIndexOf('/'))}</span>
        )}
      </div>
      <span className="review-tag-state">{STATE_WORDS[tag.state]}</span>
      <div className="review-tag-sure">
        <span className="review-tag-bar" aria-hidden="true">
          <span style={{ width: `${Math.round((sure ?? 0) * 100)}%` }} />
        </span>
        <span>{sure === null ? 'not scored yet' : describeScore(sure)}</span>
      </div>
      <div className="review-tag-actions">
        <button
          type="button"
          className="button button-primary"
          aria-pressed={tag.state === 'confirmed'}
          onClick={(event) => {
            event.stopPropagation();
            act('confirmed');
          }}
        >
          Confirm <kbd>Y</kbd>
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={tag.state === 'rejected'}
          onClick={(event) => {
            event.stopPropagation();
            act('rejected');
          }}
        >
          Reject <kbd>N</kbd>
        </button>
      </div>
    </li>
  );
}

export function ReviewTags() {
  const state = useReviewStore();
  const tags = currentTags(state);
  const loaded = state.tags.has(state.queue[state.index]?.id ?? -1);
  if (!loaded) return <p className="muted">Loading tags…</p>;
  if (tags.length === 0) return <p className="muted">Nothing to decide on this photo any more.</p>;
  return (
    <ul className="review-tags" aria-label="Suggested tags">
      {tags.map((tag, i) => (
        <TagLine
          key={`${tag.labelSetId}:${tag.label}`}
          tag={tag}
          focused={i === state.focusedTag}
          at={i}
        />
      ))}
    </ul>
  );
}
