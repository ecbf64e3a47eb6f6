// The clusters, duplicates and map views' state: what the engine computed, the lasso selection
// on the map, and the last message to show. Only these actions call window.facet.
import { create } from 'zustand';
import type {
  ClusterOverview,
  DuplicateReport,
  LibraryMap,
} from '../../../preload/contract/clusters';
import type { LabelSetSummary } from '../../../preload/contract/labels';
import { recordEvent } from '../test-events';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';
import { formatCount } from '../format';

export type ClustersTab = 'clusters' | 'duplicates' | 'map';

interface ClustersStore {
  readonly tab: ClustersTab;
  readonly overview: ClusterOverview | null;
  readonly duplicates: DuplicateReport | null;
  readonly map: LibraryMap | null;
  readonly labelSets: readonly LabelSetSummary[];
  /** files.id of the photos lassoed on the map. */
  readonly selection: readonly number[];
  /** The cluster opened into a grid of its photos, and the photos selected there. */
  readonly opened: number | null;
  readonly openedSelection: readonly number[];
  /** Label paths of the set the map's tag form offers, for its suggestions. */
  readonly mapLabels: readonly string[];
  readonly busy: boolean;
  readonly error: string | null;
  readonly notice: string | null;
  connect(): Promise<void>;
  show(tab: ClustersTab): void;
  loadClusters(): Promise<void>;
  setCut(cut: number): Promise<void>;
  rename(clusterId: number, name: string): Promise<void>;
  toLabel(clusterId: number, labelSetId: number | null): Promise<void>;
  loadDuplicates(threshold?: number): Promise<void>;
  mark(fileIds: readonly number[], marked: boolean): Promise<void>;
  keepBest(groups: readonly (readonly number[])[]): Promise<void>;
  loadMap(): Promise<void>;
  select(fileIds: readonly number[]): void;
  openCluster(clusterId: number | null): void;
  selectInCluster(fileIds: readonly number[]): void;
  tagPhotos(fileIds: readonly number[], labelSetId: number, label: string): Promise<void>;
  loadMapLabels(labelSetId: number): Promise<void>;
  clearMessages(): void;
}

let connected = false;
// Only the answer for the set chosen last may fill the suggestions.
let mapLabelsRequest = 0;

export const useClustersStore = create<ClustersStore>()((set, get) => {
  /** Runs an engine call, showing its failure instead of throwing it. */
  const attempt = async (work: () => Promise<void>, failed: string) => {
    set({ busy: true, error: null });
    try {
      await work();
    } catch (error) {
      set({ error: userMessage(error) });
      recordEvent(failed);
    } finally {
      set({ busy: false });
    }
  };
  const loadLabelSets = async () => {
    set({ labelSets: await facet.labels.list() });
  };

  return {
    tab: 'clusters',
    overview: null,
    duplicates: null,
    map: null,
    labelSets: [],
    selection: [],
    opened: null,
    openedSelection: [],
    mapLabels: [],
    busy: false,
    error: null,
    notice: null,

    async connect() {
      if (!connected) {
        connected = true;
        window.facet.on('clusters:changed', () => {
          const { tab } = get();
          if (tab === 'clusters' || get().overview !== null) void get().loadClusters();
          if (tab === 'map') void get().loadMap();
        });
        window.facet.on('labels:changed', () => void loadLabelSets().catch(() => {}));
      }
      await get().loadClusters();
      await loadLabelSets().catch(() => {});
    },

    show(tab) {
      set({ tab, notice: null, error: null });
      if (tab === 'duplicates' && get().duplicates === null) void get().loadDuplicates();
      if (tab === 'map') void get().loadMap();
      if (tab === 'clusters') void get().loadClusters();
    },

    async loadClusters() {
      await attempt(async () => {
        set({ overview: await facet.clusters.list() });
        recordEvent('clusters-loaded');
      }, 'clusters-error');
    },

    async setCut(cut) {
      await attempt(async () => {
        set({ overview: await facet.clusters.setCut(cut), map: null });
        recordEvent('clusters-loaded');
      }, 'clusters-error');
    },

    async rename(clusterId, name) {
      await attempt(async () => {
        set({ overview: await facet.clusters.rename(clusterId, name) });
        recordEvent('cluster-renamed');
      }, 'clusters-error');
    },

    async toLabel(clusterId, labelSetId) {
      await attempt(async () => {
        const result = await facet.clusters.toLabel(clusterId, labelSetId);
        await loadLabelSets();
        const set_ = get().labelSets.find((s) => s.id === result.labelSetId);
        set({
          notice: `“${result.label}” is now a label of ${set_?.name ?? 'the label set'}, confirmed on ${result.tagged} photos.`,
        });
        recordEvent('cluster-labelled');
      }, 'clusters-error');
    },

    async loadDuplicates(threshold) {
      await attempt(async () => {
        set({
          duplicates: await facet.clusters.duplicates(threshold ?? null),
        });
        recordEvent('duplicates-loaded');
      }, 'duplicates-error');
    },

    async mark(fileIds, marked) {
      await attempt(async () => {
        await facet.clusters.mark(fileIds, marked);
        set({
          duplicates: await facet.clusters.duplicates(null),
        });
        recordEvent('duplicates-marked');
      }, 'duplicates-error');
    },

    async keepBest(groups) {
      await attempt(async () => {
        const marked = await facet.clusters.keepBest(groups);
        set({
          duplicates: await facet.clusters.duplicates(null),
          notice: `Marked ${formatCount(marked, 'copy', 'copies')}. Nothing was deleted: remove marked copies yourself when you are sure.`,
        });
        recordEvent('duplicates-marked');
      }, 'duplicates-error');
    },

    async loadMap() {
      await attempt(async () => {
        set({ map: await facet.clusters.map() });
        recordEvent('map-loaded');
      }, 'map-error');
    },

    select(fileIds) {
      set({ selection: fileIds });
      recordEvent('map-selected');
    },

    openCluster(opened) {
      set({ opened, openedSelection: [], notice: null, error: null });
      if (opened !== null) recordEvent('cluster-opened');
    },

    selectInCluster(openedSelection) {
      set({ openedSelection });
      recordEvent('cluster-selected');
    },

    async tagPhotos(fileIds, labelSetId, label) {
      await attempt(async () => {
        const detail = await facet.labels.get(labelSetId);
        if (!detail.labels.some((l) => l.path === label))
          await facet.labels.edit(labelSetId, {
            kind: 'add-labels',
            labels: [{ path: label, prompts: null, threshold: null }],
          });
        const changed = await facet.tags.decide({
          fileIds,
          labelSetId,
          label,
          state: 'confirmed',
        });
        const name = get().labelSets.find((s) => s.id === labelSetId)?.name ?? '';
        set({ notice: `Tagged ${changed} photos “${label}” (${name}).` });
        recordEvent('map-tagged');
      }, 'map-error');
    },

    async loadMapLabels(labelSetId) {
      const request = ++mapLabelsRequest;
      let labels: readonly string[] = [];
      try {
        labels = (await facet.labels.get(labelSetId)).labels.map((l) => l.path);
      } catch {
        // No suggestions is enough: tagging still works with a typed label.
      }
      if (request === mapLabelsRequest) set({ mapLabels: labels });
    },

    clearMessages() {
      set({ error: null, notice: null });
    },
  };
});
