// Writes a photo's keywords where other apps read them: its XMP sidecar, or (opt-in) the JPEG or
// TIFF itself. The file's other metadata is kept (ExifTool edits a copy of it), and the copy
// replaces the file only once complete (temporary file + rename), so a failure never leaves half a file.
import { constants } from 'node:fs';
import { access, copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { MetadataTool } from '../../../native/exiftool';
import type { KeywordChange, SidecarNaming } from '../../../preload/contract/export';
import {
  KEYWORD_TAGS,
  keywordsOf,
  ORIGINAL_FIELDS,
  planKeywords,
  SIDECAR_FIELDS,
  type KeywordField,
  type KeywordValues,
} from './keywords';

/** `photo.jpg.xmp` (digiKam, darktable) or `photo.xmp` (Adobe). */
export type TargetKind = 'sidecar' | 'original';

/** What to write for one photo: its labels as full paths ('Animals/Bird/Heron'). */
export interface PhotoKeywords {
  readonly photoPath: string;
  readonly keywords: readonly string[];
  /** Values Facet wrote to this photo's sidecar / original before: the only ones it may remove. */
  readonly owned?: Readonly<Partial<Record<TargetKind, KeywordValues>>>;
  /** For a raw: the JPEGs of its RAW+JPEG pair that stand with it, and what Facet owns in each. */
  readonly companions?: readonly CompanionKeywords[];
  /** For a JPEG: the raw beside it, which owns the `base.xmp` sidecar name. */
  readonly pairedRaw?: string | null;
}

export interface CompanionKeywords {
  readonly path: string;
  readonly owned?: Readonly<Partial<Record<TargetKind, KeywordValues>>>;
}

export interface WriteOutcome {
  readonly photoPath: string;
  readonly kind: TargetKind;
  /** The file written (or that would be): the sidecar, or the photo itself. */
  readonly target: string;
  /** create: a new sidecar; update: keywords change; unchanged: the file already says it all. */
  readonly action: 'create' | 'update' | 'unchanged';
  readonly changes: readonly KeywordChange[];
  /** What Facet owns in the target afterwards (to store for the next export). */
  readonly owned: Record<KeywordField, string[]>;
  /** True when the file was written (never in a dry run). */
  readonly written: boolean;
  /** The untouched original kept beside an embedded photo, when one was made now. */
  readonly backup: string | null;
}

const EMBEDDABLE = new Set(['.jpg', '.jpeg', '.tif', '.tiff']);

export function canEmbed(photoPath: string): boolean {
  return EMBEDDABLE.has(extname(photoPath).toLowerCase());
}

export function sidecarPath(photoPath: string, naming: SidecarNaming): string {
  return naming === 'ext'
    ? `${photoPath}.xmp`
    : join(dirname(photoPath), `${basename(photoPath, extname(photoPath))}.xmp`);
}

/** The photo's sidecars on disk, under either naming (`photo.jpg.xmp` first). */
export async function findSidecars(photoPath: string): Promise<string[]> {
  const candidates = [sidecarPath(photoPath, 'ext'), sidecarPath(photoPath, 'base')];
  const found = await Promise.all(candidates.map((path) => exists(path)));
  return candidates.filter((_, i) => found[i]);
}

/** ExifTool's own name for the backup it keeps, which `exiftool -restore_original` knows. */
export function backupPath(photoPath: string): string {
  return `${photoPath}_original`;
}

async function exists(path: string): Promise<boolean> {
  return access(path, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/** The keyword fields of `file`, each as a list. */
export async function readKeywords(
  tool: MetadataTool,
  file: string,
  fields: readonly KeywordField[] = ORIGINAL_FIELDS,
): Promise<Record<KeywordField, string[]>> {
  const raw = await tool.readTags(
    file,
    fields.map((field) => KEYWORD_TAGS[field]),
  );
  return Object.fromEntries(
    fields.map((field) => {
      const value = raw[KEYWORD_TAGS[field]];
      return [field, value === undefined ? [] : typeof value === 'string' ? [value] : value];
    }),
  ) as Record<KeywordField, string[]>;
}

let temporaries = 0;

/** A hidden name beside `target` with its extension, so ExifTool keeps the file type. */
function temporaryPath(target: string): string {
  temporaries += 1;
  return join(
    dirname(target),
    `.${basename(target)}.facet-${process.pid}-${temporaries}${extname(target)}`,
  );
}

async function writeAtomically(
  tool: MetadataTool,
  target: string,
  source: string | null,
  tags: Record<string, string | readonly string[]>,
): Promise<void> {
  const temporary = temporaryPath(target);
  try {
    await tool.writeCopy(source, temporary, tags);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    // The temporary name means nothing to the user: say which file could not be written.
    const message = error instanceof Error ? error.message : String(error);
    const named = message.split(temporary).join(target).replace(` - ${target}`, '');
    throw new Error(named, { cause: error });
  }
}

function tagsFor(
  changes: readonly KeywordChange[],
  next: Record<KeywordField, string[]>,
): Record<string, string | readonly string[]> {
  const tags: Record<string, string | readonly string[]> = {};
  for (const { field } of changes) tags[KEYWORD_TAGS[field]] = next[field];
  // IPTC is Latin-1 unless told otherwise; keywords are often not.
  if (changes.some((change) => change.field === 'iptcKeywords'))
    tags['IPTC:CodedCharacterSet'] = 'UTF8';
  return tags;
}

const MAIN_FIELDS: readonly KeywordField[] = ['subject', 'hierarchicalSubject', 'tagsList'];

/** Whether writing `photo`'s keywords would add a keyword field the sidecar lacks. */
function createsField(existing: KeywordValues, photo: PhotoKeywords): boolean {
  return (
    photo.keywords.length > 0 && MAIN_FIELDS.some((field) => (existing[field] ?? []).length === 0)
  );
}

/**
 * The keywords in the photo file itself that Facet did not embed: readers that prefer the sidecar's
 * fields (Immich, digiKam) must still find them. A file ExifTool cannot read holds none.
 */
async function photosOwnKeywords(tool: MetadataTool, photo: PhotoKeywords): Promise<KeywordValues> {
  const values = await readKeywords(tool, photo.photoPath, ORIGINAL_FIELDS).catch(() => ({}));
  const embedded = photo.owned?.original ?? {};
  return Object.fromEntries(
    Object.entries(values).map(([field, list]) => [
      field,
      list.filter((value) => !(embedded[field as KeywordField] ?? []).includes(value)),
    ]),
  );
}

/** Merges the photo's keywords into its sidecar (created when missing and there is something to say). */
export async function writeSidecar(
  tool: MetadataTool,
  photo: PhotoKeywords,
  options: { readonly naming: SidecarNaming; readonly dryRun?: boolean },
): Promise<WriteOutcome> {
  const target = sidecarPath(photo.photoPath, options.naming);
  const existed = await exists(target);
  const existing = existed ? await readKeywords(tool, target, SIDECAR_FIELDS) : {};
  const plan = planKeywords({
    existing,
    wanted: keywordsOf(photo.keywords, SIDECAR_FIELDS),
    owned: photo.owned?.sidecar ?? {},
    fields: SIDECAR_FIELDS,
    alsoUsers: createsField(existing, photo) ? await photosOwnKeywords(tool, photo) : {},
  });
  const action: WriteOutcome['action'] =
    plan.changes.length === 0 ? 'unchanged' : existed ? 'update' : 'create';
  const write = action !== 'unchanged' && options.dryRun !== true;
  if (write)
    await writeAtomically(tool, target, existed ? target : null, tagsFor(plan.changes, plan.next));
  const outcome = { photoPath: photo.photoPath, kind: 'sidecar' as const, target, action };
  return { ...outcome, changes: plan.changes, owned: plan.owned, written: write, backup: null };
}

/**
 * Merges the photo's keywords into the JPEG or TIFF itself (IPTC Keywords and XMP). Unless
 * `keepBackup` is false, the untouched original is first kept as `photo.jpg_original` (an
 * existing backup is never overwritten: it is the oldest original).
 */
export async function embedInOriginal(
  tool: MetadataTool,
  photo: PhotoKeywords,
  options: { readonly keepBackup: boolean; readonly dryRun?: boolean },
): Promise<WriteOutcome> {
  const target = photo.photoPath;
  if (!canEmbed(target))
    throw new Error(
      'Keywords are embedded only in JPEG and TIFF files; use a sidecar for this one',
    );
  const plan = planKeywords({
    existing: await readKeywords(tool, target, ORIGINAL_FIELDS),
    wanted: keywordsOf(photo.keywords, ORIGINAL_FIELDS),
    owned: photo.owned?.original ?? {},
    fields: ORIGINAL_FIELDS,
  });
  const action: WriteOutcome['action'] = plan.changes.length === 0 ? 'unchanged' : 'update';
  const write = action === 'update' && options.dryRun !== true;
  let backup: string | null = null;
  if (write) {
    if (options.keepBackup && !(await exists(backupPath(target)))) {
      await copyFile(target, backupPath(target), constants.COPYFILE_EXCL);
      backup = backupPath(target);
    }
    await writeAtomically(tool, target, target, tagsFor(plan.changes, plan.next));
  }
  const outcome = { photoPath: target, kind: 'original' as const, target, action };
  return { ...outcome, changes: plan.changes, owned: plan.owned, written: write, backup };
}
