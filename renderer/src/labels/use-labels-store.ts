// The taxonomy editor's state: the library's label sets, the one open, the label selected with
// its scores over the library, the live preview of a label being typed, picked photos and undo.
import { create } from 'zustand';
import type {
  BuiltInLabelSet,
  LabelMode,
  LabelScores,
  LabelSetDetail,
  LabelSetSummary,
  ScoredPhoto,
  TagState,
  TemplatePreset,
} from '../../../preload/contract/labels';
import { recordEvent } from '../test-events';
import { leafName, type UndoableEdit } from './label-edits';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';
import { formatCount } from '../format';

interface LabelsStore {
  readonly sets: readonly LabelSetSummary[];
  readonly builtIns: readonly BuiltInLabelSet[];
  readonly presets: readonly TemplatePreset[];
  readonly loaded: boolean;
  readonly current: LabelSetDetail | null;
  readonly selected: string | null;
  readonly scores: LabelScores | null;
  /** Best matches for the words being typed into "Add a label". */
  readonly preview: { readonly text: string; readonly photos: readonly ScoredPhoto[] } | null;
  /** Photos ticked for "Confirm" / "Reject" (files.id). */
  readonly picked: ReadonlySet<number>;
  /** Edits of the open set, oldest first, with when they were made (to undo newest first). */
  readonly undo: readonly (UndoableEdit & { readonly at: number })[];
  readonly error: string | null;
  readonly notice: string | null;
  /** The notice tells of an edit its Undo takes back (a deleted label). */
  readonly noticeUndoes: boolean;
  load(): Promise<void>;
  open(labelSetId: number): Promise<void>;
  create(name: string, mode: LabelMode): Promise<void>;
  addBuiltIn(builtInId: string): Promise<void>;
  importFile(file: File): Promise<void>;
  exportSet(format: 'json' | 'text'): Promise<void>;
  deleteSet(): Promise<void>;
  apply(change: UndoableEdit): Promise<boolean>;
  undoLast(): Promise<void>;
  select(path: string | null): Promise<void>;
  refreshScores(): Promise<void>;
  previewWords(text: string): Promise<void>;
  togglePick(fileId: number): void;
  clearPicks(): void;
  decidePicked(state: TagState): Promise<void>;
  decideAboveLine(state: TagState): Promise<void>;
  dismiss(): void;
}

const MAX_UNDO = 50;
/** How long the typing must pause before the preview is worked out in all of a set's templates. */
const PREVIEW_ALL_TEMPLATES_AFTER_MS = 250;

