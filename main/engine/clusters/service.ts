// The clusters domain's engine service: clusters, near-duplicate groups and the map, computed
// here in the engine (never in the window) and kept up to date as photos are added.
import type { ServiceApi } from '../../../preload/contract/define-service';
import type { clustersService } from '../../../preload/contract/clusters';
import type { ClusterOverview, PhotoRef } from '../../../preload/contract/clusters';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { createLabelSet, editLabelSet, emptyDocument, labelSetDetail } from '../labels/label-store';
import { applyDecisions } from '../labels/tags';
import { readClusters, readPlaces, readSpace, renameCluster, setMarks } from './cluster-store';
import { DEFAULT_CUT } from './cluster-tree';
import { bestInGroup, findDuplicateGroups } from './duplicate-groups';
import { duplicateThreshold, DUPLICATE_THRESHOLD_SETTING } from './duplicates';
import { CLUSTER_LABEL_SET, LibraryClusters } from './library-clusters';

/** Photos added in one go (an index run, a watch batch) settle before clusters follow. */
const REFRESH_DELAY_MS = 300;

export function createClustersService(ctx: EngineContext): ServiceApi<typeof clustersService> {
  const db = ctx.library.db;
  const clusters = new LibraryClusters(ctx);
  let pending: ReturnType<typeof setTimeout> | null = null;

  const refresh = (options: { force?: boolean; cut?: number } = {}) =>
    ctx.serially(async () => {
      const result = await clusters.refresh(options);
      if (result.recomputed || result.added > 0)
        ctx.emit('clusters:changed', { photos: result.embeddings.ids.length });
      return result;
    });

  // Photos added or removed: clusters follow in the background, once the changes settle.
  ctx.onLibraryChanged(() => {
    if (readSpace(db, ctx.activeModelId()) === null) return; // never computed: wait to be asked
    if (pending !== null) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = null;
      void refresh().catch(() => {});
    }, REFRESH_DELAY_MS);
  });
  ctx.onClose(() => {
    if (pending !== null) clearTimeout(pending);
  });

  const overview = (): ClusterOverview => {
    const modelId = ctx.activeModelId();
    const space = readSpace(db, modelId);
    const places = readPlaces(db, modelId);
    const byCluster = new Map<number, PhotoRef[]>();
    const noise: PhotoRef[] = [];
    for (const place of places) {
      const ref = { id: place.fileId, path: place.path };
      if (place.clusterId === null) noise.push(ref);
      else byCluster.set(place.clusterId, [...(byCluster.get(place.clusterId) ?? []), ref]);
    }
    const list = readClusters(db, modelId)
      .map((c) => ({ id: c.id, name: c.name, named: c.named, photos: byCluster.get(c.id) ?? [] }))
      .filter((c) => c.photos.length > 0)
      .sort((a, b) => b.photos.length - a.photos.length || a.id - b.id);
    return {
      clusters: list,
      noise: noise.sort((a, b) => (a.path < b.path ? -1 : 1)),
      photos: places.length,
      cut: space?.cut ?? DEFAULT_CUT,
      modelId,
      computedAt: space?.computedAt ?? null,
    };
  };

  const threshold = (requested: number | null): number => {
    if (requested !== null) {
      ctx.library.setSetting(DUPLICATE_THRESHOLD_SETTING, String(requested));
      return requested;
    }
    return duplicateThreshold(ctx.library);
  };

  return {
    async list() {
      await refresh();
      return overview();
    },
    async setCut(cut) {
      if (!(cut > 0 && cut < 1))
        throw engineError('BAD_ARGUMENT', 'The cut must be between 0 and 1.');
      await refresh({ force: true, cut });
      return overview();
    },
    async rename(clusterId, name) {
      const clean = name.trim();
      if (clean === '') throw engineError('BAD_ARGUMENT', 'A cluster needs a name.');
      if (!renameCluster(db, clusterId, clean))
        throw engineError('NOT_FOUND', `There is no cluster ${clusterId}.`);
      ctx.emit('clusters:changed', { photos: readPlaces(db, ctx.activeModelId()).length });
      return overview();
    },
    async toLabel(clusterId, labelSetId) {
      const cluster = readClusters(db, ctx.activeModelId()).find((c) => c.id === clusterId);
      if (cluster === undefined)
        throw engineError('NOT_FOUND', `There is no cluster ${clusterId}.`);
      const members = readPlaces(db, ctx.activeModelId())
        .filter((p) => p.clusterId === clusterId)
        .map((p) => p.fileId);
      const setId = labelSetId ?? clusterLabelSet();
      // "/" would make a hierarchy of a cluster's name; the name is one label.
      const label = cluster.name.replaceAll('/', '-');
      const isNew = !labelSetDetail(db, setId).labels.some((l) => l.path === label);
      const definition = { path: label, prompts: null, threshold: null };
      if (isNew) editLabelSet(db, setId, { kind: 'add-labels', labels: [definition] });
      ctx.emit('labels:changed', { labelSetId: setId });
      // One undoable step: its undo also removes the label it made.
      const tagged = applyDecisions(
        ctx,
        `make label "${label}" from a cluster of ${members.length} photos`,
        [{ fileIds: members, labelSetId: setId, label, state: 'confirmed' }],
        isNew ? { labelSetId: setId, labels: [definition] } : null,
      );
      return { labelSetId: setId, label, tagged };
    },
    async duplicates(requested) {
      if (requested !== null && !(requested > 0 && requested < 1))
        throw engineError('BAD_ARGUMENT', 'The similarity threshold must be between 0 and 1.');
      const level = threshold(requested);
      const groups = await ctx.serially(async () => {
        const embeddings = ctx.library.embeddings.matrix(ctx.activeModelId());
        if (embeddings.ids.length < 2) return [];
        return findDuplicateGroups(db, embeddings, await clusters.currentTree(embeddings), level);
      });
      return { groups, threshold: level };
    },
    async mark(fileIds, marked) {
      return setMarks(db, fileIds, marked);
    },
    async keepBest(groups) {
      let marked = 0;
      for (const group of groups) {
        const best = await bestInGroup(db, group);
        if (best === null) continue;
        setMarks(db, [best], false);
        marked += setMarks(
          db,
          group.filter((id) => id !== best),
          true,
        );
      }
      return marked;
    },
    async map() {
      await refresh();
      await ctx.serially(() => clusters.ensureMap());
      const modelId = ctx.activeModelId();
      const places = readPlaces(db, modelId);
      return {
        points: places
          .filter((p) => p.x !== null && p.y !== null)
          .map((p) => ({
            id: p.fileId,
            path: p.path,
            x: p.x as number,
            y: p.y as number,
            clusterId: p.clusterId,
          })),
        clusters: readClusters(db, modelId).map((c) => ({ id: c.id, name: c.name })),
      };
    },
  };

  function clusterLabelSet(): number {
    const existing = db
      .prepare('SELECT id FROM label_sets WHERE name = ?')
      .pluck()
      .get(CLUSTER_LABEL_SET) as number | undefined;
    return existing ?? createLabelSet(db, emptyDocument(CLUSTER_LABEL_SET, 'multi'));
  }
}
