// The label scores of the library under the active model: the photo matrix comes from the
// library's embedding store; each set's scores are kept until the set or the library changes.
import type { LabelSetDetail } from '../../../preload/contract/labels';
import type { EngineContext } from '../engine-context';
import type { Library } from '../library/library';
import { LabelScorer, type SetScores } from './label-scores';
import { scorableSet } from './label-store';
import { libraryTextEmbedder, textModelKey } from './text-embeddings';
import { columnsByPath, scoreOf } from './photo-tags';

/** A set's scores with what it takes to read them by label path. */
export interface ScoredSet {
  readonly detail: LabelSetDetail;
  readonly scores: SetScores;
  readonly scorer: LabelScorer;
  /** Column of each scored label; a parent maps to the columns of the labels under it. */
  readonly columnsOf: ReadonlyMap<string, readonly number[]>;
}

/** Best score among `columns` for a row (a parent scores as its best child). */
export function scoreAt(scored: ScoredSet, columns: readonly number[], row: number): number {
  return scoreOf(scored.scores, columns, row);
}

export class LibraryScores {
  private scorer: Promise<LabelScorer> | null = null;
  private readonly sets = new Map<number, { key: string; scored: Promise<ScoredSet> }>();

  constructor(private readonly ctx: EngineContext) {
    ctx.onLibraryChanged(() => this.forget());
  }

  /** Drops the matrix and every set's scores: the next call reloads them. */
  forget(): void {
    this.scorer = null;
    this.sets.clear();
  }

  /** The scorer of the active model, loading the model and the matrix on first need. */
  scorerNow(): Promise<LabelScorer> {
    const modelId = this.ctx.activeModelId();
    if (this.scorer === null) {
      const loading = (async () => {
        const model = await this.ctx.model();
        const matrix = this.ctx.library.embeddings.matrix(model.info.id);
        const embed = libraryTextEmbedder(this.ctx.library.db, textModelKey(model.info), (texts) =>
          model.embedTexts(texts),
        );
        return new LabelScorer(matrix, embed, model.info.logitScale, model.info.logitBias);
      })();
      this.scorer = loading;
      loading.catch(() => {
        if (this.scorer === loading) this.scorer = null;
      });
    }
    return this.scorer.then((scorer) => {
      if (scorer.matrix.modelId === modelId) return scorer;
      this.forget(); // the active model changed since
      return this.scorerNow();
    });
  }

  /** Scores of a set; null while it has no labels to tell apart. */
  async scored(detail: LabelSetDetail): Promise<ScoredSet | null> {
    const set = scorableSet(detail);
    if (set === null) return null;
    const key = JSON.stringify(set);
    const cached = this.sets.get(detail.id);
    if (cached?.key === key) return cached.scored;
    const scored = (async () => {
      const scorer = await this.scorerNow();
      const scores = await scorer.score(set);
      return { detail, scores, scorer, columnsOf: columnsByPath(scores) };
    })();
    this.sets.set(detail.id, { key, scored });
    scored.catch(() => {
      if (this.sets.get(detail.id)?.scored === scored) this.sets.delete(detail.id);
    });
    return scored;
  }
}

const byLibrary = new WeakMap<Library, LibraryScores>();

/** The one LibraryScores of the context's library. */
export function libraryScores(ctx: EngineContext): LibraryScores {
  let scores = byLibrary.get(ctx.library);
  if (scores === undefined) {
    scores = new LibraryScores(ctx);
    byLibrary.set(ctx.library, scores);
  }
  return scores;
}