export const useLabelsStore = create<LabelsStore>()((set, get) => {
  const fail = (error: unknown) => set({ error: userMessage(error) });
  const showDetail = (detail: LabelSetDetail) => {
    const selected = get().selected;
    const keep = selected !== null && detail.labels.some((label) => label.path === selected);
    set({ current: detail, selected: keep ? selected : null, scores: keep ? get().scores : null });
  };
  const reloadList = async () => set({ sets: await facet.labels.list() });
  let previewRequest = 0;

  return {
    sets: [],
    builtIns: [],
    presets: [],
    loaded: false,
    current: null,
    selected: null,
    scores: null,
    preview: null,
    picked: new Set(),
    undo: [],
    error: null,
    notice: null,
    noticeUndoes: false,

    async load() {
      try {
        const [sets, builtIns, presets] = await Promise.all([
          facet.labels.list(),
          facet.labels.builtIns(),
          facet.labels.templatePresets(),
        ]);
        set({ sets, builtIns, presets, loaded: true });
        const { current } = get();
        const first = sets[0];
        if (current === null && first !== undefined) await get().open(first.id);
        recordEvent('labels-loaded');
      } catch (error) {
        set({ loaded: true });
        fail(error);
      }
    },

    async open(labelSetId) {
      try {
        const detail = await facet.labels.get(labelSetId);
        // Nothing of the set left behind follows into this one: its messages went with it.
        previewRequest++;
        set({
          current: detail,
          selected: null,
          scores: null,
          preview: null,
          undo: [],
          picked: new Set(),
          error: null,
          notice: null,
          noticeUndoes: false,
        });
        const first = detail.labels.find(
          (l) => !detail.labels.some((o) => o.path.startsWith(`${l.path}/`)),
        );
        if (first !== undefined) await get().select(first.path);
        recordEvent('labels-set-opened');
      } catch (error) {
        fail(error);
      }
    },

    async create(name, mode) {
      try {
        const detail = await facet.labels.create(name, mode);
        await reloadList();
        await get().open(detail.id);
      } catch (error) {
        fail(error);
      }
    },

    async addBuiltIn(builtInId) {
      try {
        const detail = await facet.labels.addBuiltIn(builtInId);
        await reloadList();
        await get().open(detail.id);
      } catch (error) {
        fail(error);
      }
    },

    async importFile(file) {
      try {
        const detail = await facet.labels.import(file.name, await file.text());
        await reloadList();
        await get().open(detail.id);
        set({ notice: `Added “${detail.name}” from ${file.name}.`, noticeUndoes: false });
      } catch (error) {
        fail(error);
      }
    },

    async exportSet(format) {
      const { current } = get();
      if (current === null) return;
      try {
        const file = await facet.labels.export(current.id, format);
        const url = URL.createObjectURL(new Blob([file.text], { type: 'text/plain' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = file.fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        recordEvent('labels-exported');
      } catch (error) {
        fail(error);
      }
    },

    async deleteSet() {
      const { current } = get();
      if (current === null) return;
      try {
        await facet.labels.delete(current.id);
        set({ current: null, selected: null, scores: null, undo: [] });
        await reloadList();
        const first = get().sets[0];
        if (first !== undefined) await get().open(first.id);
      } catch (error) {
        fail(error);
      }
    },

    async apply(change) {
      const { current } = get();
      if (current === null) return false;
      try {
        const detail = await facet.labels.edit(current.id, change.edit);
        const { edit } = change;
        set({
          undo: [...get().undo, { ...change, at: Date.now() }].slice(-MAX_UNDO),
          error: null,
          // A deletion says so with its Undo; other edits show in the tree itself.
          ...(edit.kind === 'delete-label'
            ? { notice: `Deleted “${leafName(edit.path)}”.`, noticeUndoes: true }
            : get().noticeUndoes
              ? { notice: null, noticeUndoes: false }
              : {}),
        });
        showDetail(detail);
        void reloadList();
        await get().refreshScores();
        recordEvent('labels-edited');
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },

    async undoLast() {
      const { current, undo } = get();
      const last = undo[undo.length - 1];
      if (current === null || last === undefined) return;
      try {
        const detail = await facet.labels.edit(current.id, last.inverse);
        set({ undo: undo.slice(0, -1), error: null, notice: null, noticeUndoes: false });
        showDetail(detail);
        void reloadList();
        await get().refreshScores();
        recordEvent('labels-undone');
      } catch (error) {
        fail(error);
      }
    },

    async select(path) {
      set({ selected: path, scores: null, picked: new Set() });
      await get().refreshScores();
    },

    async refreshScores() {
      const { current, selected } = get();
      if (current === null || selected === null) return;
      try {
        const scores = await facet.labels.scores(current.id, selected);
        if (get().selected !== selected || get().current?.id !== current.id) return;
        set({ scores });
        recordEvent('labels-scores');
      } catch (error) {
        // The label went meanwhile (deleted, the set switched): nothing is wrong, nothing to say.
        if (get().selected !== selected || get().current?.id !== current.id) return;
        fail(error);
      }
    },

    async previewWords(text) {
      const { current } = get();
      const words = text.trim();
      // A newer keystroke makes every answer still on its way stale: only the newest is shown.
      const request = ++previewRequest;
      if (current === null || words === '') {
        set({ preview: null });
        return;
      }
      const latest = () => request === previewRequest && get().current?.id === current.id;
      try {
        // At once in the set's first template, one short text run; in all of its templates (a
        // run several times longer) only once the typing pauses, so a keystroke never waits
        // behind the last one's long run.
        const first = await facet.labels.preview(current.id, [words], 'first');
        if (!latest()) return;
        set({ preview: { text: words, photos: first } });
        recordEvent('labels-preview');
        if (current.templates.length === 1) return;
        await new Promise((done) => setTimeout(done, PREVIEW_ALL_TEMPLATES_AFTER_MS));
        if (!latest()) return;
        const all = await facet.labels.preview(current.id, [words], 'all');
        if (!latest()) return;
        set({ preview: { text: words, photos: all } });
        recordEvent('labels-preview-all-templates');
      } catch (error) {
        if (request === previewRequest) fail(error);
      }
    },

    togglePick(fileId) {
      const picked = new Set(get().picked);
      if (picked.has(fileId)) picked.delete(fileId);
      else picked.add(fileId);
      set({ picked });
    },

    clearPicks() {
      set({ picked: new Set() });
    },

    async decidePicked(state) {
      const { current, selected, picked } = get();
      if (current === null || selected === null || picked.size === 0) return;
      try {
        const changed = await facet.tags.decide({
          fileIds: [...picked],
          labelSetId: current.id,
          label: selected,
          state,
        });
        const verb =
          state === 'confirmed' ? 'Confirmed' : state === 'rejected' ? 'Rejected' : 'Undid';
        set({
          picked: new Set(),
          notice: `${verb} “${selected}” on ${formatCount(changed, 'photo')}.`,
          noticeUndoes: false,
        });
        await get().refreshScores();
        recordEvent('labels-decided');
      } catch (error) {
        fail(error);
      }
    },

    async decideAboveLine(state) {
      const { current, selected, scores } = get();
      if (current === null || selected === null || scores === null) return;
      try {
        const changed = await facet.labels.decideAbove(
          current.id,
          selected,
          scores.threshold,
          state,
        );
        set({
          notice: `Confirmed “${selected}” on ${formatCount(changed, 'more photo', 'more photos')}.`,
          noticeUndoes: false,
        });
        await get().refreshScores();
        recordEvent('labels-decided');
      } catch (error) {
        fail(error);
      }
    },

    dismiss() {
      set({ error: null, notice: null, noticeUndoes: false });
    },
  };
});
