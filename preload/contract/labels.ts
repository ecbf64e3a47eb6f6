// Label sets (the user's own taxonomy), their scores over the library, and tags: the channels the
// taxonomy editor and the other views use.
import { z } from 'zod';
import { defineService, none, recordId, returns } from './define-service';

export type LabelMode = 'exclusive' | 'multi';
export type TagState = 'suggested' | 'confirmed' | 'rejected';

/** How a photo's tag stands: suggested by the model, or confirmed or rejected by the user. */
export const tagState = z.enum([
  'suggested',
  'confirmed',
  'rejected',
]) satisfies z.ZodType<TagState>;

/** One label of a set's tree; parents are labels too (they are tagged when a child is). */
export interface LabelDefinition {
  /** Full path, `/` between levels: "Animals/Bird/Heron". */
  readonly path: string;
  /** Words standing for the label; null: its own name. */
  readonly prompts: readonly string[] | null;
  /** How sure Facet must be (a score); null: Facet decides from the library's scores. */
  readonly threshold: number | null;
}

export interface LabelSetSummary {
  readonly id: number;
  readonly name: string;
  readonly mode: LabelMode;
  /** Inactive sets suggest no tags. */
  readonly active: boolean;
  /** Labels photos are matched against (those without children). */
  readonly labels: number;
}

export interface LabelSetDetail {
  readonly id: number;
  readonly name: string;
  readonly mode: LabelMode;
  /** Sentences each prompt is put into, `{}` where the prompt goes. */
  readonly templates: readonly string[];
  /** Exclusive mode: photos of something else may get no label ("none of these"). */
  readonly background: boolean;
  readonly active: boolean;
  /** False: the set suggests nothing; only photos the user (or a keyword import) tagged carry it. */
  readonly suggest: boolean;
  /** The tree in display order, parents before their children. */
  readonly labels: readonly LabelDefinition[];
}

/** One change to a label set; the editor's undo sends the inverse change. */
export type LabelEdit =
  | { readonly kind: 'add-labels'; readonly labels: readonly LabelDefinition[] }
  /** Renames or moves a label with everything under it (its decisions go along). */
  | { readonly kind: 'rename-label'; readonly from: string; readonly to: string }
  /** Deletes a label and everything under it (decisions are kept for an undo). */
  | { readonly kind: 'delete-label'; readonly path: string }
  | {
      readonly kind: 'set-prompts';
      readonly path: string;
      readonly prompts: readonly string[] | null;
    }
  | { readonly kind: 'set-threshold'; readonly path: string; readonly threshold: number | null }
  | {
      readonly kind: 'set-options';
      readonly name?: string;
      readonly mode?: LabelMode;
      readonly templates?: readonly string[];
      readonly background?: boolean;
      readonly active?: boolean;
      readonly suggest?: boolean;
    };

/** A starting point shipped with Facet (assets/label-sets). */
export interface BuiltInLabelSet {
  /** File name without extension: "animals". */
  readonly id: string;
  readonly name: string;
  readonly mode: LabelMode;
  readonly labels: number;
}

export interface TemplatePreset {
  readonly id: string;
  readonly name: string;
  readonly templates: readonly string[];
}

export interface ScoredPhoto {
  /** files.id */
  readonly id: number;
  readonly path: string;
  readonly score: number;
  /** The decision on this photo for the label; null: none (it may still be suggested). */
  readonly decision: 'confirmed' | 'rejected' | null;
}

export interface LabelScores {
  readonly labelSetId: number;
  readonly label: string;
  /** Scores are how sure Facet is (0 to 1) in both modes. */
  readonly mode: LabelMode;
  /** The score a photo needs now, and whether Facet chose it (the user has not). */
  readonly threshold: number;
  readonly derived: boolean;
  /** Photos per score bin, bins of equal width from `min` to `max`. */
  readonly histogram: {
    readonly min: number;
    readonly max: number;
    readonly counts: readonly number[];
  };
  /** Photos scored (those the active model has embedded). */
  readonly photos: number;
  /** Photos at or above the threshold. */
  readonly above: number;
  /** Best matches, best first. */
  readonly best: readonly ScoredPhoto[];
  /** The photos just above and just below the threshold, best first. */
  readonly nearThreshold: readonly ScoredPhoto[];
}

/** A tag of a photo: a suggestion of an active label set, or the user's decision. */
export interface PhotoTag {
  /** Full path, e.g. 'Animals/Bird/Heron'. */
  readonly label: string;
  readonly labelSetId: number;
  readonly labelSetName: string;
  /** Score under the active model; null when the photo has none (not embedded yet). */
  readonly score: number | null;
  readonly state: TagState;
}

