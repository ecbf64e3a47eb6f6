// The browse domain's engine service: the grid's pages, search by words or by example, and the
// photo view's details. Tags come from the labels domain (labels/tags.ts).
import type { ServiceApi } from '../../../preload/contract/define-service';
import type { browseService } from '../../../preload/contract/browse';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { SearchOptions, SearchOutcome } from '../../../preload/contract/browse';
import type { EngineContext } from '../engine-context';
import { engineError } from '../engine-error';
import { labelSetDetail } from '../labels/label-store';
import { activeSetIds, tagsOfFiles } from '../labels/tags';
import { keywordTree } from './keyword-tree';
import { checkLibraryPath } from '../library/scanner';
import { readExif } from './exif';
import { datePhotos, photoDates } from './photo-dates';
import { filtersTags, queryPhotos, type OrderedPhoto, type PhotoRecord } from './photo-query';
import { tagGlance } from './tag-glance';
import { duplicateThreshold } from '../clusters/duplicates';
import { GENERIC_CAPTIONS } from '../labels/background';
import { copySimilarity } from './search-copies';
import { collapseNearDuplicates, isWeakMatch, suggestedCutoff } from './search-results';
import type { Neighbour } from '../library/vector-index';

const DEFAULT_LIMIT = 200;
// More like this shows at least this many of the nearest photos at its first cut-off.
const SIMILAR_SHOWN = 20;
const HISTOGRAM_BINS = 40;

export function createBrowseService(ctx: EngineContext): ServiceApi<typeof browseService> {
  const db = ctx.library.db;
  // The active model's search index, current with the library (the embedding store rebuilds it).
  const searchIndex = () => ctx.library.embeddings.searchIndex(ctx.activeModelId());
  // The last query's full order, so scrolling pages through it does not redo the filter.
  let ordered: { key: string; rows: OrderedPhoto[] } | null = null;

  function photoRecords(): PhotoRecord[] {
    const dates = photoDates(db);
    return ctx.library.photoPaths().map(({ id, path }) => ({
      id,
      path,
      folder: dirname(path),
      name: basename(path),
      taken: dates.get(id) ?? null,
    }));
  }

  function pathsOf(ids: readonly number[]): Map<number, string> {
    return new Map(ctx.library.photoPaths(ids).map(({ id, path }) => [id, path]));
  }

  async function outcome(
    hits: Neighbour[],
    distribution: SearchOutcome['distribution'],
    vectorOf: (id: number) => Float32Array | null,
    options: SearchOptions,
    searched: number,
    start?: number,
    contentFreeBest: number | null = null,
  ): Promise<SearchOutcome> {
    const threshold = options.duplicateSimilarity ?? duplicateThreshold(ctx.library);
    const copies = await copySimilarity(db, hits, vectorOf, threshold);
    const collapsed = collapseNearDuplicates(hits, copies, threshold);
    const paths = pathsOf(hits.map((hit) => hit.id));
    const scores = new Map(hits.map((hit) => [hit.id, hit.score]));
    const ref = (id: number) => ({ id, path: paths.get(id) ?? '' });
    // The photo more like this started from is not a match of its own: the cut-off is taken from
    // the others, and shows at least the nearest few whatever their spread.
    const others = hits.filter((hit) => hit.id !== start);
    const weak = isWeakMatch(others, contentFreeBest);
    let cutoff = suggestedCutoff(distribution, others);
    const shown = collapsed.filter((hit) => hit.id !== start);
    if ((start !== undefined || weak) && cutoff !== null) {
      const nth = shown[Math.min(SIMILAR_SHOWN, shown.length) - 1];
      if (nth !== undefined) cutoff = Math.min(cutoff, nth.score);
    }
    return {
      hits: collapsed
        .filter((hit) => paths.has(hit.id))
        .map((hit) => ({
          ...ref(hit.id),
          score: hit.score,
          duplicates: hit.duplicates
            .filter((id) => paths.has(id))
            .map((id) => ({ ...ref(id), score: scores.get(id) ?? hit.score })),
        })),
      distribution,
      suggestedMinScore: cutoff,
      searched,
      weakMatch: weak,
    };
  }

  async function searchBy(
    query: Float32Array,
    options: SearchOptions,
    start?: number,
    contentFree?: readonly Float32Array[],
  ): Promise<SearchOutcome> {
    const index = searchIndex();
    if (index.size === 0) return outcome([], null, () => null, options, 0);
    const found = index.search(query, {
      k: Math.min(options.limit ?? DEFAULT_LIMIT, 2000),
      bins: HISTOGRAM_BINS,
    });
    // The photo itself leads, whatever an exact copy scores against it.
    const hits =
      start === undefined
        ? found.hits
        : [
            { id: start, score: 1 },
            ...found.hits.filter((hit) => hit.id !== start).slice(0, found.hits.length - 1),
          ];
    const best = (contentFree ?? []).map(
      (vector) => index.search(vector, { k: 1 }).hits[0]?.score ?? -1,
    );
    return outcome(
      hits,
      found.distribution,
      (id) => index.vectorOf(id),
      options,
      index.size,
      start,
      best.length === 0 ? null : Math.max(...best),
    );
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
    async photos(query, offset, limit) {
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
      const total = ordered.rows.length;
      const rows = ordered.rows.slice(offset, offset + limit);
      // Tags are counted for the page only, fresh: a decision shows on the next page asked for.
      const tags = await tagsOfFiles(
        ctx,
        rows.map((row) => row.id),
      );
      return {
        total,
        offset,
        rows: rows.map((row) => ({ ...row, tags: tagGlance(tags.get(row.id) ?? []) })),
      };
    },

    async facets() {
      const tags = await tagsOfFiles(ctx, null);
      const sets = new Map<number, { name: string; labels: Set<string> }>();
      for (const list of tags.values())
        for (const tag of list) {
          let set = sets.get(tag.labelSetId);
          if (set === undefined)
            sets.set(tag.labelSetId, (set = { name: tag.labelSetName, labels: new Set() }));
          set.labels.add(tag.label);
        }
      const folders = ctx.library.photoPaths().map(({ path }) => dirname(path));
      return {
        labelSets: [...sets]
          .map(([id, set]) => ({ id, name: set.name, labels: [...set.labels].sort() }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        folders: [...new Set(folders)].sort().slice(0, 5000),
      };
    },

    async keywords() {
      const details = activeSetIds(ctx).map((id) => labelSetDetail(db, id));
      return keywordTree(details, await tagsOfFiles(ctx, null));
    },

    async search(text, options) {
      if (text.trim() === '') throw engineError('EMPTY_QUERY', 'Type something to search for.');
      const model = await ctx.model();
      // Captions that say nothing, scored the same way, tell a match from the merely closest.
      const [query, ...contentFree] = await model.embedTexts([text.trim(), ...GENERIC_CAPTIONS]);
      return searchBy(query as Float32Array, options, undefined, contentFree);
    },

    async similar(fileId, options) {
      const index = searchIndex();
      const vector = index.vectorOf(fileId);
      if (vector === null)
        throw engineError(
          'NOT_INDEXED',
          'This photo has not been indexed with the current model yet.',
        );
      return searchBy(vector, options, fileId);
    },

    async similarOutside(photo, options) {
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

    async details(fileId) {
      const file = ctx.library.photoFacts(fileId);
      if (file === null) throw engineError('NOT_FOUND', 'This photo is no longer in the library.');
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
        takenFrom: taken !== undefined ? 'exif' : info !== null ? 'file' : null,
        exif: basics,
        tags: tags.get(fileId) ?? [],
      };
    },
  };
}
