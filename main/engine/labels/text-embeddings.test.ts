import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { Library } from '../library/library';
import { libraryTextEmbedder } from './text-embeddings';

test('label texts are embedded once per model and kept in the library across restarts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'facet-texts-'));
  try {
    const asked: string[] = [];
    const embed = async (texts: readonly string[]) => {
      asked.push(...texts);
      return texts.map((text) => Float32Array.from([text.length, 1, 2]));
    };
    const first = new Library(dir);
    const vectors = await libraryTextEmbedder(
      first.db,
      'model-a',
      embed,
    )(['a dog', 'a cat', 'a dog']);
    assert.deepEqual(asked, ['a dog', 'a cat'], 'each new text embedded once');
    first.close();

    const again = new Library(dir);
    const kept = await libraryTextEmbedder(again.db, 'model-a', embed)(['a cat', 'a dog']);
    assert.deepEqual(asked, ['a dog', 'a cat'], 'nothing embedded again after a restart');
    assert.deepEqual(kept, [vectors[1], vectors[0]]);
    await libraryTextEmbedder(again.db, 'model-b', embed)(['a dog']);
    assert.deepEqual(asked, ['a dog', 'a cat', 'a dog'], 'another model embeds its own');
    again.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
