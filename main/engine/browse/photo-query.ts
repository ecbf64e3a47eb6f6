// The grid's filter and sort over the library's photos and their tags: pure, so the same code
// answers the app and the tests, and 100,000 photos are ordered in a few tens of milliseconds.
import type { LabelRef, PhotoFilter, PhotoRow, PhotoSort } from '../../../preload/contract/browse';
import type { PhotoTag, TagState } from '../../../preload/contract/labels';
import { childPrefix } from '../library/library';

export interface PhotoRecord {
  readonly id: number;
  readonly path: string;
  /** The file's folder and name, split where the path's last separator is. */
  readonly folder: string;
  readonly name: string;
  readonly taken: number | null;
}

/** A grid row before its page's tags are counted (only the rows of a page are). */
export type OrderedPhoto = Omit<PhotoRow, 'tags'>;

const DEFAULT_STATES: readonly TagState[] = ['suggested', 'confirmed'];

const labelMatches = (tag: PhotoTag, wanted: LabelRef): boolean =>
  tag.labelSetId === wanted.labelSetId &&
  (tag.label === wanted.label || tag.label.startsWith(`${wanted.label}/`));

/** True when the filter asks anything of the photos' tags. */
export function filtersTags(filter: PhotoFilter): boolean {
  return (
    (filter.labels?.length ?? 0) > 0 ||
    filter.labelSetId != null ||
    filter.states !== undefined ||
    filter.minScore != null ||
    filter.maxScore != null
  );
}

/** Tags that count under the filter's set, state and score bounds. */
function countingTags(tags: readonly PhotoTag[], filter: PhotoFilter): PhotoTag[] {
  const states = filter.states ?? DEFAULT_STATES;
  const min = filter.minScore ?? null;
  const max = filter.maxScore ?? null;
  return tags.filter(
    (tag) =>
      (filter.labelSetId == null || tag.labelSetId === filter.labelSetId) &&
      states.includes(tag.state) &&
      (min === null || (tag.score !== null && tag.score >= min)) &&
      (max === null || (tag.score !== null && tag.score <= max)),
  );
}

function best(tags: readonly PhotoTag[]): PhotoTag | null {
  let top: PhotoTag | null = null;
  for (const tag of tags)
    if (top === null || (tag.score ?? -Infinity) > (top.score ?? -Infinity)) top = tag;
  return top;
}

/** The photo's row when it passes the filter, else null. */
function match(
  photo: PhotoRecord,
  tags: readonly PhotoTag[],
  filter: PhotoFilter,
): OrderedPhoto | null {
  const row = (tag: PhotoTag | null): OrderedPhoto => ({
    id: photo.id,
    path: photo.path,
    score: tag?.score ?? null,
    label: tag?.label ?? null,
    taken: photo.taken,
  });
  if (!filtersTags(filter)) return row(null);
  const counting = countingTags(tags, filter);
  const labels = filter.labels ?? [];
  if (labels.length === 0) return counting.length > 0 ? row(best(counting)) : null;
  const mode = filter.labelMode ?? 'any';
  const matching = counting.filter((tag) => labels.some((wanted) => labelMatches(tag, wanted)));
  if (mode === 'none') return matching.length === 0 ? row(best(counting)) : null;
  if (mode === 'all' && !labels.every((wanted) => matching.some((t) => labelMatches(t, wanted))))
    return null;
  return matching.length > 0 ? row(best(matching)) : null;
}

type Compare = (a: OrderedPhoto, b: OrderedPhoto) => number;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Photos matching `filter`, in `sort` order (ties by path; unknown scores and dates last). */
export function queryPhotos(
  photos: readonly PhotoRecord[],
  tagsOf: ReadonlyMap<number, readonly PhotoTag[]>,
  filter: PhotoFilter,
  sort: PhotoSort,
): OrderedPhoto[] {
  const folder = filter.folder ?? null;
  const rows: OrderedPhoto[] = [];
  const keys = new Map<number, { name: string; folder: string }>();
  for (const photo of photos) {
    if (folder !== null && !(photo.folder === folder || photo.path.startsWith(childPrefix(folder))))
      continue;
    const row = match(photo, tagsOf.get(photo.id) ?? [], filter);
    if (row === null) continue;
    rows.push(row);
    if (sort.key === 'name' || sort.key === 'folder')
      keys.set(photo.id, { name: photo.name.toLowerCase(), folder: photo.folder.toLowerCase() });
  }
  const sign = sort.descending ? -1 : 1;
  const nullsLast = (a: number | null, b: number | null): number | null =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : null;
  const compares: Record<PhotoSort['key'], Compare> = {
    score: (a, b) =>
      nullsLast(a.score, b.score) ?? sign * ((a.score as number) - (b.score as number)),
    date: (a, b) =>
      nullsLast(a.taken, b.taken) ?? sign * ((a.taken as number) - (b.taken as number)),
    name: (a, b) => sign * byText(keyOf(keys, a).name, keyOf(keys, b).name),
    folder: (a, b) =>
      sign *
      (byText(keyOf(keys, a).folder, keyOf(keys, b).folder) ||
        byText(keyOf(keys, a).name, keyOf(keys, b).name)),
  };
  const compare = compares[sort.key];
  return rows.sort((a, b) => compare(a, b) || byText(a.path, b.path));
}

function keyOf(
  keys: ReadonlyMap<number, { name: string; folder: string }>,
  row: OrderedPhoto,
): { name: string; folder: string } {
  return keys.get(row.id) as { name: string; folder: string };
}
