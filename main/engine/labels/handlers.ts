// Argument checks for the labels channels: everything here comes from a web page.
import { z } from 'zod';
import type { LabelsInvokeChannels } from '../../../preload/contract/labels';
import { defineHandlers, recordId, tagState } from '../define-handlers';

const text = (max: number) => z.string().max(max, 'is too long');
const labelPath = z.string().trim().min(1, 'must not be empty').max(500, 'is too long');
const prompts = z.array(z.string().trim().min(1).max(200)).max(50);
const mode = z.enum(['exclusive', 'multi']);
const score = z.number().min(-1).max(1);
const fileIds = z.array(recordId).max(100_000);

const definition = z.object({
  path: labelPath,
  prompts: prompts.nullable(),
  threshold: score.nullable(),
});

const edit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-labels'), labels: z.array(definition).min(1).max(5000) }),
  z.object({ kind: z.literal('rename-label'), from: labelPath, to: labelPath }),
  z.object({ kind: z.literal('delete-label'), path: labelPath }),
  z.object({ kind: z.literal('set-prompts'), path: labelPath, prompts: prompts.nullable() }),
  z.object({ kind: z.literal('set-threshold'), path: labelPath, threshold: score.nullable() }),
  z.object({
    kind: z.literal('set-options'),
    name: z.string().trim().min(1).max(200).optional(),
    mode: mode.optional(),
    templates: z.array(z.string().trim().min(1).max(300)).min(1).max(200).optional(),
    background: z.boolean().optional(),
    active: z.boolean().optional(),
    suggest: z.boolean().optional(),
  }),
]);

export const labelsHandlers = defineHandlers<LabelsInvokeChannels>({
  'labels:list': { args: z.tuple([]), run: (engine) => engine.listLabelSets() },
  'labels:get': { args: z.tuple([recordId]), run: (engine, setId) => engine.getLabelSet(setId) },
  'labels:create': {
    args: z.tuple([z.string().trim().min(1, 'must not be empty').max(200), mode]),
    run: (engine, name, setMode) => engine.createLabelSet(name, setMode),
  },
  'labels:edit': {
    args: z.tuple([recordId, edit]),
    run: (engine, setId, change) => engine.editLabelSet(setId, change),
  },
  'labels:delete': {
    args: z.tuple([recordId]),
    run: (engine, setId) => engine.deleteLabelSet(setId),
  },
  'labels:built-ins': { args: z.tuple([]), run: (engine) => engine.builtInLabelSets() },
  'labels:add-built-in': {
    args: z.tuple([
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]*$/)
        .max(100),
    ]),
    run: (engine, builtInId) => engine.addBuiltInLabelSet(builtInId),
  },
  'labels:template-presets': { args: z.tuple([]), run: (engine) => engine.templatePresets() },
  'labels:import': {
    args: z.tuple([text(500).min(1), text(2_000_000)]),
    run: (engine, fileName, content) => engine.importLabelSet(fileName, content),
  },
  'labels:export': {
    args: z.tuple([recordId, z.enum(['json', 'text'])]),
    run: (engine, setId, format) => engine.exportLabelSet(setId, format),
  },
  'labels:scores': {
    args: z.tuple([recordId, labelPath]),
    run: (engine, setId, label) => engine.labelScores(setId, label),
  },
  'labels:preview': {
    args: z.tuple([recordId, prompts]),
    run: (engine, setId, words) => engine.previewLabel(setId, words),
  },
  'labels:decide-above': {
    args: z.tuple([recordId, labelPath, score, tagState]),
    run: (engine, setId, label, minScore, decided) =>
      engine.decideAbove(setId, label, minScore, decided),
  },
  'tags:of-photos': {
    args: z.tuple([fileIds]),
    run: (engine, ids) => engine.tagsOfPhotos(ids),
  },
  'tags:decide': {
    args: z.tuple([
      z.object({
        fileIds: fileIds.min(1),
        labelSetId: recordId,
        label: labelPath,
        state: tagState,
      }),
    ]),
    run: (engine, decision) => engine.decideTags(decision),
  },
  'tags:history': { args: z.tuple([]), run: (engine) => engine.tagHistory() },
  'tags:undo': { args: z.tuple([]), run: (engine) => engine.undoTags() },
  'tags:redo': { args: z.tuple([]), run: (engine) => engine.redoTags() },
});
