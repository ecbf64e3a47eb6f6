// Browsing the library: the photo grid's filtered and sorted pages, free-text and "more like this"
// search and the photo view's details.
import { z } from 'zod';
import { absolutePath, defineService, none, recordId, returns } from './define-service';
import { tagState, type PhotoTag, type TagState } from './labels';

/** A photo everywhere in the app: files.id survives moves and re-indexing. */
export interface PhotoRef {
  readonly id: number;
  readonly path: string;
}

export interface LabelRef {
  readonly labelSetId: number;
  /** Full path; a parent ("Animals") also matches its children ("Animals/Bird"). */
  readonly label: string;
}

/** Which photos the grid shows. Tags count when they pass the set, state and score bounds. */
export interface PhotoFilter {
  /** Only tags of this label set count. */
  readonly labelSetId?: number | null;
  readonly labels?: readonly LabelRef[];
  /** any: a counting tag of one of the labels; all: of every label; none: of none of them. */
  readonly labelMode?: 'any' | 'all' | 'none';
  /** Tag states that count; default suggested and confirmed. */
  readonly states?: readonly TagState[];
  readonly minScore?: number | null;
  readonly maxScore?: number | null;
  /** Only photos in this folder or below it. */
  readonly folder?: string | null;
}

export type PhotoSortKey = 'score' | 'date' | 'name' | 'folder';

export interface PhotoSort {
  readonly key: PhotoSortKey;
  readonly descending: boolean;
}

export interface PhotoQuery {
  readonly filter: PhotoFilter;
  readonly sort: PhotoSort;
}

/** A photo's tags at a glance: the grid's badges and caption. */
export interface PhotoTagGlance {
  /** Keywords the user confirmed, each path once (its deepest confirmed level). */
  readonly confirmed: number;
  /** Suggestions waiting for a decision, each path once. */
  readonly waiting: number;
  readonly rejected: number;
  /** The first few keywords the photo carries: confirmed ones, then suggestions best first. */
  readonly top: readonly { readonly label: string; readonly state: 'confirmed' | 'suggested' }[];
}

/** One grid cell. */
export interface PhotoRow extends PhotoRef {
  /** Best score among the tags that made the photo match; null when no tag filter applies. */
  readonly score: number | null;
  /** The label of that tag. */
  readonly label: string | null;
  /** When the photo was taken (EXIF DateTimeOriginal, else the file's time), ms; null: unknown. */
  readonly taken: number | null;
  /** The photo's tags in the active label sets, counted. */
  readonly tags: PhotoTagGlance;
}

export interface PhotoPage {
  /** Photos matching the query in all. */
  readonly total: number;
  readonly offset: number;
  readonly rows: readonly PhotoRow[];
}

/** What the filter chips offer: label sets with the labels that tag photos, and folders. */
export interface BrowseFacets {
  readonly labelSets: readonly {
    readonly id: number;
    readonly name: string;
    readonly labels: readonly string[];
  }[];
  readonly folders: readonly string[];
}

/** A node of the keyword tree: a label (or a level above labels) and how many photos carry it. */
export interface KeywordNode {
  /** Full path as filters name it ("Shapes/Round/circle", `\/` for a slash inside a level). */
  readonly label: string;
  /** The path's levels, escapes undone: ["Shapes", "Round", "circle"]. */
  readonly levels: readonly string[];
  /** Photos where it (or a label below it) is confirmed. */
  readonly confirmed: number;
  /** Photos where it (or a label below it) is suggested and nothing there is confirmed yet. */
  readonly suggested: number;
}

/** An active label set's labels as a tree: nodes in tree order, parents before children. */
export interface KeywordSet {
  readonly id: number;
  readonly name: string;
  readonly labels: readonly KeywordNode[];
}

/** A search result: a photo, and the near-duplicates (the Near-duplicates tab's rule) folded into it. */
export interface SearchHit extends PhotoRef {
  readonly score: number;
  readonly duplicates: readonly (PhotoRef & { readonly score: number })[];
}

