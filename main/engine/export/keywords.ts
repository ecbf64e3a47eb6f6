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
  /** MicrosoftPhoto:LastKeywordXMP (Bag): `/` paths (Windows Photos, digiKam); kept in step where present. */
  lastKeywordXmp: 'XMP-microsoft:LastKeywordXMP',
  /** mediapro:CatalogSets (Bag): `|` paths (Expression Media, digiKam); kept in step where present. */
  catalogSets: 'XMP-mediapro:CatalogSets',
} as const satisfies Readonly<Record<KeywordField, string>>;

export type KeywordValues = Readonly<Partial<Record<KeywordField, readonly string[]>>>;

export const SIDECAR_FIELDS: readonly KeywordField[] = [
  'subject',
  'hierarchicalSubject',
  'tagsList',
  'lastKeywordXmp',
  'catalogSets',
];
export const ORIGINAL_FIELDS: readonly KeywordField[] = [...SIDECAR_FIELDS, 'iptcKeywords'];

/** Fields Facet never creates (few apps read them), but keeps in step where another app made them. */
const IN_STEP_FIELDS = new Set<KeywordField>(['lastKeywordXmp', 'catalogSets']);

/** How a field spells a label: flat levels, or whole paths with this separator between levels. */
const SEPARATOR: Readonly<Record<KeywordField, '/' | '|' | null>> = {
  subject: null,
  iptcKeywords: null,
  hierarchicalSubject: '|',
  catalogSets: '|',
  tagsList: '/',
  lastKeywordXmp: '/',
};

/**
 * A path's levels. A backslash before the separator (or before a backslash) makes it part of the
 * level: `AC\/DC/Live` is ["AC/DC", "Live"], `a\|b|c` is ["a|b", "c"]; other backslashes are text.
 * Empty levels are dropped, levels trimmed.
 */
export function splitLevels(path: string, separator: '/' | '|' = '/'): string[] {
  const levels: string[] = [];
  let level = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i] as string;
    const next = path[i + 1];
    if (char === '\\' && (next === separator || next === '\\')) {
      level += next;
      i += 1;
    } else if (char === separator) {
      levels.push(level);
      level = '';
    } else level += char;
  }
  levels.push(level);
  return levels.map((l) => l.trim()).filter((l) => l !== '');
}

/** The inverse of `splitLevels`: the separator inside a level (and a backslash that would read as an escape) gets a backslash. */
export function joinLevels(levels: readonly string[], separator: '/' | '|' = '/'): string {
  return levels
    .map((level) =>
      [...level]
        .map((char, i) => {
          const next = level[i + 1];
          if (char === separator) return `\\${char}`;
          const escapes =
            char === '\\' && (next === undefined || next === '\\' || next === separator);
          return escapes ? '\\\\' : char;
        })
        .join(''),
    )
    .join(separator);
}

/** A Facet label path ('Animals/Bird/Heron', with `\/` for a slash inside a level) as its levels. */
export function labelLevels(label: string): string[] {
  return splitLevels(label, '/');
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];
const uniqueLevels = (paths: readonly string[][]): string[][] => {
  const seen = new Set<string>();
  return paths.filter((levels) => {
    const key = JSON.stringify(levels);
    return !seen.has(key) && (seen.add(key), true);
  });
};

/** Label paths (as levels) spelled the way `field` spells them. */
export function fieldValues(paths: readonly string[][], field: KeywordField): string[] {
  const separator = SEPARATOR[field];
  return separator === null
    ? unique(paths.flat())
    : unique(paths.map((levels) => joinLevels(levels, separator)));
}

/** The values each field should hold for these labels (full paths like 'Animals/Bird/Heron'). */
export function keywordsOf(
  labels: readonly string[],
  fields: readonly KeywordField[],
): Record<KeywordField, string[]> {
  const paths = uniqueLevels(labels.map(labelLevels).filter((levels) => levels.length > 0));
  return Object.fromEntries(
    (Object.keys(KEYWORD_TAGS) as KeywordField[]).map((field) => [
      field,
      fields.includes(field) ? fieldValues(paths, field) : [],
    ]),
  ) as Record<KeywordField, string[]>;
}

/**
 * The labels in keyword fields, as levels: paths from the hierarchical fields (ancestors listed on
 * their own dropped), then flat keywords that are no level of those paths.
 */
