// What finished before a stuck photo is stored while the run still waits for that photo: a kill
// during the wait (a FIFO, a stalled mount) loses nothing that was done.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ImageEmbedding } from '../clip/index';
import { COMMIT_AFTER_MS, COMMIT_EVERY, embedMissing } from './indexer';
import { Library } from './library';

const temp = mkdtempSync(join(tmpdir(), 'facet-commit-'));
after(() => rmSync(temp, { recursive: true, force: true }));

test('results before a photo that never finishes are committed within the commit interval', async () => {
  const library = new Library(join(temp, 'library'));
  const rootId = library.addRoot(join(temp, 'photos'), 'folder');
  const files = Array.from({ length: 5 }, (_, i) => {
    const path = join(temp, 'photos', `p${i}.jpg`);
    library.insertFile({ rootId, path, size: 1, mtimeMs: 1, fingerprint: `f${i}` });
    return library.fileByPath(path)!;
  });
  assert.ok(files.length < COMMIT_EVERY, 'fewer than a full commit: only the timer stores them');
  let release = (): void => {};
  async function* embedImages(paths: AsyncIterable<string> | Iterable<string>) {
    for await (const path of paths) {
      if (path.endsWith('p4.jpg')) await new Promise<void>((resolve) => (release = resolve));
      const result: ImageEmbedding = {
        path,
        ok: true,
        embedding: new Float32Array([1, 0]),
        width: 1,
        height: 1,
        format: 'jpeg',
      };
      yield result;
    }
  }
  const run = embedMissing({ library, modelId: 'm', files, embedImages });
  await new Promise((resolve) => setTimeout(resolve, COMMIT_AFTER_MS * 2 + 200));
  // Another connection, as a new run after a kill would see the file.
  const other = new Library(join(temp, 'library'));
  assert.equal(other.embeddedIds('m').size, 4, 'the four finished photos are stored');
  other.close();
  release();
  const result = await run;
  assert.equal(result.embedded, 5);
  library.close();
});
