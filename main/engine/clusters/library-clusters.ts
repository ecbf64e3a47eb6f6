// The library's clusters and map, kept in the clusters tables: recomputed from scratch when
// there are none yet or the library changed a lot, otherwise new photos join the nearest
// cluster (or the noise) and take a place on the map beside their nearest neighbour.
import type { EngineContext } from '../engine-context';
import { carried } from '../labels/photo-tags';
import { activeLabels, tagsOfFiles } from '../labels/tags';
import { libraryTextEmbedder, textModelKey } from '../labels/text-embeddings';
import {
  addPhotos,
  readClusters,
  readPlaces,
  readSpace,
  replaceClustering,
  writePositions,
  type LibraryEmbeddings,
  type NewCluster,
} from './cluster-store';
import { buildClusterTree, cutClusters, defaultCut, type ClusterTree } from './cluster-tree';
import { gaussian, layoutMap } from './library-map';
import {
  labelKey,
  meanDirection,
  nameClusters,
  readVocabulary,
  VOCABULARY_TEMPLATE,
  type NamingText,
} from './names';
import { project, seededRandom, textMetric } from './reduce';

/** The label set clusters become labels of when the user picks none. */
export const CLUSTER_LABEL_SET = 'Clusters';

/** Beyond this share of photos added or removed since the last computation, recompute. */
const RECOMPUTE_SHARE = 0.1;
/** A few photos always join incrementally, even in a tiny library. */
const INCREMENTAL_MIN = 10;
const NAMING_SETTING = 'clusters.named_from';

export interface Refreshed {
  readonly modelId: string;
  readonly embeddings: LibraryEmbeddings;
  readonly recomputed: boolean;
  readonly added: number;
}

export class LibraryClusters {
  /** The last tree built, so re-cutting and the map need no rebuild. */
  private tree: { modelId: string; ids: Int32Array; tree: ClusterTree } | null = null;

  constructor(private readonly ctx: EngineContext) {}

  private get db() {
    return this.ctx.library.db;
  }

  /** Brings the stored clusters up to date with the library's embeddings. */
  async refresh(options: { force?: boolean; cut?: number } = {}): Promise<Refreshed> {
    const modelId = this.ctx.activeModelId();
    const embeddings = this.ctx.library.embeddings.matrix(modelId);
    const space = readSpace(this.db, modelId);
    const places = readPlaces(this.db, modelId);
    const known = new Set(places.map((p) => p.fileId));
    const fresh = Array.from(embeddings.ids.keys()).filter(
      (row) => !known.has(embeddings.ids[row] as number),
    );
    const recompute =
      options.force === true ||
      space === null ||
      space.dim !== embeddings.dim ||
      changedSince(space, places.length, fresh.length) >
        Math.max(INCREMENTAL_MIN, RECOMPUTE_SHARE * space.photos);
    if (recompute) {
      await this.recompute(modelId, embeddings, options.cut ?? space?.cut);
      return { modelId, embeddings, recomputed: true, added: fresh.length };
    }
    if (fresh.length > 0) this.join(modelId, embeddings, fresh);
    const renamed = await this.renameIfLabelsChanged(modelId, embeddings);
    return { modelId, embeddings, recomputed: renamed, added: fresh.length };
  }

  /** What names were drawn from: the active labels (or the vocabulary) under this model. */
  private async namingSource(modelId: string): Promise<string> {
    const labels = await this.namingLabels();
    return JSON.stringify([modelId, labels.map((l) => [l.labelSetId, l.label, l.prompts])]);
  }

  /** Label sets were added, edited or switched off: clusters the user has not named are renamed. */
  private async renameIfLabelsChanged(
    modelId: string,
    embeddings: LibraryEmbeddings,
  ): Promise<boolean> {
    const source = await this.namingSource(modelId);
    if (this.ctx.library.setting(NAMING_SETTING) === source) return false;
    const clusters = readClusters(this.db, modelId);
    const rowOf = embeddings.rowOf;
    const members = new Map<number, number[]>();
    for (const place of readPlaces(this.db, modelId)) {
      const row = rowOf.get(place.fileId);
      if (place.clusterId === null || row === undefined) continue;
      members.set(place.clusterId, [...(members.get(place.clusterId) ?? []), row]);
    }
    const { dim, vectors } = embeddings;
    const centroids = clusters.map((c) =>
      meanDirection(
        (members.get(c.id) ?? []).map((row) => vectors.subarray(row * dim, row * dim + dim)),
        dim,
      ),
    );
    const names = await this.names(
      centroids,
      clusters.map((c) => (members.get(c.id) ?? []).map((row) => embeddings.ids[row] as number)),
    );
    const update = this.db.prepare('UPDATE clusters SET name = ? WHERE id = ? AND named = 0');
    this.db.transaction(() => clusters.forEach((c, i) => update.run(names[i], c.id)))();
    this.ctx.library.setSetting(NAMING_SETTING, source);
    return true;
  }

