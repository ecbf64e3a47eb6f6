// The command line's one-shot calls on the library: `facet tag` (index, then score the photos
// against a label set file), `facet search` and `facet similar`.
import { resolve } from 'node:path';
import type { ServiceApi } from '../../../preload/contract/define-service';
import type {
  libraryService,
  SearchResult,
  TagOptions,
  TagReport,
} from '../../../preload/contract/library';
import { engineError } from '../engine-error';
import { readLabelSet } from '../labels/label-set';
import { buildTagReport } from '../labels/tag-report';
import { libraryTextEmbedder, textModelKey } from '../labels/text-embeddings';
import type { Library } from './library';
import { matrixRows } from './embedding-store';
import { checkLibraryPath } from './scanner';
import type { LibraryService } from './service';

export function commandLineCalls(
  service: LibraryService,
  library: Library,
): Pick<ServiceApi<typeof libraryService>, 'tag' | 'search' | 'similar'> {
  const { models, runner } = service;
  return {
    async tag(paths: readonly string[], options: TagOptions): Promise<TagReport> {
      if (options.top !== undefined && !(Number.isInteger(options.top) && options.top > 0))
        throw engineError('BAD_ARGUMENT', 'top must be a whole number above 0.');
      const labelSet = await readLabelSet(resolve(options.labels));
      const resolved = await service.addForIndex(paths, options.confirmed === true);
      const run = await runner.run(resolved, options);
      const ids = new Set(run.files.map((file) => file.id));
      return buildTagReport({
        labelSet,
        model: run.model,
        files: run.files,
        errors: run.report.errors,
        embedded: run.report.embedded,
        matrix: matrixRows(library.embeddings.matrix(run.model.info.id), ids),
        embedTexts: libraryTextEmbedder(library.db, textModelKey(run.model.info), (texts) =>
          run.model.embedTexts(texts),
        ),
        ...(options.top !== undefined && { top: options.top }),
      });
    },

    async search(text: string, k: number): Promise<SearchResult> {
      if (text.trim() === '') throw engineError('EMPTY_QUERY', 'Type something to search for.');
      const model = await models.get({});
      const [query] = await model.embedTexts([text]);
      return { results: library.embeddings.nearest(model.info.id, query as Float32Array, k) };
    },

    async similar(imagePath: string, k: number): Promise<SearchResult> {
      const path = resolve(imagePath);
      const check = await checkLibraryPath(path);
      if (!check.ok) throw engineError('BAD_PATH', `${path} ${check.reason}.`);
      if (check.kind !== 'photo')
        throw engineError('BAD_PATH', `${path} is a folder, not a photo.`);
      const model = await models.get({});
      let query = library.embeddingOf(path, model.info.id);
      if (query === null) {
        for await (const result of model.embedImages([path])) {
          if (!result.ok)
            throw engineError('UNREADABLE', `${path} cannot be read: ${result.error}`);
          query = result.embedding;
        }
      }
      return { results: library.embeddings.nearest(model.info.id, query as Float32Array, k) };
    },
  };
}
