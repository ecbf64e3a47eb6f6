// The browse domain's engine service: the grid's pages, search by words or by example, and the
// photo view's details. Tags come from the labels domain (labels/tags.ts).
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type {
  BrowseFacets,
  OutsidePhoto,
  PhotoDetails,
  PhotoPage,
  PhotoQuery,
  PhotoRow,
  SearchOptions,
  SearchOutcome,
} from '../../../preload/contract/browse';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { tagsOfFiles } from '../labels/tags';
import { checkLibraryPath } from '../library/scanner';
import { readExif } from './exif';
import { datePhotos, photoDates } from './photo-dates';
import { filtersTags, queryPhotos, type PhotoRecord } from './photo-query';
import { SearchIndex } from './search-index';
import { collapseNearDuplicates, suggestedCutoff } from './search-results';
import type { Neighbour } from './vector-index';

export interface BrowseApi {
  browsePhotos(query: PhotoQuery, offset: number, limit: number): Promise<PhotoPage>;
  browseFacets(): Promise<BrowseFacets>;
  searchPhotos(text: string, options: SearchOptions): Promise<SearchOutcome>;
  similarPhotos(fileId: number, options: SearchOptions): Promise<SearchOutcome>;
  similarToOutsidePhoto(photo: OutsidePhoto, options: SearchOptions): Promise<SearchOutcome>;
  photoDetails(fileId: number): Promise<PhotoDetails>;
}

export const BROWSE_METHODS = [
  'browsePhotos',
  'browseFacets',
  'searchPhotos',
  'similarPhotos',
  'similarToOutsidePhoto',
  'photoDetails',
] as const satisfies readonly (keyof BrowseApi)[];

const DEFAULT_LIMIT = 200;
const DEFAULT_DUPLICATE_SIMILARITY = 0.95;
const HISTOGRAM_BINS = 40;

interface FileFacts {
  id: number;
  path: string;
  size: number;
  width: number | null;
  height: number | null;
  format: string | null;
}

