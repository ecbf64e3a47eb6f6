// The model catalog (assets/models/catalog.json): what can be installed, from where, and what to
// expect of each model on the user's hardware.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { TEXT_FAMILIES } from '../clip/text-rules';
import { engineError } from '../engine-error';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');

const catalogFile = z.object({
  /** Path inside the model package, with forward slashes. */
  path: z
    .string()
    .min(1)
    .refine((path) => !path.split('/').some((part) => part === '..' || part === ''), {
      message: 'a file path must stay inside the model folder',
    }),
  url: z.string().url(),
  size: z.number().int().nonnegative().nullable(),
  sha256: sha256.nullable(),
});

const catalogModel = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a model name is a plain folder name'),
  title: z.string(),
  description: z.string(),
  source: z.string().url(),
  embedDim: z.number().int().positive(),
  imageSize: z.number().int().positive(),
  languages: z.array(z.string()),
  /** How Facet reads the model's text, and what was checked of that (README "Model families"). */
  text: z.object({ family: z.enum(TEXT_FAMILIES), verified: z.string().min(1) }),
  hints: z.object({
    speed: z.enum(['fastest', 'fast', 'medium', 'slow', 'very slow']),
    device: z.enum(['cpu', 'gpu']),
    memoryMiB: z.number().positive().nullable(),
    cpuMsPerImage: z.number().positive().nullable(),
    recall: z.number().positive().nullable(),
    approxDownloadMiB: z.number().positive().nullable(),
  }),
  files: z.array(catalogFile),
  /** Hugging Face tree listing that completes `files` (external-data weights, sizes, SHA-256). */
  listing: z.string().url().nullable(),
  export: z.object({ script: z.string(), command: z.string(), then: z.string() }).optional(),
});

const catalogSchema = z.object({
  version: z.literal(1),
  about: z.string(),
  recommended: z.object({
    cpu: z.string(),
    cpuLowMemory: z.string(),
    gpu: z.string(),
    gpuLarge: z.string(),
    reference: z.string(),
  }),
  models: z.array(catalogModel),
});

export type CatalogFile = z.infer<typeof catalogFile>;
export type CatalogModel = z.infer<typeof catalogModel>;
export type Catalog = z.infer<typeof catalogSchema>;

/** The catalog shipped beside the built-in demo model. */
export function catalogPath(builtInModelDir: string): string {
  return join(builtInModelDir, '..', 'catalog.json');
}

/** Reads and checks a catalog; a broken one is refused with the entry and field at fault. */
export async function readCatalog(path: string): Promise<Catalog> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`The model catalog ${path} cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = catalogSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new Error(`The model catalog ${path} is broken at ${where}: ${issue?.message ?? ''}`);
  }
  const names = new Set<string>();
  for (const model of parsed.data.models) {
    if (names.has(model.name))
      throw new Error(`The model catalog ${path} lists ${model.name} twice.`);
    names.add(model.name);
  }
  for (const name of Object.values(parsed.data.recommended)) {
    if (!names.has(name))
      throw new Error(`The model catalog ${path} recommends ${name}, which it does not list.`);
  }
  return parsed.data;
}

export function findCatalogModel(catalog: Catalog, name: string): CatalogModel {
  const model = catalog.models.find((entry) => entry.name.toLowerCase() === name.toLowerCase());
  if (model === undefined)
    throw engineError(
      'UNKNOWN_MODEL',
      `The catalog has no model named ${name}. Run "facet models list" to see them.`,
    );
  return model;
}

const listingEntry = z.object({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative().optional(),
  lfs: z.object({ oid: z.string(), size: z.number().int().nonnegative() }).optional(),
});

/**
 * The files to download: the catalog's own list, completed by the repository listing with
 * every other top-level file of visual/ and textual/ (external-data weights) and with sizes and
 * SHA-256 (Hugging Face's LFS object id is the file's SHA-256). Other backends' subfolders
 * (rknpu/, armnn/, ...) are left out.
 */
export function filesFromListing(model: CatalogModel, listing: unknown): CatalogFile[] {
  const parsed = z.array(listingEntry).safeParse(listing);
  if (!parsed.success)
    throw new Error(`The file listing of ${model.name} is not in the expected form.`);
  const byPath = new Map(model.files.map((file) => [file.path, { ...file }]));
  const base = model.files[0]?.url.slice(0, -(model.files[0]?.path.length ?? 0));
  for (const entry of parsed.data) {
    if (entry.type !== 'file') continue;
    const wanted =
      byPath.has(entry.path) ||
      /^(visual|textual)\/[^/]+$/.test(entry.path) ||
      entry.path === 'config.json';
    if (!wanted || base === undefined) continue;
    const size = entry.lfs?.size ?? entry.size ?? null;
    const hash =
      entry.lfs !== undefined && /^[0-9a-f]{64}$/.test(entry.lfs.oid) ? entry.lfs.oid : null;
    const known = byPath.get(entry.path);
    byPath.set(entry.path, {
      path: entry.path,
      url: known?.url ?? base + entry.path,
      size: known?.size ?? size,
      sha256: known?.sha256 ?? hash,
    });
  }
  return [...byPath.values()];
}