export interface SearchOutcome {
  /** Best first; at most the limit asked for (before collapsing). */
  readonly hits: readonly SearchHit[];
  /** How every photo scored: the user picks the relevance cut-off from it. */
  readonly distribution: {
    readonly min: number;
    readonly max: number;
    readonly mean: number;
    readonly std: number;
    readonly bins: readonly number[];
  } | null;
  /** A starting cut-off: scores that stand out from this query's own distribution. */
  readonly suggestedMinScore: number | null;
  /** Photos searched (those the active model has embedded). */
  readonly searched: number;
  /** No photo stands out for these words: the hits are only the closest, not matches. */
  readonly weakMatch: boolean;
}

export interface SearchOptions {
  /** Results before collapsing near-duplicates (default 200, at most 2000). */
  readonly limit?: number;
  /** Similarity at which two photos count as copies (default: the Near-duplicates tab's; 1: never fold). */
  readonly duplicateSimilarity?: number;
}

/** A photo from outside the library: its path (desktop) or its bytes (a drop in browser mode). */
export type OutsidePhoto =
  { readonly path: string } | { readonly name: string; readonly base64: string };

/** What a photo's EXIF says about how it was taken; a key is absent when the photo does not say. */
export interface PhotoExif {
  readonly camera?: string;
  readonly lens?: string;
  readonly exposure?: string;
  readonly aperture?: string;
  readonly iso?: number;
  readonly focalLength?: string;
}

export interface PhotoDetails extends PhotoRef {
  readonly name: string;
  readonly folder: string;
  readonly bytes: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly format: string | null;
  /** EXIF dates are the camera's wall clock stored as UTC; a file date is a real instant. */
  readonly taken: number | null;
  readonly takenFrom: 'exif' | 'file' | null;
  /** EXIF basics, absent keys when the photo does not say. */
  readonly exif: PhotoExif;
  readonly tags: readonly PhotoTag[];
}

const score = z.number().min(-1).max(1).nullable().optional();

const filter = z.object({
  labelSetId: recordId.nullable().optional(),
  labels: z
    .array(z.object({ labelSetId: recordId, label: z.string().trim().min(1).max(500) }))
    .max(200)
    .optional(),
  labelMode: z.enum(['any', 'all', 'none']).optional(),
  states: z.array(tagState).max(3).optional(),
  minScore: score,
  maxScore: score,
  folder: absolutePath.nullable().optional(),
});

const query = z.object({
  filter,
  sort: z.object({ key: z.enum(['score', 'date', 'name', 'folder']), descending: z.boolean() }),
});

const options = z.object({
  limit: z.number().int().min(1).max(2000).optional(),
  duplicateSimilarity: z.number().min(0.5).max(1).optional(),
});

// A dropped photo's bytes, base64: up to about 50 MB of photo.
const outside = z.union([
  z.object({ path: absolutePath }),
  z.object({
    name: z.string().min(1).max(255),
    base64: z
      .string()
      .min(1)
      .max(70_000_000, 'is too large')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  }),
]);

export const browseService = defineService('browse', {
  photos: {
    args: z.tuple([
      query,
      z.number().int().min(0).max(100_000_000),
      z.number().int().min(1).max(2000),
    ]),
    result: returns<PhotoPage>(),
    doc: 'One page of the photos matching a filter, in the asked order.',
  },
  facets: {
    args: none,
    result: returns<BrowseFacets>(),
    doc: 'Label sets, labels and folders to filter by.',
  },
  keywords: {
    args: none,
    result: returns<readonly KeywordSet[]>(),
    doc: "The active label sets' labels as trees, with confirmed and suggested photo counts per node.",
  },
  search: {
    args: z.tuple([z.string().trim().min(1, 'must not be empty').max(1000), options]),
    result: returns<SearchOutcome>(),
    doc: 'Photos matching words ("dog on a beach at sunset"), best first.',
  },
  similar: {
    args: z.tuple([recordId, options]),
    result: returns<SearchOutcome>(),
    doc: 'Photos like a library photo: the photo itself first, then the others best first.',
  },
  similarOutside: {
    args: z.tuple([outside, options]),
    result: returns<SearchOutcome>(),
    doc: 'Photos like a photo from outside the library (it is not added).',
  },
  details: {
    args: z.tuple([recordId]),
    result: returns<PhotoDetails>(),
    doc: 'The photo view: size, EXIF basics, tags.',
  },
});