export function keywordPaths(values: KeywordValues): string[][] {
  const hierarchical = (Object.keys(SEPARATOR) as KeywordField[]).flatMap((field) => {
    const separator = SEPARATOR[field];
    return separator === null
      ? []
      : (values[field] ?? []).map((value) => splitLevels(value, separator));
  });
  const paths = uniqueLevels(hierarchical.filter((levels) => levels.length > 0));
  // One pass over every path's ancestors, not every pair of paths: a sidecar may hold 50,000.
  const ancestors = new Set<string>();
  for (const levels of paths)
    for (let n = 1; n < levels.length; n++) ancestors.add(JSON.stringify(levels.slice(0, n)));
  const leaves = paths.filter((levels) => !ancestors.has(JSON.stringify(levels)));
  const known = new Set(paths.flat());
  const flat = [...(values.subject ?? []), ...(values.iptcKeywords ?? [])]
    .map((value) => value.trim())
    .filter((value) => value !== '' && !known.has(value));
  return uniqueLevels([...leaves, ...unique(flat).map((value) => [value])]);
}

export interface KeywordPlan {
  /** Each field's new full list (the file's own values first, in their order). */
  readonly next: Record<KeywordField, string[]>;
  /** The values Facet owns after the write: what it may remove later. */
  readonly owned: Record<KeywordField, string[]>;
  /** Fields whose list changes; empty when the file already says what Facet wants. */
  readonly changes: readonly KeywordChange[];
}

/** `values` without the ones Facet wrote (`owned`): what the user (or another app) put there. */
function usersOwn(values: KeywordValues, owned: KeywordValues): KeywordValues {
  return Object.fromEntries(
    Object.entries(values).map(([field, list]) => {
      const facet = new Set(owned[field as KeywordField] ?? []);
      return [field, (list ?? []).filter((value) => !facet.has(value))];
    }),
  );
}

/**
 * Merges Facet's `wanted` keywords into the file's `existing` ones. A value Facet `owned` (wrote
 * before) and no longer wants is removed; a value the file had before Facet wrote it is the
 * user's and is never removed, nor claimed. Planning twice from the result changes nothing.
 *
 * A field Facet creates starts with the user's keywords from the other fields (and from `alsoUsers`,
 * e.g. the photo's own keywords for its sidecar), spelled its own way: apps that read the first
 * field they find (Immich: TagsList, then HierarchicalSubject, then Keywords) still see them.
 * MicrosoftPhoto and mediapro lists are never created, only kept in step.
 */
export function planKeywords(options: {
  readonly existing: KeywordValues;
  readonly wanted: KeywordValues;
  readonly owned: KeywordValues;
  readonly fields: readonly KeywordField[];
  readonly alsoUsers?: KeywordValues;
}): KeywordPlan {
  const next = {} as Record<KeywordField, string[]>;
  const owned = {} as Record<KeywordField, string[]>;
  const changes: KeywordChange[] = [];
  const usersPaths = keywordPaths(
    mergeValues(usersOwn(options.existing, options.owned), options.alsoUsers ?? {}),
  );
  for (const field of options.fields) {
    const present = (options.existing[field] ?? []).length > 0;
    const wantedList = IN_STEP_FIELDS.has(field) && !present ? [] : (options.wanted[field] ?? []);
    const seeded = !present && wantedList.length > 0 ? fieldValues(usersPaths, field) : [];
    const existing = present ? (options.existing[field] ?? []) : seeded;
    const wanted = new Set(wantedList);
    const ownedBefore = new Set(options.owned[field] ?? []);
    const had = new Set(existing);
    const stale = (value: string) => ownedBefore.has(value) && !wanted.has(value);
    const removed = unique(existing.filter(stale));
    const added = [...wanted].filter((value) => !had.has(value));
    next[field] = [...existing.filter((value) => !stale(value)), ...added];
    owned[field] = [...wanted].filter((value) => ownedBefore.has(value) || !had.has(value));
    if (added.length > 0 || removed.length > 0 || seeded.length > 0)
      changes.push({ field, added: unique([...seeded, ...added]), removed });
  }
  return { next, owned, changes };
}

/** Two sets of keyword fields as one (each field's values, first set first). */
export function mergeValues(a: KeywordValues, b: KeywordValues): KeywordValues {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)] as KeywordField[]);
  return Object.fromEntries(
    [...fields].map((field) => [field, unique([...(a[field] ?? []), ...(b[field] ?? [])])]),
  );
}

/** Label paths in a file's keywords ('Animals/Bird/Heron'; a slash inside a level as `\/`). */
export function labelsFromKeywords(values: KeywordValues): string[] {
  return keywordPaths(values).map((levels) => joinLevels(levels, '/'));
}
