// Review mode's state: the photos whose suggestions wait for a decision in one label set or one
// label (taken once when the review starts, so the queue holds still while the user decides),
// where the user is in it, each visited photo's tags, and the decisions made so they can be undone.
import { create } from 'zustand';
import type { PhotoFilter, PhotoRef } from '../../../../preload/contract/browse';
import type { PhotoTag, TagState } from '../../../../preload/contract/labels';
import { facet } from '../../engine-call';
import { userMessage } from '../../error-message';
import { recordEvent } from '../../test-events';
import { undoAction } from '../../undo';
import { tagCards } from '../tag-paths';

export interface ReviewScope {
  readonly labelSetId: number;
  readonly setName: string;
  /** One label (and the labels under it); null: every label of the set. */
  readonly label: string | null;
}

export type ReviewLayout = 'single' | 'grid';

const PAGE = 2000;
// Tags are read ahead of the user: the photos a grid page shows around the current one.
const AHEAD = 24;

interface ReviewStore {
  readonly scope: ReviewScope | null;
  readonly queue: readonly PhotoRef[];
  readonly index: number;
  readonly layout: ReviewLayout;
  readonly tags: ReadonlyMap<number, readonly PhotoTag[]>;
  /** The tag the keys act on, by position among the current photo's tags. */
  readonly focusedTag: number;
  /** Queue positions of the decisions made here, newest last: an undo goes back to the photo. */
  readonly decidedAt: readonly number[];
  readonly loading: boolean;
  readonly error: string | null;
  start(scope: ReviewScope): Promise<void>;
  close(): void;
  go(index: number): void;
  setLayout(layout: ReviewLayout): void;
  focusTag(position: number): void;
  decide(state: Exclude<TagState, 'suggested'>): Promise<void>;
  acceptAll(): Promise<void>;
  undo(): Promise<void>;
  reload(fileIds: readonly number[] | null): Promise<void>;
}

/** The photos a review goes through: suggestions waiting in the set, or on the label. */
export function reviewFilter(scope: ReviewScope): PhotoFilter {
  return {
    labelSetId: scope.labelSetId,
    ...(scope.label !== null && { labels: [{ labelSetId: scope.labelSetId, label: scope.label }] }),
    states: ['suggested'],
  };
}

/** A photo's tags the review is about: the scope's, one per path (its deepest level). */
export function scopeTags(scope: ReviewScope, tags: readonly PhotoTag[]): PhotoTag[] {
  const inScope = tags.filter(
    (tag) =>
      tag.labelSetId === scope.labelSetId &&
      (scope.label === null ||
        tag.label === scope.label ||
        tag.label.startsWith(`${scope.label}/`)),
  );
  return tagCards(inScope).map((card) => card.tag);
}

/** Queue photos whose tags are known and no longer wait for a decision in the scope. */
export function reviewedCount(state: Pick<ReviewStore, 'scope' | 'queue' | 'tags'>): number {
  const { scope } = state;
  if (scope === null) return 0;
  return state.queue.filter((photo) => {
    const tags = state.tags.get(photo.id);
    return tags !== undefined && !scopeTags(scope, tags).some((t) => t.state === 'suggested');
  }).length;
}

export function currentTags(state: Pick<ReviewStore, 'scope' | 'queue' | 'tags' | 'index'>) {
  const photo = state.queue[state.index];
  if (state.scope === null || photo === undefined) return [];
  return scopeTags(state.scope, state.tags.get(photo.id) ?? []);
}

let run = 0;
let unsubscribe: (() => void) | null = null;

