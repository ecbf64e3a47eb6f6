// `facet tag`: every photo found, once, with the tags Facet suggests (the same engine and rule
// the app uses), the ranked candidates beside them, or the reason it is unreadable.
import type { ClipModel } from '../clip/index';
import type { TagReport } from '../engine-api';
import type { EmbeddingMatrix } from '../library/embedding-store';
import type { FileRow } from '../library/library';
import type { LabelSet } from './label-set';
import { LabelScorer, type EmbedTexts } from './label-scores';
import { carried, columnsByPath, tagsOfPhoto, type TaggingSet } from './photo-tags';

export interface TagRun {
  readonly labelSet: LabelSet;
  readonly model: ClipModel;
  /** The photos found under the tagged paths. */
  readonly files: readonly FileRow[];
  readonly errors: readonly { readonly path: string; readonly error: string }[];
  /** Photos embedded by this run (the rest were already in the library). */
  readonly embedded: number;
  /** Embeddings of `files` (those that could be read). */
  readonly matrix: EmbeddingMatrix;
  /** Ranked candidates listed per photo. */
  readonly top?: number;
  /** How label texts are embedded (default: the model, with no library to keep them in). */
  readonly embedTexts?: EmbedTexts;
}

/** Candidates listed per photo unless --top says otherwise. */
export const DEFAULT_TOP = 5;

const round = (score: number) => Math.round(score * 1e6) / 1e6;

export async function buildTagReport(run: TagRun): Promise<TagReport> {
  const { labelSet, model } = run;
  const matrix = run.matrix;
  const embed = run.embedTexts ?? ((texts) => model.embedTexts(texts));
  const scorer = new LabelScorer(matrix, embed, model.info.logitScale, model.info.logitBias);
  const scores = await scorer.score(labelSet);
  const columnsOf = columnsByPath(scores);
  // A set read from a file has no decisions yet: its tags are its suggestions.
  const set: TaggingSet = { scores, columnsOf, paths: new Set(columnsOf.keys()), suggest: true };
  const rowOf = new Map(matrix.paths.map((path, row) => [path, row]));
  const errorByPath = new Map(run.errors.map((problem) => [problem.path, problem.error]));
  const top = run.top ?? DEFAULT_TOP;
  const counts = new Map<string, number>();
  const files = run.files.map((file) => {
    const row = rowOf.get(file.path);
    const error = errorByPath.get(file.path) ?? (row === undefined ? 'not embedded' : null);
    if (error !== null || row === undefined)
      return { path: file.path, tags: [], candidates: [], error };
    const tags = carried(tagsOfPhoto(set, row, undefined)).map((tag) => ({
      label: tag.label,
      score: round(tag.score ?? 0),
    }));
    for (const tag of tags) counts.set(tag.label, (counts.get(tag.label) ?? 0) + 1);
    const candidates = scores.labels
      .map((label, j) => ({ label: label.name, score: round(scores.scores[j]?.[row] ?? 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, top);
    return { path: file.path, tags, candidates, error };
  });
  return {
    files,
    summary: {
      labelSet: labelSet.name,
      labelFile: labelSet.file,
      mode: labelSet.mode,
      model: model.info.id,
      device: model.device,
      files: files.length,
      tagged: files.filter((file) => file.tags.length > 0).length,
      errors: files.filter((file) => file.error !== null).length,
      embedded: run.embedded,
      counts: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1])),
      thresholds: Object.fromEntries(
        scores.labels.map((label, j) => [label.name, round(scores.thresholds[j] ?? 0)]),
      ),
    },
  };
}