export function createBrowseService(ctx: EngineContext): BrowseApi {
  const db = ctx.library.db;
  const search = new SearchIndex(ctx);
  // The last query's full order, so scrolling pages through it does not redo the filter.
  let ordered: { key: string; rows: PhotoRow[] } | null = null;

  function photoRecords(): PhotoRecord[] {
    const dates = photoDates(db);
    const rows = db.prepare('SELECT id, path FROM files').raw().all() as [number, string][];
    return rows.map(([id, path]) => ({
      id,
      path,
      folder: dirname(path),
      name: basename(path),
      taken: dates.get(id) ?? null,
    }));
  }

  function pathsOf(ids: readonly number[]): Map<number, string> {
    const rows = db
      .prepare('SELECT id, path FROM files WHERE id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(ids)) as [number, string][];
    return new Map(rows);
  }

  function outcome(
    hits: Neighbour[],
    distribution: SearchOutcome['distribution'],
    similarityOf: (a: number, b: number) => number,
    options: SearchOptions,
    searched: number,
  ): SearchOutcome {
    const collapsed = collapseNearDuplicates(
      hits,
      similarityOf,
      options.duplicateSimilarity ?? DEFAULT_DUPLICATE_SIMILARITY,
    );
    const paths = pathsOf(hits.map((hit) => hit.id));
    const ref = (id: number) => ({ id, path: paths.get(id) ?? '' });
    return {
      hits: collapsed
        .filter((hit) => paths.has(hit.id))
        .map((hit) => ({
          ...ref(hit.id),
          score: hit.score,
          duplicates: hit.duplicates.filter((id) => paths.has(id)).map(ref),
        })),
      distribution,
      suggestedMinScore: suggestedCutoff(distribution, hits),
      searched,
    };
  }

  async function searchBy(
    query: Float32Array,
    options: SearchOptions,
    exclude?: number,
  ): Promise<SearchOutcome> {
    const index = search.current(ctx.activeModelId());
    if (index.size === 0) return outcome([], null, () => 0, options, 0);
    const { hits, distribution } = index.search(query, {
      k: Math.min(options.limit ?? DEFAULT_LIMIT, 2000),
      bins: HISTOGRAM_BINS,
      ...(exclude !== undefined && { exclude: new Set([exclude]) }),
    });
    return outcome(hits, distribution, (a, b) => index.similarity(a, b), options, index.size);
  }

  async function embedOutside(path: string): Promise<Float32Array> {
    const model = await ctx.model();
    for await (const result of model.embedImages([path])) {
      if (!result.ok)
        throw engineError('UNREADABLE', `${basename(path)} cannot be read: ${result.error}`);
      return result.embedding;
    }
    throw engineError('UNREADABLE', `${basename(path)} cannot be read.`);
  }

  return {
    async browsePhotos(query, offset, limit) {
      const key = JSON.stringify(query);
      // A first page is always fresh (tags or files may have changed); later pages reuse it.
      if (offset === 0 || ordered?.key !== key) {
        if (query.sort.key === 'date') await datePhotos(db);
        const records = photoRecords();
        const tags = filtersTags(query.filter)
          ? await tagsOfFiles(ctx, null)
          : new Map<number, never[]>();
        ordered = { key, rows: queryPhotos(records, tags, query.filter, query.sort) };
      }
      return {
        total: ordered.rows.length,
        offset,
        rows: ordered.rows.slice(offset, offset + limit),
      };
    },

    async browseFacets() {
      const tags = await tagsOfFiles(ctx, null);
      const sets = new Map<number, { name: string; labels: Set<string> }>();
      for (const list of tags.values())
        for (const tag of list) {
          let set = sets.get(tag.labelSetId);
          if (set === undefined)
            sets.set(tag.labelSetId, (set = { name: tag.labelSetName, labels: new Set() }));
          set.labels.add(tag.label);
        }
      const folders = db
        .prepare('SELECT path FROM files')
        .pluck()
        .all()
        .map((path) => dirname(path as string));
      return {
        labelSets: [...sets]
          .map(([id, set]) => ({ id, name: set.name, labels: [...set.labels].sort() }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        folders: [...new Set(folders)].sort().slice(0, 5000),
      };
    },

    async searchPhotos(text, options) {
      if (text.trim() === '') throw engineError('EMPTY_QUERY', 'Type something to search for.');
      const model = await ctx.model();
      const [query] = await model.embedTexts([text.trim()]);
      return searchBy(query as Float32Array, options);
    },

    async similarPhotos(fileId, options) {
      const index = search.current(ctx.activeModelId());
      const vector = index.vectorOf(fileId);
      if (vector === null)
        throw engineError(
          'NOT_INDEXED',
          'This photo has not been indexed with the current model yet.',
        );
      return searchBy(vector, options, fileId);
    },

    async similarToOutsidePhoto(photo, options) {
      if ('path' in photo) {
        const path = resolve(photo.path);
        const check = await checkLibraryPath(path);
        if (!check.ok) throw engineError('BAD_PATH', `${path} ${check.reason}.`);
        if (check.kind !== 'photo')
          throw engineError('BAD_PATH', `${path} is a folder, not a photo.`);
        return searchBy(await embedOutside(path), options);
      }
      // Bytes from a drop: a private temporary copy, gone once it is embedded.
      const folder = await mkdtemp(join(tmpdir(), 'facet-drop-'));
      try {
        const name = `dropped${extname(basename(photo.name)).toLowerCase() || '.jpg'}`;
        const path = join(folder, name);
        await writeFile(path, Buffer.from(photo.base64, 'base64'));
        return await searchBy(await embedOutside(path), options);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },

    async photoDetails(fileId) {
      const file = db
        .prepare('SELECT id, path, size, width, height, format FROM files WHERE id = ?')
        .get(fileId) as FileFacts | undefined;
      if (file === undefined)
        throw engineError('NOT_FOUND', 'This photo is no longer in the library.');
      const [exif, tags, info] = await Promise.all([
        readExif(file.path),
        tagsOfFiles(ctx, [fileId]),
        stat(file.path).catch(() => null),
      ]);
      const { taken, ...basics } = exif;
      return {
        id: file.id,
        path: file.path,
        name: basename(file.path),
        folder: dirname(file.path),
        bytes: info?.size ?? file.size,
        width: file.width,
        height: file.height,
        format: file.format,
        taken: taken ?? info?.mtimeMs ?? null,
        exif: basics,
        tags: tags.get(fileId) ?? [],
      };
    },
  };
}
