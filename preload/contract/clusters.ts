// Similarity clusters, near-duplicate groups and the library map: the channels of the clusters,
// duplicates and map views.
import { z } from 'zod';
import { defineService, none, recordId, returns } from './define-service';

/** A photo as these views show it: files.id and its absolute path. */
export interface PhotoRef {
  readonly id: number;
  readonly path: string;
}

export interface ClusterSummary {
  readonly id: number;
  /** Given by Facet from the active label sets (else its vocabulary), or by the user. */
  readonly name: string;
  /** The user renamed it: Facet keeps the name when it recomputes. */
  readonly named: boolean;
  /** Members, most typical first. */
  readonly photos: readonly PhotoRef[];
}

export interface ClusterOverview {
  /** Largest cluster first. */
  readonly clusters: readonly ClusterSummary[];
  /** Photos that belong to no cluster. */
  readonly noise: readonly PhotoRef[];
  /** Photos the active model has embedded (those clustered). */
  readonly photos: number;
  /** Where the tree is cut: 0 (only near-copies join) to 1 (everything joins). */
  readonly cut: number;
  readonly modelId: string;
  /** When the clusters were last recomputed from scratch (ms since 1970), null: never. */
  readonly computedAt: number | null;
}

export interface DuplicatePhoto extends PhotoRef {
  readonly width: number;
  readonly height: number;
  /** File size in bytes. */
  readonly bytes: number;
  /** Date of the file (ms since 1970). */
  readonly date: number;
  /** Variance of the Laplacian at a common size: higher is sharper. */
  readonly sharpness: number;
  /** Marked by the user (or "keep the best, mark the rest") as a copy to remove; nothing is deleted. */
  readonly marked: boolean;
}

export interface DuplicateGroup {
  /** Photos side by side; the one Facet would keep first. */
  readonly photos: readonly DuplicatePhoto[];
  /** files.id of the copy Facet would keep (most pixels, then oldest, then sharpest). */
  readonly bestId: number;
  /** Lowest similarity between two grouped photos. */
  readonly similarity: number;
}

export interface DuplicateReport {
  readonly groups: readonly DuplicateGroup[];
  readonly threshold: number;
}

export interface MapPoint {
  readonly id: number;
  readonly path: string;
  readonly x: number;
  readonly y: number;
  /** Cluster id, null for noise. */
  readonly clusterId: number | null;
}

export interface LibraryMap {
  readonly points: readonly MapPoint[];
  readonly clusters: readonly { readonly id: number; readonly name: string }[];
}

const fraction = z.number().gt(0, 'must be above 0').lt(1, 'must be below 1');
const fileIds = z.array(recordId).max(100_000);

export const clustersService = defineService('clusters', {
  list: {
    args: none,
    result: returns<ClusterOverview>(),
    doc: 'The clusters of the library (computed in the engine, cached; recomputed when stale).',
  },
  setCut: {
    args: z.tuple([fraction]),
    result: returns<ClusterOverview>(),
    doc: 'Re-cuts the cluster tree: lower joins fewer photos (finer clusters), higher joins more.',
  },
  rename: {
    args: z.tuple([
      recordId,
      z.string().trim().min(1, 'must not be empty').max(200, 'is too long'),
    ]),
    result: returns<ClusterOverview>(),
    doc: 'Renames a cluster; the name is kept across recomputation.',
  },
  toLabel: {
    args: z.tuple([recordId, recordId.nullable()]),
    result: returns<{
      readonly labelSetId: number;
      readonly label: string;
      readonly tagged: number;
    }>(),
    doc: 'Adds the cluster\'s name as a label of a label set and confirms it on every member (null: set "Clusters").',
  },
  duplicates: {
    args: z.tuple([fraction.nullable()]),
    result: returns<DuplicateReport>(),
    doc: "Near-duplicate groups at a similarity threshold (null: the library's current one).",
  },
  mark: {
    args: z.tuple([fileIds, z.boolean()]),
    result: returns<number>(),
    doc: 'Marks (or unmarks) photos as copies to remove; only a mark, nothing is deleted.',
  },
  keepBest: {
    args: z.tuple([z.array(fileIds.min(2).max(10_000)).max(100_000)]),
    result: returns<number>(),
    doc: 'In each group, unmarks the best photo and marks the rest; returns how many were marked.',
  },
  map: {
    args: none,
    result: returns<LibraryMap>(),
    doc: 'The 2-D map of the library (computed in the engine and cached).',
  },
});

export interface ClustersEventChannels {
  /** Clusters or the map were recomputed or updated (photos added, names changed). */
  'clusters:changed': { readonly photos: number };
}
