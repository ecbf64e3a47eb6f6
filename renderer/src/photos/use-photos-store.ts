// The Photos view's state: the filter and sort (remembered across restarts), the grid's pages,
// a search by words or by example with its cut-off, the selection and the open photo.
import { create } from 'zustand';
import type {
  BrowseFacets,
  OutsidePhoto,
  PhotoFilter,
  PhotoRow,
  PhotoSort,
  SearchHit,
  SearchOutcome,
} from '../../../preload/contract/browse';
import type { TagState } from '../../../preload/contract/labels';
import { recordEvent } from '../test-events';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';

const SAVED = 'facet.photos';
const PAGE = 300;

/** What the grid shows: the library through the filter, or a search's hits. */
export type PhotoSource =
  | { readonly kind: 'browse' }
  | { readonly kind: 'search'; readonly text: string }
  | { readonly kind: 'similar'; readonly photo: { readonly id: number; readonly path: string } }
  | { readonly kind: 'outside'; readonly name: string; readonly photo: OutsidePhoto };

/** One grid cell: a browsed photo or a search hit (`copyOf`: a copy shown under its photo). */
export type GridItem =
  | { readonly kind: 'photo'; readonly row: PhotoRow }
  | { readonly kind: 'hit'; readonly hit: SearchHit; readonly copyOf?: number };

export const itemRef = (item: GridItem): { id: number; path: string } =>
  item.kind === 'photo' ? item.row : item.hit;

interface Saved {
  readonly filter: PhotoFilter;
  readonly sort: PhotoSort;
  readonly zoom: number;
  /** Cells name their top tags under the photo. */
  readonly captions: boolean;
}

const DEFAULTS: Saved = {
  filter: {},
  sort: { key: 'folder', descending: false },
  zoom: 160,
  captions: false,
};

/** A score orders photos only by a chosen label: without one it would be an arbitrary tag's. */
export const canSortByScore = (filter: PhotoFilter): boolean => (filter.labels?.length ?? 0) > 0;

/** The sort a filter allows: by score falls back to folders when no label is chosen. */
function allowedSort(sort: PhotoSort, filter: PhotoFilter): PhotoSort {
  return sort.key === 'score' && !canSortByScore(filter) ? DEFAULTS.sort : sort;
}

function load(): Saved {
  try {
    const raw = localStorage.getItem(SAVED);
    if (raw === null) return DEFAULTS;
    const saved = JSON.parse(raw) as Partial<Saved>;
    const filter = saved.filter ?? DEFAULTS.filter;
    return {
      filter,
      sort: allowedSort(saved.sort ?? DEFAULTS.sort, filter),
      zoom: typeof saved.zoom === 'number' ? saved.zoom : DEFAULTS.zoom,
      captions: saved.captions === true,
    };
  } catch {
    return DEFAULTS;
  }
}

function save(state: Saved): void {
  try {
    localStorage.setItem(SAVED, JSON.stringify(state));
  } catch {
    // a full or private storage: the filter simply is not remembered
  }
}

interface PhotosStore extends Saved {
  readonly source: PhotoSource;
  /** Browse mode: rows by grid index, filled a page at a time as the grid scrolls. */
  readonly rows: readonly (PhotoRow | undefined)[];
  readonly total: number | null;
  readonly outcome: SearchOutcome | null;
  /** Hits scoring below this are hidden (search modes). */
  readonly minScore: number | null;
  /** Hits whose folded copies are shown after them. */
  readonly expanded: ReadonlySet<number>;
  /** A photo to open in the photo view once the search around it has arrived. */
  readonly pendingOpen: number | null;
  readonly loading: boolean;
  readonly error: string | null;
  readonly facets: BrowseFacets | null;
  /** Selected photos by id, and the last clicked grid index (shift-click extends from it). */
  readonly selected: ReadonlySet<number>;
  readonly anchor: number | null;
  /** The grid index the keyboard is on (arrows move it, Enter opens it). */
  readonly focus: number | null;
  /** Grid index of the photo open in the photo view. */
  readonly viewing: number | null;
  /** Bumped after tags change, so open views reload theirs. */
  readonly tagsVersion: number;

