// A photo's tags as the photo view shows them: one card per path ("Shapes/Round/circle"), the
// labels above the leaf being levels of that card rather than cards of their own.
import type { PhotoTag } from '../../../preload/contract/labels';

export interface TagCard {
  /** The deepest tag of the path: what the card's score, state and keys are about. */
  readonly tag: PhotoTag;
  /** The tags above it on this photo, outermost first (each can be decided from the card). */
  readonly above: readonly PhotoTag[];
}

const key = (setId: number, label: string) => `${setId}\u0000${label}`;

function ancestorsOf(label: string): string[] {
  const parts = label.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** Cards in the order of the tags (best first); a tag with a tag below it is a level, not a card. */
export function tagCards(tags: readonly PhotoTag[]): TagCard[] {
  const byKey = new Map(tags.map((tag) => [key(tag.labelSetId, tag.label), tag]));
  const hasBelow = (tag: PhotoTag) =>
    tags.some((o) => o.labelSetId === tag.labelSetId && o.label.startsWith(`${tag.label}/`));
  return tags
    .filter((tag) => !hasBelow(tag))
    .map((tag) => ({
      tag,
      above: ancestorsOf(tag.label).flatMap((label) => {
        const found = byKey.get(key(tag.labelSetId, label));
        return found === undefined ? [] : [found];
      }),
    }));
}
