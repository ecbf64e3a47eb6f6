// `facet tag`: every photo found, once, with its tags best first or the reason it is unreadable.
import type { ClipModel } from '../clip/index';
import type { TagReport } from '../engine-api';
import type { EmbeddingMatrix, FileRow } from '../library/library';
import type { LabelSet } from './label-set';
import { BACKGROUND_PROMPTS } from './label-scores';
import { embedLabels, scoreLabels, type Tag } from './scoring';

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
  readonly top?: number;
}

const round = (score: number) => Math.round(score * 1e6) / 1e6;

/** "None of these" as a one-label set in the same templates. */
function backgroundSet(set: LabelSet): LabelSet {
  return { ...set, labels: [{ name: 'none', prompts: BACKGROUND_PROMPTS, threshold: null }] };
}

export async function buildTagReport(run: TagRun): Promise<TagReport> {
  const { labelSet, model, matrix } = run;
  const embed = (texts: readonly string[]) => model.embedTexts(texts);
  const labelVectors = await embedLabels(labelSet, embed);
  const background =
    labelSet.background === true && labelSet.mode === 'exclusive'
      ? (await embedLabels(backgroundSet(labelSet), embed))[0]
      : undefined;
  const scoring = scoreLabels(labelSet, labelVectors, matrix.vectors, matrix.dim, {
    logitScale: model.info.logitScale,
    ...(background !== undefined && { background }),
    ...(run.top !== undefined && { top: run.top }),
  });
  const tagsByPath = new Map<string, Tag[]>(
    matrix.paths.map((path, i) => [path, scoring.tags[i] ?? []]),
  );
  const errorByPath = new Map(run.errors.map((problem) => [problem.path, problem.error]));
  const counts = new Map<string, number>();
  const files = run.files.map((file) => {
    const tags = (tagsByPath.get(file.path) ?? []).map((tag) => ({
      label: tag.label,
      score: round(tag.score),
    }));
    // Exclusive mode counts each photo's best label; multi mode every label it carries.
    for (const tag of labelSet.mode === 'exclusive' ? tags.slice(0, 1) : tags)
      counts.set(tag.label, (counts.get(tag.label) ?? 0) + 1);
    const error = errorByPath.get(file.path) ?? (tagsByPath.has(file.path) ? null : 'not embedded');
    return { path: file.path, tags: error === null ? tags : [], error };
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
      ...(scoring.thresholds !== null && {
        thresholds: Object.fromEntries(
          labelSet.labels.map((label, j) => [label.name, round(scoring.thresholds?.[j] ?? 0)]),
        ),
      }),
    },
  };
}