export const useReviewStore = create<ReviewStore>()((set, get) => {
  /** Photos whose decisions are being written. */
  const writing = new Set<number>();
  async function loadTags(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const found = await facet.tags.ofPhotos(ids);
    const tags = new Map(get().tags);
    for (const id of ids) tags.set(id, found[id] ?? []);
    set({ tags });
  }
  /** Reads the tags of the photos around `index` that are not known yet. */
  function readAhead(index: number): void {
    const { queue, tags } = get();
    const ids = queue
      .slice(Math.max(0, index - 2), index + AHEAD)
      .map((photo) => photo.id)
      .filter((id) => !tags.has(id));
    const current = queue[index]?.id;
    loadTags(ids).then(
      () => {
        // The photo on screen was waiting for its tags: the keys start on its first waiting one.
        if (
          current !== undefined &&
          ids.includes(current) &&
          get().queue[get().index]?.id === current
        )
          set({ focusedTag: firstWaiting() });
        recordEvent('review-tags-loaded');
      },
      (error: unknown) => set({ error: userMessage(error) }),
    );
  }
  /** The first tag still waiting on the current photo (or the first tag). */
  function firstWaiting(): number {
    const at = currentTags(get()).findIndex((tag) => tag.state === 'suggested');
    return Math.max(0, at);
  }
  async function write(tags: readonly PhotoTag[], state: Exclude<TagState, 'suggested'>) {
    const photo = get().queue[get().index];
    if (photo === undefined || tags.length === 0) return;
    const index = get().index;
    writing.add(photo.id);
    try {
      for (const tag of tags)
        await facet.tags.decide({
          fileIds: [photo.id],
          labelSetId: tag.labelSetId,
          label: tag.label,
          state,
        });
      // The decided tags' new state is known: counted and moved on in one step, so a key pressed
      // as the count changes acts on the photo shown next; the engine's view of the photo (a
      // parent's rejection hides what is below it) is read again after.
      const keyOf = (tag: PhotoTag) => `${tag.labelSetId}\0${tag.label}`;
      const decided = new Set(tags.map(keyOf));
      const updated = (get().tags.get(photo.id) ?? []).map((tag) =>
        decided.has(keyOf(tag)) ? { ...tag, state } : tag,
      );
      set({
        tags: new Map(get().tags).set(photo.id, updated),
        decidedAt: [...get().decidedAt, ...tags.map(() => index)],
        error: null,
      });
      void loadTags([photo.id]).catch(() => {});
      recordEvent('review-decided');
      // A photo with nothing left waiting is done: on to the next one.
      if (get().index === index) {
        const waiting = currentTags(get()).findIndex((t) => t.state === 'suggested');
        if (waiting >= 0) set({ focusedTag: waiting });
        else get().go(index + 1);
      }
    } catch (error) {
      set({ error: userMessage(error) });
    } finally {
      writing.delete(photo.id);
    }
  }

  return {
    scope: null,
    queue: [],
    index: 0,
    layout: 'single',
    tags: new Map(),
    focusedTag: 0,
    decidedAt: [],
    loading: false,
    error: null,

    async start(scope) {
      const mine = ++run;
      set({
        scope,
        queue: [],
        index: 0,
        tags: new Map(),
        focusedTag: 0,
        decidedAt: [],
        loading: true,
        error: null,
      });
      unsubscribe ??= window.facet.on('tags:changed', ({ fileIds }) => {
        if (get().scope !== null) void get().reload(fileIds);
      });
      try {
        const queue: PhotoRef[] = [];
        const query = {
          filter: reviewFilter(scope),
          sort: { key: 'score' as const, descending: true },
        };
        for (let offset = 0; ; offset += PAGE) {
          const page = await facet.browse.photos(query, offset, PAGE);
          if (mine !== run) return;
          queue.push(...page.rows.map(({ id, path }) => ({ id, path })));
          if (page.rows.length === 0 || queue.length >= page.total) break;
        }
        set({ queue, loading: false });
        readAhead(0);
        recordEvent('review-started');
      } catch (error) {
        if (mine === run) set({ loading: false, error: userMessage(error) });
      }
    },
    close() {
      run++;
      set({ scope: null, queue: [], tags: new Map(), decidedAt: [] });
      recordEvent('review-closed');
    },
    go(index) {
      const to = Math.max(0, Math.min(get().queue.length, index));
      set({ index: to });
      set({ focusedTag: firstWaiting() });
      readAhead(to);
      recordEvent('review-moved');
    },
    setLayout(layout) {
      set({ layout });
    },
    focusTag(position) {
      const count = currentTags(get()).length;
      set({ focusedTag: Math.max(0, Math.min(count - 1, position)) });
    },
    decide(state) {
      const tag = currentTags(get())[get().focusedTag];
      return write(tag === undefined ? [] : [tag], state);
    },
    acceptAll() {
      return write(
        currentTags(get()).filter((tag) => tag.state === 'suggested'),
        'confirmed',
      );
    },
    async undo() {
      const action = undoAction();
      if (action === null) return;
      const back = get().decidedAt.at(-1);
      set({ decidedAt: get().decidedAt.slice(0, -1) });
      await action.run();
      if (back !== undefined) get().go(back);
      recordEvent('review-undone');
    },
    async reload(fileIds) {
      const known = get().tags;
      // A photo whose decision is being written is counted by write() itself, in one step.
      const ids = (fileIds ?? [...known.keys()]).filter((id) => known.has(id) && !writing.has(id));
      try {
        await loadTags(ids);
        if (ids.includes(get().queue[get().index]?.id ?? -1)) set({ focusedTag: firstWaiting() });
      } catch (error) {
        set({ error: userMessage(error) });
      }
    },
  };
});