  refresh(): Promise<void>;
  loadFacets(): Promise<void>;
  ensureRange(from: number, to: number): void;
  setFilter(filter: PhotoFilter): void;
  setSort(sort: PhotoSort): void;
  setZoom(zoom: number): void;
  setCaptions(captions: boolean): void;
  search(text: string): Promise<void>;
  similarTo(photo: { id: number; path: string }): Promise<void>;
  similarToOutside(name: string, photo: OutsidePhoto): Promise<void>;
  browse(): void;
  setMinScore(score: number): void;
  toggleCopies(hitId: number): void;
  /** Opens a photo in the photo view, with the photos like it around it. */
  openPhoto(photo: { id: number; path: string }): Promise<void>;
  select(index: number, mode: 'only' | 'toggle' | 'range'): void;
  /** Moves the keyboard to a grid index, selecting it (extend: from the anchor to it). */
  moveFocus(index: number, extend: boolean): void;
  selectIndexes(indexes: readonly number[], add: boolean): void;
  clearSelection(): void;
  decide(
    fileIds: readonly number[],
    labelSetId: number,
    label: string,
    state: TagState,
  ): Promise<number>;
  open(index: number | null): void;
}

/** The grid's items as they are now (search hits above the cut-off, or browse rows). */
export function gridItems(state: PhotosStore): {
  count: number;
  at(index: number): GridItem | undefined;
} {
  if (state.source.kind === 'browse') {
    return {
      count: state.total ?? 0,
      at: (index) => {
        const row = state.rows[index];
        return row === undefined ? undefined : { kind: 'photo', row };
      },
    };
  }
  const items = visibleItems(state);
  return { count: items.length, at: (index) => items[index] };
}

/** Hits above the cut-off, each followed by its folded copies when the user expanded them. */
export function visibleItems(
  state: Pick<PhotosStore, 'outcome' | 'minScore' | 'expanded'>,
): readonly GridItem[] {
  return visibleHits(state).flatMap((hit): GridItem[] => [
    { kind: 'hit', hit },
    ...(state.expanded.has(hit.id)
      ? hit.duplicates.map((copy) => ({
          kind: 'hit' as const,
          hit: { ...copy, duplicates: [] },
          copyOf: hit.id,
        }))
      : []),
  ]);
}

export function visibleHits(
  state: Pick<PhotosStore, 'outcome' | 'minScore'>,
): readonly SearchHit[] {
  const hits = state.outcome?.hits ?? [];
  const min = state.minScore;
  return min === null ? hits : hits.filter((hit) => hit.score >= min);
}

let generation = 0;
const pending = new Set<number>();

