// A photo's tags counted for the grid: one per path (a confirmed "Shapes/Round/circle" is one
// keyword, not three), and the few the caption names.
import type { PhotoTagGlance } from '../../../preload/contract/browse';
import type { PhotoTag } from '../../../preload/contract/labels';

const CAPTION_TAGS = 3;

/** Tags with no tag of the same set and state below them: the deepest level of each path. */
function deepest(tags: readonly PhotoTag[]): PhotoTag[] {
  return tags.filter(
    (tag) =>
      !tags.some(
        (other) =>
          other.labelSetId === tag.labelSetId &&
          other.state === tag.state &&
          other.label.startsWith(`${tag.label}/`),
      ),
  );
}

export function tagGlance(tags: readonly PhotoTag[]): PhotoTagGlance {
  const leaves = deepest(tags);
  const of = (state: PhotoTag['state']) => leaves.filter((tag) => tag.state === state);
  const confirmed = of('confirmed');
  const waiting = of('suggested');
  const byScore = (a: PhotoTag, b: PhotoTag) => (b.score ?? -1) - (a.score ?? -1);
  const top = [...confirmed.sort(byScore), ...waiting.sort(byScore)]
    .slice(0, CAPTION_TAGS)
    .map((tag) => ({ label: tag.label, state: tag.state as 'confirmed' | 'suggested' }));
  return {
    confirmed: confirmed.length,
    waiting: waiting.length,
    rejected: of('rejected').length,
    top,
  };
}
