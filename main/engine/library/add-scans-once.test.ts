// Adding a folder lists and fingerprints it once: the scan made before addFolders answers (so the
// folder list fills at once) is the one its background index run embeds from.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EngineStatus } from '../../../preload/contract';
import { closeRawPreviewTool } from '../../../native/raw-preview';
import { syncPhotos } from './indexer';
import { Library } from './library';
import { LibraryService, type LibraryServiceOptions } from './service';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-add-scan-'));
});
after(async () => {
  await closeRawPreviewTool();
  await rm(dir, { recursive: true, force: true });
});

/** A library service whose scans are counted; `indexed` resolves when a run has embedded photos. */
function countingService(name: string, options: Partial<LibraryServiceOptions> = {}) {
  const scans: string[][] = [];
  let settled: () => void = () => {};
  const indexed = new Promise<void>((resolve) => (settled = resolve));
  const library = new Library(join(dir, name));
  const service = new LibraryService({
    library,
    libraryDir: join(dir, name),
    device: 'cpu',
    ...options,
    sync: (lib, paths, scanOptions) => {
      scans.push([...paths]);
      return syncPhotos(lib, paths, scanOptions);
    },
    emit: (event, payload) => {
      const status = payload as EngineStatus;
      if (event === 'engine:status' && status.state === 'ready' && status.library.embedded > 0)
        settled();
    },
  });
  const close = async () => {
    await service.stop();
    await service.models.close();
    library.close();
  };
  return { service, library, scans, indexed, close };
}

/** What a user sees of the library: each photo once, by path, and whether it was embedded. */
function storedPhotos(library: Library, modelId: string) {
  const embedded = library.embeddedIds(modelId);
  return library.filesUnder(SHAPES).map((row) => ({
    path: row.path,
    fingerprint: row.fingerprint,
    embedded: embedded.has(row.id),
  }));
}

test('a folder added is scanned once and indexed as fully as `facet index` indexes it', async () => {
  const added = countingService('added');
  const indexed = countingService('indexed', { indexAfterAdd: false });
  try {
    const result = await added.service.add([SHAPES]);
    assert.deepEqual(result.added, [SHAPES]);
    assert.equal(
      added.library.counts().files,
      209,
      'the photos are listed before the call answers',
    );
    await added.indexed;
    assert.deepEqual(added.scans, [[SHAPES]], 'one scan for the add and its index run');

    const report = await indexed.service.index([SHAPES], {});
    assert.deepEqual(indexed.scans, [[SHAPES]]);
    assert.deepEqual([report.files, report.embedded], [209, 206]);

    const modelId = added.service.models.id();
    const counts = added.library.counts();
    assert.equal(counts.files, 209);
    assert.equal(counts.embedded[modelId], 206);
    assert.equal((await added.service.status()).library.embedded, 206);
    const photos = storedPhotos(added.library, modelId);
    assert.equal(photos.length, 209);
    assert.deepEqual(photos, storedPhotos(indexed.library, modelId));
  } finally {
    await added.close();
    await indexed.close();
  }
});
