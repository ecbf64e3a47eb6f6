// The labels domain of the engine: label sets kept in the library, their scores over the
// library under the active model, and the tags photos get from them.
import type { ServiceApi } from '../../../preload/contract/define-service';
import type { labelsService, tagsService } from '../../../preload/contract/labels';
import type { ScoredPhoto } from '../../../preload/contract/labels';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { builtInLabelSets, readBuiltIn, templatePresets } from './built-ins';
import { fileNameFor, labelSetJson, labelSetText } from './label-format';
import { parseLabelDocument } from './label-set';
import { suggestedColumns } from './label-scores';
import { LabelPreview } from './label-preview';
import {
  createLabelSet,
  deleteLabelSet,
  editLabelSet,
  emptyDocument,
  labelSetDetail,
  listLabelSets,
} from './label-store';
import { libraryScores, scoreAt } from './library-scores';
import { tagHistory } from './tag-history';
import {
  applyDecisions,
  decideTags,
  decisionsOf,
  describeDecision,
  moveTags,
  tagsOfFiles,
} from './tags';

const BINS = 40;
const BEST = 24;
const NEAR = 6;

export function createLabelsService(ctx: EngineContext): ServiceApi<typeof labelsService> {
  const db = ctx.library.db;
  const scores = libraryScores(ctx);
  const preview = new LabelPreview();

  const changed = (labelSetId: number | null, tagsToo: boolean) => {
    ctx.emit('labels:changed', { labelSetId });
    if (tagsToo) ctx.emit('tags:changed', { fileIds: null });
  };
  const created = (id: number) => {
    changed(id, true);
    return labelSetDetail(db, id);
  };

  /** Photos of the rows, with their decision on `label`. */
  const photosAt = (
    labelSetId: number,
    label: string,
    rows: readonly { row: number; score: number }[],
    matrix: { ids: Int32Array; paths: readonly string[] },
  ): ScoredPhoto[] => {
    const ids = rows.map(({ row }) => matrix.ids[row] as number);
    const decisions = decisionsOf(ctx, ids, [labelSetId]);
    return rows.map(({ row, score }, i) => ({
      id: ids[i] as number,
      path: matrix.paths[row] as string,
      score,
      decision:
        decisions
          .get(ids[i] as number)
          ?.get(labelSetId)
          ?.get(label) ?? null,
    }));
  };

  return {
    async list() {
      return listLabelSets(db);
    },
    async get(labelSetId) {
      return labelSetDetail(db, labelSetId);
    },
    async create(name, mode) {
      if (name.trim() === '') throw engineError('BAD_LABEL_EDIT', 'A label set needs a name.');
      return created(createLabelSet(db, emptyDocument(name.trim(), mode)));
    },
    async edit(labelSetId, edit) {
      editLabelSet(db, labelSetId, edit);
      changed(labelSetId, true);
      return labelSetDetail(db, labelSetId);
    },
    async delete(labelSetId) {
      deleteLabelSet(db, labelSetId);
      changed(labelSetId, true);
    },
    async builtIns() {
      return builtInLabelSets();
    },
    async addBuiltIn(builtInId) {
      return created(createLabelSet(db, await readBuiltIn(builtInId)));
    },
    async templatePresets() {
      return templatePresets();
    },
    async import(fileName, text) {
      return created(createLabelSet(db, parseLabelDocument(fileName, text)));
    },
    async export(labelSetId, format) {
      const detail = labelSetDetail(db, labelSetId);
      return {
        fileName: fileNameFor(detail.name, format),
        text: format === 'json' ? labelSetJson(detail) : labelSetText(detail),
      };
    },

    async scores(labelSetId, label) {
      const detail = labelSetDetail(db, labelSetId);
      if (!detail.labels.some((l) => l.path === label))
        throw engineError('NOT_FOUND', `${detail.name} has no label "${label}".`);
      const scored = await scores.scored(detail);
      const columns = scored?.columnsOf.get(label);
      if (scored === null || columns === undefined)
        return {
          labelSetId,
          label,
          mode: detail.mode,
          threshold: 0,
          derived: true,
          histogram: { min: 0, max: 1, counts: [] },
          photos: 0,
          above: 0,
          best: [],
          nearThreshold: [],
        };
      const { matrix } = scored.scorer;
      const rows = matrix.ids.length;
      const values = new Float32Array(rows);
      let above = 0;
      for (let row = 0; row < rows; row++) {
        values[row] = scoreAt(scored, columns, row);
        if (suggestedColumns(scored.scores, row).some((j) => columns.includes(j))) above++;
      }
      const threshold = Math.min(...columns.map((j) => scored.scores.thresholds[j] as number));
      const derived = columns.some((j) => scored.scores.derived[j] === true);
      let min = detail.mode === 'exclusive' ? 0 : Infinity;
      let max = detail.mode === 'exclusive' ? 1 : -Infinity;
      if (detail.mode === 'multi')
        for (const v of values) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      if (!(max > min)) max = min + 1e-3;
      const counts = new Array<number>(BINS).fill(0);
      for (const v of values) {
        const bin = Math.min(BINS - 1, Math.max(0, Math.floor(((v - min) / (max - min)) * BINS)));
        counts[bin] = (counts[bin] as number) + 1;
      }
      const order = Array.from(values.keys()).sort(
        (a, b) => (values[b] as number) - (values[a] as number),
      );
      const at = (row: number) => ({ row, score: values[row] as number });
      const firstBelow = order.findIndex((row) => (values[row] as number) < threshold);
      const cut = firstBelow === -1 ? order.length : firstBelow;
      const near = order.slice(Math.max(0, cut - NEAR), cut + NEAR);
      return {
        labelSetId,
        label,
        mode: detail.mode,
        threshold,
        derived,
        histogram: { min, max, counts },
        photos: rows,
        above,
        best: photosAt(labelSetId, label, order.slice(0, BEST).map(at), matrix),
        nearThreshold: photosAt(labelSetId, label, near.map(at), matrix),
      };
    },

    async preview(labelSetId, prompts, templates) {
      const detail = labelSetDetail(db, labelSetId);
      const words = prompts.map((p) => p.trim()).filter((p) => p !== '');
      if (words.length === 0) return [];
      const scorer = await scores.scorerNow();
      const used = templates === 'first' ? detail.templates.slice(0, 1) : detail.templates;
      // null: a newer keystroke replaced this request; its answer would be dropped anyway.
      const best = await preview.best(scorer, used, words, BEST);
      return (best ?? []).map(({ row, score }) => ({
        id: scorer.matrix.ids[row] as number,
        path: scorer.matrix.paths[row] as string,
        score,
        decision: null,
      }));
    },

    async decideAbove(labelSetId, label, minScore, state) {
      const detail = labelSetDetail(db, labelSetId);
      const scored = await scores.scored(detail);
      const columns = scored?.columnsOf.get(label);
      if (scored === null || columns === undefined)
        throw engineError('NOT_FOUND', `${detail.name} has no label "${label}" to decide.`);
      const { matrix } = scored.scorer;
      const fileIds: number[] = [];
      // Photos the label is suggested for (their best label, in exclusive mode) at this score or more.
      for (let row = 0; row < matrix.ids.length; row++)
        if (
          scoreAt(scored, columns, row) >= minScore &&
          suggestedColumns(scored.scores, row).some((j) => columns.includes(j))
        )
          fileIds.push(matrix.ids[row] as number);
      const decision = { fileIds, labelSetId, label, state };
      return applyDecisions(ctx, `${describeDecision(decision)} above the line`, [decision]);
    },
  };
}

/** The tags domain (photos' decisions and their undo history) beside the label sets. */
export function createTagsService(ctx: EngineContext): ServiceApi<typeof tagsService> {
  const db = ctx.library.db;
  return {
    async ofPhotos(fileIds) {
      return Object.fromEntries(await tagsOfFiles(ctx, fileIds));
    },
    async decide(decision) {
      return decideTags(ctx, decision);
    },
    async history() {
      return tagHistory(db);
    },
    async undo() {
      return moveTags(ctx, 'undo');
    },
    async redo() {
      return moveTags(ctx, 'redo');
    },
  };
}