  private async treeFor(modelId: string, embeddings: LibraryEmbeddings): Promise<ClusterTree> {
    const cached = this.tree;
    if (
      cached !== null &&
      cached.modelId === modelId &&
      cached.ids.length === embeddings.ids.length &&
      cached.ids.every((id, i) => id === embeddings.ids[i])
    )
      return cached.tree;
    const metric = await this.vocabularyMetric(embeddings.dim);
    const tree = buildClusterTree(
      embeddings.vectors,
      embeddings.ids.length,
      embeddings.dim,
      metric,
    );
    this.tree = { modelId, ids: embeddings.ids, tree };
    return tree;
  }

  /** `chosen`: the cut the user chose; else the library's default (cluster-tree.ts). */
  private async recompute(modelId: string, embeddings: LibraryEmbeddings, chosen?: number) {
    const { ids, dim, vectors } = embeddings;
    if (ids.length === 0) {
      this.db.prepare('DELETE FROM cluster_photos WHERE model_id = ?').run(modelId);
      this.db.prepare('DELETE FROM clusters WHERE model_id = ?').run(modelId);
      this.db.prepare('DELETE FROM cluster_spaces WHERE model_id = ?').run(modelId);
      return;
    }
    const tree = await this.treeFor(modelId, embeddings);
    const cut = chosen ?? defaultCut(tree);
    const { clusters, noise } = cutClusters(tree, cut);
    const rank = tree.space.rank;
    const sums = clusters.map((members) => {
      const sum = new Float32Array(rank);
      for (const row of members)
        for (let k = 0; k < rank; k++)
          sum[k] = (sum[k] as number) + (tree.points[row * rank + k] as number);
      return sum;
    });
    const centroids = clusters.map((members) =>
      meanDirection(
        members.map((row) => vectors.subarray(row * dim, row * dim + dim)),
        dim,
      ),
    );
    const names = await this.names(
      centroids,
      clusters.map((members) => members.map((row) => ids[row] as number)),
    );
    const kept = this.keptNames(
      modelId,
      clusters.map((members) => members.map((row) => ids[row] as number)),
    );
    const rows: NewCluster[] = clusters.map((members, c) => {
      const sum = sums[c] as Float32Array;
      return {
        name: kept[c] ?? (names[c] as string),
        named: kept[c] !== undefined,
        sum,
        members: members.map((row) => ({
          fileId: ids[row] as number,
          typicality: similarityTo(tree.points, row * rank, sum, members.length),
        })),
      };
    });
    replaceClustering(
      this.db,
      modelId,
      { ...tree.space, cut },
      rows,
      noise.map((row) => ids[row] as number),
    );
    this.ctx.library.setSetting(NAMING_SETTING, await this.namingSource(modelId));
  }

  /** Names the user gave: kept by the new cluster holding most of the old one's photos. */
  private keptNames(
    modelId: string,
    clusters: readonly (readonly number[])[],
  ): (string | undefined)[] {
    const named = readClusters(this.db, modelId).filter((c) => c.named);
    if (named.length === 0) return [];
    const memberOf = new Map<number, number>();
    for (const place of readPlaces(this.db, modelId))
      if (place.clusterId !== null) memberOf.set(place.fileId, place.clusterId);
    const kept: (string | undefined)[] = [];
    const taken = new Set<number>();
    clusters.forEach((members, c) => {
      for (const old of named) {
        if (taken.has(old.id)) continue;
        const shared = members.filter((id) => memberOf.get(id) === old.id).length;
        if (shared * 2 > members.length && shared * 2 > old.size) {
          kept[c] = old.name;
          taken.add(old.id);
          break;
        }
      }
    });
    return kept;
  }