export interface TagDecision {
  readonly fileIds: readonly number[];
  readonly labelSetId: number;
  readonly label: string;
  /** 'suggested' undoes a decision. */
  readonly state: TagState;
}

/** One step of the library's tag history: a decision, a bulk action, an import. */
export interface TagStep {
  /** What the step did, as the Undo button names it: 'reject "red" on 1 photo'. */
  readonly description: string;
  /** Photos whose tags the step changed. */
  readonly photos: number;
  /** When it was done (ms since 1970). */
  readonly at: number;
}

export interface TagHistory {
  /** The step an undo takes back; null: nothing to undo. */
  readonly undo: TagStep | null;
  /** The step a redo does again; null: nothing to redo. */
  readonly redo: TagStep | null;
}

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

export const labelsService = defineService('labels', {
  list: {
    args: none,
    result: returns<readonly LabelSetSummary[]>(),
    doc: "The library's label sets.",
  },
  get: {
    args: z.tuple([recordId]),
    result: returns<LabelSetDetail>(),
    doc: 'One label set with its whole tree.',
  },
  create: {
    args: z.tuple([z.string().trim().min(1, 'must not be empty').max(200), mode]),
    result: returns<LabelSetDetail>(),
    doc: 'Creates an empty label set.',
  },
  edit: {
    args: z.tuple([recordId, edit]),
    result: returns<LabelSetDetail>(),
    doc: 'Applies one change; answers the set as it is now.',
  },
  delete: {
    args: z.tuple([recordId]),
    result: returns<void>(),
    doc: 'Deletes a label set and its decisions.',
  },
  builtIns: {
    args: none,
    result: returns<readonly BuiltInLabelSet[]>(),
    doc: 'The label sets shipped with Facet, to start from.',
  },
  addBuiltIn: {
    args: z.tuple([
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]*$/)
        .max(100),
    ]),
    result: returns<LabelSetDetail>(),
    doc: 'Copies a shipped label set into the library.',
  },
  templatePresets: {
    args: none,
    result: returns<readonly TemplatePreset[]>(),
    doc: "Sentence sets to put prompts in (CLIP's 80 ImageNet templates, ...).",
  },
  import: {
    args: z.tuple([text(500).min(1), text(2_000_000)]),
    result: returns<LabelSetDetail>(),
    doc: "Adds a label set from a file's text (JSON, or plain text with indented children).",
  },
  export: {
    args: z.tuple([recordId, z.enum(['json', 'text'])]),
    result: returns<{ readonly fileName: string; readonly text: string }>(),
    doc: "A label set as a file's text.",
  },
  scores: {
    args: z.tuple([recordId, labelPath]),
    result: returns<LabelScores>(),
    doc: 'How the library scores on one label: histogram, threshold, best and borderline photos.',
  },
  preview: {
    args: z.tuple([recordId, prompts, z.enum(['first', 'all'])]),
    result: returns<readonly ScoredPhoto[]>(),
    doc:
      'Best-matching photos for words not saved yet (the preview while typing a label), in the ' +
      "set's first template (at every keystroke) or in all of them (once the typing pauses).",
  },
  decideAbove: {
    args: z.tuple([recordId, labelPath, score, tagState]),
    result: returns<number>(),
    doc: 'Decides a label for every photo scoring at least `minScore`; answers how many changed.',
  },
});

export const tagsService = defineService('tags', {
  ofPhotos: {
    args: z.tuple([fileIds]),
    result: returns<Readonly<Record<number, readonly PhotoTag[]>>>(),
    doc: "Tags of photos by files.id: decisions and the active label sets' suggestions.",
  },
  decide: {
    args: z.tuple([
      z.object({
        fileIds: fileIds.min(1),
        labelSetId: recordId,
        label: labelPath,
        state: tagState,
      }),
    ]),
    result: returns<number>(),
    doc: 'Confirms, rejects or undecides a label on photos, one undoable step; answers how many changed.',
  },
  history: { args: none, result: returns<TagHistory>(), doc: 'What undo and redo would do now.' },
  undo: {
    args: none,
    result: returns<TagStep | null>(),
    doc: 'Takes back the newest tag step; answers it (null: nothing to undo).',
  },
  redo: {
    args: none,
    result: returns<TagStep | null>(),
    doc: 'Does the newest undone tag step again; answers it (null: nothing to redo).',
  },
});

export interface LabelsEventChannels {
  /** A label set was created, changed or deleted (null: several). */
  'labels:changed': { readonly labelSetId: number | null };
  /** Tags of these photos changed (null: any photo, e.g. after a label edit). */
  'tags:changed': { readonly fileIds: readonly number[] | null };
  /** The tag history changed: a step was done, undone or redone. */
  'tags:history-changed': TagHistory;
}
