// How label paths become keywords in the fields other apps read, and how Facet's keywords are
// merged into a file's own: the user's keywords stay, Facet adds and removes only what it wrote.
import type { KeywordChange, KeywordField } from '../../../preload/contract/export';

export type { KeywordField };

/** The keyword fields Facet writes, by the name ExifTool reads and writes them under. */
export const KEYWORD_TAGS = {
  /** dc:subject (Bag): every level of every label, flat. What every app reads. */
  subject: 'XMP-dc:Subject',
  /** lr:hierarchicalSubject (Bag): the full path, levels joined with `|` (Lightroom, darktable). */
  hierarchicalSubject: 'XMP-lr:HierarchicalSubject',
  /** digiKam:TagsList (Seq): the full path, levels joined with `/` (digiKam). */
  tagsList: 'XMP-digiKam:TagsList',
  /** IPTC Keywords: flat, like dc:subject; only written into originals. */
  iptcKeywords: 'IPTC:Keywords',
} as const satisfies Readonly<Record<KeywordField, string>>;

export type KeywordValues = Readonly<Partial<Record<KeywordField, readonly string[]>>>;

export const SIDECAR_FIELDS: readonly KeywordField[] = [
  'subject',
  'hierarchicalSubject',
  'tagsList',
];
export const ORIGINAL_FIELDS: readonly KeywordField[] = [...SIDECAR_FIELDS, 'iptcKeywords'];

/** "Animals / Bird/Heron" -> ["Animals", "Bird", "Heron"]; empty levels dropped. */
export function labelLevels(label: string): string[] {
  return label
    .split('/')
    .map((level) => level.trim())
    .filter((level) => level !== '');
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** The values each field should hold for these labels (full paths like 'Animals/Bird/Heron'). */
export function keywordsOf(
  labels: readonly string[],
  fields: readonly KeywordField[],
): Record<KeywordField, string[]> {
  const paths = unique(
    labels
      .map(labelLevels)
      .filter((levels) => levels.length > 0)
      .map((l) => l.join('/')),
  );
  const flat = unique(paths.flatMap((path) => path.split('/')));
  const all: Record<KeywordField, string[]> = {
    subject: flat,
    hierarchicalSubject: paths.map((path) => path.split('/').join('|')),
    tagsList: paths,
    iptcKeywords: flat,
  };
  return Object.fromEntries(
    (Object.keys(all) as KeywordField[]).map((field) => [
      field,
      fields.includes(field) ? all[field] : [],
    ]),
  ) as Record<KeywordField, string[]>;
}

export interface KeywordPlan {
  /** Each field's new full list (the file's own values first, in their order). */
  readonly next: Record<KeywordField, string[]>;
  /** The values Facet owns after the write: what it may remove later. */
  readonly owned: Record<KeywordField, string[]>;
  /** Fields whose list changes; empty when the file already says what Facet wants. */
  readonly changes: readonly KeywordChange[];
}

/**
 * Merges Facet's `wanted` keywords into the file's `existing` ones. A value Facet `owned` (wrote
 * before) and no longer wants is removed; a value the file had before Facet wrote it is the
 * user's and is never removed, nor claimed. Planning twice from the result changes nothing.
 */
export function planKeywords(options: {
  readonly existing: KeywordValues;
  readonly wanted: KeywordValues;
  readonly owned: KeywordValues;
  readonly fields: readonly KeywordField[];
}): KeywordPlan {
  const next = {} as Record<KeywordField, string[]>;
  const owned = {} as Record<KeywordField, string[]>;
  const changes: KeywordChange[] = [];
  for (const field of options.fields) {
    const existing = options.existing[field] ?? [];
    const wanted = new Set(options.wanted[field] ?? []);
    const ownedBefore = new Set(options.owned[field] ?? []);
    const had = new Set(existing);
    const stale = (value: string) => ownedBefore.has(value) && !wanted.has(value);
    const removed = unique(existing.filter(stale));
    const added = [...wanted].filter((value) => !had.has(value));
    next[field] = [...existing.filter((value) => !stale(value)), ...added];
    owned[field] = [...wanted].filter((value) => ownedBefore.has(value) || !had.has(value));
    if (added.length > 0 || removed.length > 0) changes.push({ field, added, removed });
  }
  return { next, owned, changes };
}

/**
 * Label paths in a file's keywords: the hierarchical fields' paths (ancestors that Lightroom lists
 * on their own are dropped), then flat keywords that are no level of those paths.
 */
export function labelsFromKeywords(values: KeywordValues): string[] {
  const paths = unique(
    [
      ...(values.hierarchicalSubject ?? []).map((value) => value.split('|').join('/')),
      ...(values.tagsList ?? []),
    ]
      .map((path) => labelLevels(path).join('/'))
      .filter((path) => path !== ''),
  );
  // One pass over every path's ancestors, not every pair of paths: a sidecar may hold 50,000.
  const ancestors = new Set<string>();
  for (const path of paths)
    for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1))
      ancestors.add(path.slice(0, at));
  const leaves = paths.filter((path) => !ancestors.has(path));
  const levels = new Set(paths.flatMap((path) => path.split('/')));
  const flat = [...(values.subject ?? []), ...(values.iptcKeywords ?? [])]
    .map((value) => value.trim())
    .filter((value) => value !== '' && !levels.has(value));
  return unique([...leaves, ...flat]);
}