  /**
   * A cluster is named from the labels most of its photos carry (suggested by the same rule as
   * their tags, or confirmed), else from the vocabulary: a label no photo of it matches never
   * names it, however close its text comes.
   */
  private async names(
    centroids: readonly Float32Array[],
    members: readonly (readonly number[])[],
  ): Promise<string[]> {
    const labels = await this.namingTexts('labels');
    const carried = labels.length === 0 ? [] : await this.carriedLabels(members);
    const passing = (c: number, text: NamingText) => carried[c]?.has(text.key ?? '') === true;
    const fromLabels =
      labels.length === 0
        ? []
        : nameClusters(centroids, labels, { inTextOrder: true, allowed: passing });
    const unnamed = centroids.flatMap((_, c) => (labels.some((t) => passing(c, t)) ? [] : [c]));
    if (unnamed.length === 0) return fromLabels;
    const vocabulary = nameClusters(centroids, await this.namingTexts('vocabulary'));
    return centroids.map((_, c) =>
      unnamed.includes(c) ? (vocabulary[c] as string) : (fromLabels[c] as string),
    );
  }

  /** Per cluster, the labels (set and path) at least half of its photos carry. */
  private async carriedLabels(members: readonly (readonly number[])[]): Promise<Set<string>[]> {
    const tags = await tagsOfFiles(this.ctx, [...new Set(members.flat())]);
    return members.map((ids) => {
      const counts = new Map<string, number>();
      for (const id of ids)
        for (const tag of carried(tags.get(id) ?? [])) {
          const key = labelKey(tag.labelSetId, tag.label);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      return new Set([...counts].filter(([, n]) => n * 2 >= ids.length).map(([key]) => key));
    });
  }

  /**
   * Labels that can name clusters: those of active sets with a choice to make (two labels or
   * more), leaving out the set clusters become labels of (its labels came from cluster names).
   */
  private async namingLabels() {
    const sets = new Map(
      (
        this.db.prepare('SELECT id, name FROM label_sets WHERE active = 1').all() as {
          id: number;
          name: string;
        }[]
      ).map((row) => [row.id, row.name]),
    );
    const labels = (await activeLabels(this.ctx)).filter(
      (label) => sets.get(label.labelSetId) !== CLUSTER_LABEL_SET,
    );
    const perSet = new Map<number, number>();
    for (const label of labels)
      perSet.set(label.labelSetId, (perSet.get(label.labelSetId) ?? 0) + 1);
    return labels.filter((label) => (perSet.get(label.labelSetId) ?? 0) >= 2);
  }

  /** The vocabulary's text embeddings under the active model, kept in the library. */
  private async vocabularyVectors(): Promise<Float32Array[]> {
    const model = await this.ctx.model();
    const embed = libraryTextEmbedder(this.db, textModelKey(model.info), (texts) =>
      model.embedTexts(texts),
    );
    return embed(readVocabulary().map((w) => VOCABULARY_TEMPLATE.replace('{}', w)));
  }

  /** Photos are compared by what the vocabulary's words say of them (reduce.ts, textMetric). */
  private async vocabularyMetric(dim: number): Promise<Float64Array | null> {
    const vectors = await this.vocabularyVectors();
    return vectors[0]?.length === dim ? textMetric(vectors, dim) : null;
  }

  /** Texts clusters are named with: the active label sets' labels, or the vocabulary. */
  private async namingTexts(kind: 'labels' | 'vocabulary'): Promise<NamingText[]> {
    const model = await this.ctx.model();
    const labels = kind === 'labels' ? await this.namingLabels() : [];
    if (kind === 'labels') {
      if (labels.length === 0) return [];
      const vectors = await model.embedTexts(labels.flatMap((label) => label.prompts));
      let at = 0;
      return labels.map((label) => {
        const own = vectors.slice(at, (at += label.prompts.length));
        return {
          name: label.label.split('/').pop() as string,
          source: `set ${label.labelSetId}`,
          key: labelKey(label.labelSetId, label.label),
          vector: meanDirection(own, model.info.embedDim),
        };
      });
    }
    const words = readVocabulary();
    const vectors = await this.vocabularyVectors();
    return words.map((word, i) => ({
      name: word,
      source: word,
      vector: vectors[i] as Float32Array,
    }));
  }

  /** New photos join the most similar cluster when within the cut, else the noise. */
  private join(modelId: string, embeddings: LibraryEmbeddings, rows: readonly number[]): void {
    const space = readSpace(this.db, modelId);
    if (space === null) return;
    const { ids, dim, vectors } = embeddings;
    const picked = new Float32Array(rows.length * dim);
    rows.forEach((row, i) => picked.set(vectors.subarray(row * dim, row * dim + dim), i * dim));
    const points = project(space, picked, rows.length);
    const clusters = readClusters(this.db, modelId);
    const sizes = new Map(clusters.map((c) => [c.id, c.size]));
    const sums = new Map(clusters.map((c) => [c.id, c.sum]));
    const grown = new Map<number, Float32Array>();
    const places = this.placesNearNeighbours(modelId, embeddings, rows, space);
    const joined = rows.map((row, i) => {
      let best: number | null = null;
      let bestSimilarity = -Infinity;
      for (const [id, sum] of sums) {
        const similarity = similarityTo(points, i * space.rank, sum, sizes.get(id) as number);
        if (similarity > bestSimilarity) {
          bestSimilarity = similarity;
          best = id;
        }
      }
      const joins = best !== null && 1 - bestSimilarity <= space.cut;
      if (joins && best !== null) {
        const sum = sums.get(best) as Float32Array;
        for (let k = 0; k < space.rank; k++)
          sum[k] = (sum[k] as number) + (points[i * space.rank + k] as number);
        sizes.set(best, (sizes.get(best) as number) + 1);
        grown.set(best, sum);
      }
      const place = places[i];
      return {
        fileId: ids[row] as number,
        clusterId: joins ? best : null,
        typicality: joins ? bestSimilarity : 0,
        x: place?.[0] ?? null,
        y: place?.[1] ?? null,
      };
    });
    addPhotos(this.db, modelId, joined, grown);
  }

  /** Map places of new photos: beside their nearest mapped neighbour (none when no map yet). */
  private placesNearNeighbours(
    modelId: string,
    embeddings: LibraryEmbeddings,
    rows: readonly number[],
    space: NonNullable<ReturnType<typeof readSpace>>,
  ): ([number, number] | null)[] {
    const mapped = readPlaces(this.db, modelId).filter((p) => p.x !== null && p.y !== null);
    if (mapped.length === 0) return rows.map(() => null);
    const rowOf = embeddings.rowOf;
    const { dim, vectors } = embeddings;
    const anchorRows = mapped.map((p) => rowOf.get(p.fileId) ?? -1);
    const anchorVectors = new Float32Array(anchorRows.length * dim);
    anchorRows.forEach((row, i) => {
      if (row >= 0) anchorVectors.set(vectors.subarray(row * dim, row * dim + dim), i * dim);
    });
    const anchors = project(space, anchorVectors, anchorRows.length);
    const picked = new Float32Array(rows.length * dim);
    rows.forEach((row, i) => picked.set(vectors.subarray(row * dim, row * dim + dim), i * dim));
    const points = project(space, picked, rows.length);
    const random = seededRandom(rows.length);
    return rows.map((_, i) => {
      let best = 0;
      let bestDot = -Infinity;
      for (let a = 0; a < mapped.length; a++) {
        let dot = 0;
        for (let k = 0; k < space.rank; k++)
          dot += (points[i * space.rank + k] as number) * (anchors[a * space.rank + k] as number);
        if (dot > bestDot) {
          bestDot = dot;
          best = a;
        }
      }
      const anchor = mapped[best] as { x: number; y: number };
      return [anchor.x + 0.05 * gaussian(random), anchor.y + 0.05 * gaussian(random)];
    });
  }

  /** Lays out the map when photos have no place on it yet; returns whether it did. */
  async ensureMap(): Promise<boolean> {
    const modelId = this.ctx.activeModelId();
    const places = readPlaces(this.db, modelId);
    if (places.length === 0 || places.every((p) => p.x !== null)) return false;
    const embeddings = this.ctx.library.embeddings.matrix(modelId);
    const tree = await this.treeFor(modelId, embeddings);
    const positions = layoutMap(tree);
    writePositions(
      this.db,
      modelId,
      Array.from(embeddings.ids, (fileId, row) => ({
        fileId,
        x: positions[row * 2] as number,
        y: positions[row * 2 + 1] as number,
      })),
    );
    return true;
  }

  /** The tree of the current embeddings (built when not cached): duplicate checks block by it. */
  currentTree(embeddings: LibraryEmbeddings): Promise<ClusterTree> {
    return this.treeFor(this.ctx.activeModelId(), embeddings);
  }
}

/** Mean similarity of the point at `offset` to the members of a cluster with this sum. */
function similarityTo(
  points: Float32Array,
  offset: number,
  sum: Float32Array,
  size: number,
): number {
  let dot = 0;
  for (let k = 0; k < sum.length; k++) dot += (points[offset + k] as number) * (sum[k] as number);
  return dot / Math.max(1, size);
}

/** Photos added or removed since the last computation, counting those about to join. */
function changedSince(
  space: { readonly photos: number; readonly joined: number },
  placed: number,
  fresh: number,
): number {
  const removed = Math.max(0, space.photos + space.joined - placed);
  return space.joined + fresh + removed;
}