export const usePhotosStore = create<PhotosStore>()((set, get) => {
  const saved = load();
  const remember = () => {
    const { filter, sort, zoom, captions } = get();
    save({ filter, sort, zoom, captions });
  };

  async function fetchPage(page: number, run: number, reset = false): Promise<void> {
    if (pending.has(page)) return;
    pending.add(page);
    try {
      const { filter, sort } = get();
      const result = await facet.browse.photos({ filter, sort }, page * PAGE, PAGE);
      if (run !== generation) return;
      const rows = reset ? [] : get().rows.slice();
      rows.length = result.total;
      result.rows.forEach((row, i) => (rows[page * PAGE + i] = row));
      set({ rows, total: result.total, loading: false, error: null });
      recordEvent(page === 0 ? 'photos-loaded' : 'photos-page-loaded');
    } catch (error) {
      if (run === generation) set({ loading: false, error: userMessage(error) });
      recordEvent('photos-error');
    } finally {
      pending.delete(page);
    }
  }

  async function runSearch(source: PhotoSource, call: () => Promise<SearchOutcome>): Promise<void> {
    const run = ++generation;
    set({
      source,
      outcome: null,
      expanded: new Set(),
      loading: true,
      error: null,
      selected: new Set(),
      anchor: null,
      focus: null,
      viewing: null,
    });
    try {
      const outcome = await call();
      if (run !== generation) return;
      const opening = get().pendingOpen !== null && outcome.hits[0]?.id === get().pendingOpen;
      set({
        outcome,
        minScore: outcome.suggestedMinScore,
        loading: false,
        ...(opening && { viewing: 0, pendingOpen: null }),
      });
      recordEvent('search-done');
      if (opening) recordEvent('photo-opened');
    } catch (error) {
      if (run === generation) set({ loading: false, error: userMessage(error) });
      recordEvent('search-failed');
    }
  }

  return {
    ...saved,
    source: { kind: 'browse' },
    rows: [],
    total: null,
    outcome: null,
    minScore: null,
    expanded: new Set(),
    pendingOpen: null,
    loading: true,
    error: null,
    facets: null,
    selected: new Set(),
    anchor: null,
    focus: null,
    viewing: null,
    tagsVersion: 0,

    async refresh() {
      const source = get().source;
      if (source.kind !== 'browse') {
        if (source.kind === 'search') await get().search(source.text);
        else if (source.kind === 'similar') await get().similarTo(source.photo);
        else await get().similarToOutside(source.name, source.photo);
        return;
      }
      const run = ++generation;
      pending.clear();
      set({ loading: true, error: null });
      // Pages beyond the first are dropped and refetched as the grid shows them.
      await fetchPage(0, run, true);
    },

    async loadFacets() {
      try {
        set({ facets: await facet.browse.facets() });
      } catch (error) {
        set({ error: userMessage(error) });
      }
    },

    ensureRange(from, to) {
      const { rows, source, total } = get();
      if (source.kind !== 'browse' || total === null) return;
      for (
        let page = Math.floor(from / PAGE);
        page <= Math.floor(Math.min(to, total - 1) / PAGE);
        page++
      )
        if (rows[page * PAGE] === undefined) void fetchPage(page, generation);
    },

    // The grid keeps its photos on screen until the new order's first page replaces them.
    setFilter(filter) {
      const sort = allowedSort(get().sort, filter);
      set({ filter, sort, loading: true, selected: new Set(), anchor: null, focus: null });
      remember();
      void get().refresh();
    },
    setSort(sort) {
      set({ sort: allowedSort(sort, get().filter), loading: true });
      remember();
      void get().refresh();
    },
    setZoom(zoom) {
      set({ zoom });
      remember();
    },
    setCaptions(captions) {
      set({ captions });
      remember();
    },

    search(text) {
      return runSearch({ kind: 'search', text }, () => facet.browse.search(text, { limit: 500 }));
    },
    similarTo(photo) {
      return runSearch({ kind: 'similar', photo }, () =>
        facet.browse.similar(photo.id, { limit: 500 }),
      );
    },
    similarToOutside(name, photo) {
      return runSearch({ kind: 'outside', name, photo }, () =>
        facet.browse.similarOutside(photo, { limit: 500 }),
      );
    },
    browse() {
      generation++;
      set({
        pendingOpen: null,
        source: { kind: 'browse' },
        outcome: null,
        error: null,
        selected: new Set(),
        anchor: null,
        focus: null,
        viewing: null,
      });
      void get().refresh();
    },
    setMinScore(minScore) {
      set({ minScore });
    },
    toggleCopies(hitId) {
      const expanded = new Set(get().expanded);
      if (expanded.has(hitId)) expanded.delete(hitId);
      else expanded.add(hitId);
      set({ expanded, selected: new Set(), anchor: null, focus: null });
      recordEvent('copies-toggled');
    },
    openPhoto(photo) {
      // More like this puts the photo itself first: it opens at index 0 when the hits arrive.
      set({ pendingOpen: photo.id });
      return get().similarTo(photo);
    },

    select(index, mode) {
      const { anchor, selected } = get();
      const grid = gridItems(get());
      const item = grid.at(index);
      if (item === undefined) return;
      const id = itemRef(item).id;
      if (mode === 'only') set({ selected: new Set([id]), anchor: index, focus: index });
      else if (mode === 'toggle') {
        const next = new Set(selected);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        set({ selected: next, anchor: index, focus: index });
      } else {
        const from = Math.min(anchor ?? index, index);
        const to = Math.max(anchor ?? index, index);
        const next = new Set(selected);
        for (let i = from; i <= to; i++) {
          const at = grid.at(i);
          if (at !== undefined) next.add(itemRef(at).id);
        }
        set({ selected: next, focus: index });
      }
      recordEvent('selection-changed');
    },
    moveFocus(index, extend) {
      const grid = gridItems(get());
      const to = Math.max(0, Math.min(grid.count - 1, index));
      if (grid.count === 0) return;
      if (!extend) return get().select(to, 'only');
      const anchor = get().anchor ?? to;
      const next = new Set<number>();
      for (let i = Math.min(anchor, to); i <= Math.max(anchor, to); i++) {
        const at = grid.at(i);
        if (at !== undefined) next.add(itemRef(at).id);
      }
      set({ selected: next, anchor, focus: to });
      recordEvent('selection-changed');
    },
    selectIndexes(indexes, add) {
      const grid = gridItems(get());
      const next = new Set(add ? get().selected : []);
      for (const index of indexes) {
        const item = grid.at(index);
        if (item !== undefined) next.add(itemRef(item).id);
      }
      set({ selected: next });
      recordEvent('selection-changed');
    },
    clearSelection() {
      set({ selected: new Set(), anchor: null, focus: null });
    },

    async decide(fileIds, labelSetId, label, state) {
      try {
        const changed = await facet.tags.decide({
          fileIds,
          labelSetId,
          label,
          state,
        });
        set((s) => ({ tagsVersion: s.tagsVersion + 1, error: null }));
        recordEvent('tags-decided');
        if (get().source.kind === 'browse') void get().refresh();
        return changed;
      } catch (error) {
        set({ error: userMessage(error) });
        return 0;
      }
    },

    open(viewing) {
      set({ viewing });
      if (viewing !== null) recordEvent('photo-opened');
    },
  };
});
