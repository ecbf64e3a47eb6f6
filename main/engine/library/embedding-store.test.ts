// The embedding store: one matrix kept while nothing changes, reloaded after every write that
// changes photos or embeddings (here or from another process) and for another model; its search
// ranks exactly as a float32 scan does; and labels, search and clusters see a photo just indexed.
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase, vectorToBlob } from '../../../native/sqlite';
import { SHAPES, SHAPES_SET } from '../../cli/run-facet.fixture';
import { seededRandom } from '../clusters/reduce';
import { builtInModelDir, createEngine } from '../engine';
import { embeddingMatrix, EmbeddingStore } from './embedding-store';
import { Library, LIBRARY_FILE } from './library';

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-embedding-store-'));
});
after(() => rm(work, { recursive: true, force: true }));

function unitRows(rows: number, dim: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += (out[r * dim + i] = next() - 0.5) ** 2;
    for (let i = 0; i < dim; i++) out[r * dim + i] = (out[r * dim + i] as number) / Math.sqrt(norm);
  }
  return out;
}

const stored = (fileId: number, embedding: Float32Array) => ({
  fileId,
  embedding,
  width: 10,
  height: 10,
  format: 'jpeg',
});

test('the same matrix while nothing changes; a new one after each write and for another model', async () => {
  const library = new Library(join(work, 'unit'));
  try {
    const root = library.addRoot('/photos', 'folder');
    const file = (name: string) =>
      library.insertFile({
        rootId: root,
        path: `/photos/${name}`,
        size: 1,
        mtimeMs: 1,
        fingerprint: name,
      });
    const [a, b, c] = [file('a.jpg'), file('b.jpg'), file('c.jpg')];
    const vectors = unitRows(4, 8, 1);
    const row = (i: number) => vectors.subarray(i * 8, i * 8 + 8);
    library.storeEmbeddings('m', [stored(a, row(0)), stored(b, row(1))]);
    library.storeEmbeddings('other', [stored(a, unitRows(1, 4, 2))]);
    const store = library.embeddings;

    const first = store.matrix('m');
    assert.deepEqual([...first.ids], [a, b]);
    assert.deepEqual(first.paths, ['/photos/a.jpg', '/photos/b.jpg']);
    assert.deepEqual(first.vectors.subarray(8, 16), row(1));
    assert.equal(store.matrix('m'), first, 'a second read is the cached matrix');
    assert.equal(store.searchIndex('m'), store.searchIndex('m'));
    assert.equal(store.searchIndex('m').vectors, first.vectors, 'search shares the float rows');

    const other = store.matrix('other');
    assert.equal(other.dim, 4);
    assert.deepEqual([...other.ids], [a]);
    assert.notEqual(store.matrix('m'), first, 'switching models back reloads');
    assert.deepEqual([...store.matrix('m').ids], [a, b]);

    library.storeEmbeddings('m', [stored(c, row(2))]);
    const added = store.matrix('m');
    assert.notEqual(added, first);
    assert.deepEqual([...added.ids], [a, b, c], 'an embedded photo is in the next read');
    assert.equal(store.searchIndex('m').size, 3);

    library.moveFile(c, root, '/photos/moved.jpg', 2);
    assert.deepEqual(store.matrix('m').paths.at(-1), '/photos/moved.jpg');
    library.deleteFile(b);
    assert.deepEqual([...store.matrix('m').ids], [a, c], 'a removed photo is gone');
    library.updateChangedFile(a, 2, 2, 'changed');
    assert.deepEqual(
      [...store.matrix('m').ids],
      [c],
      'a changed photo waits for its new embedding',
    );

    library.removeRoot('/photos');
    assert.equal(store.matrix('m').ids.length, 0, "a removed folder's photos are gone");
  } finally {
    library.close();
  }
});

test('a write from another process (a CLI run beside the app) is seen on the next read', () => {
  const libraryDir = join(work, 'two-processes');
  const library = new Library(libraryDir);
  const other = openDatabase(join(libraryDir, LIBRARY_FILE));
  try {
    const root = library.addRoot('/p', 'folder');
    const id = library.insertFile({
      rootId: root,
      path: '/p/x.jpg',
      size: 1,
      mtimeMs: 1,
      fingerprint: 'x',
    });
    const cached = library.embeddings.matrix('m');
    assert.equal(cached.ids.length, 0);
    other
      .prepare(
        'INSERT INTO embeddings (file_id, model_id, dim, vector, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, 'm', 4, vectorToBlob(unitRows(1, 4, 3)), Date.now());
    assert.deepEqual([...library.embeddings.matrix('m').ids], [id]);
  } finally {
    other.close();
    library.close();
  }
});

test('search through the store ranks exactly as a float32 scan of every photo', () => {
  // Clustered like photo embeddings (close neighbours are where int8 rounding could reorder).
  const rows = 20_000;
  const dim = 256;
  const topics = unitRows(50, dim, 7);
  const noise = unitRows(rows, dim, 8);
  const vectors = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const t = (r % 50) * dim;
    let norm = 0;
    for (let i = 0; i < dim; i++)
      norm +=
        (vectors[r * dim + i] = (topics[t + i] as number) + 0.4 * (noise[r * dim + i] as number)) **
        2;
    for (let i = 0; i < dim; i++)
      vectors[r * dim + i] = (vectors[r * dim + i] as number) / Math.sqrt(norm);
  }
  const ids = Int32Array.from({ length: rows }, (_, i) => i + 1);
  const paths = [...ids].map((id) => `/photos/${String(id).padStart(6, '0')}.jpg`);
  const matrix = embeddingMatrix('m', ids, paths, dim, vectors);
  const store = new EmbeddingStore({ load: () => matrix, version: () => 0 });
  const queries = unitRows(20, dim, 9);
  for (let q = 0; q < 20; q++) {
    const query = queries.subarray(q * dim, q * dim + dim);
    // Half the queries sit next to a photo, as "more like this" and precise words do.
    if (q % 2 === 1) query.set(vectors.subarray(q * 97 * dim, q * 97 * dim + dim));
    const exact = paths
      .map((path, row) => {
        let score = 0;
        for (let i = 0; i < dim; i++)
          score += (vectors[row * dim + i] as number) * (query[i] as number);
        return { path, score };
      })
      .sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
    for (const k of [1, 10, 100]) {
      const found = store.nearest('m', query, k);
      assert.deepEqual(
        found.map((hit) => hit.path),
        exact.slice(0, k).map((hit) => hit.path),
        `query ${q}, top ${k}`,
      );
      found.forEach((hit, i) => assert.ok(Math.abs(hit.score - (exact[i]?.score ?? 0)) < 1e-6));
    }
  }
});

test('labels, search and clusters see a photo once it is indexed', async () => {
  const photos = join(work, 'photos');
  await mkdir(photos);
  const samples = join(SHAPES, 'downloads', '2024');
  const names = (await readdir(samples)).sort().slice(0, 13);
  for (const name of names.slice(0, 12)) await copyFile(join(samples, name), join(photos, name));
  const engine = await createEngine({
    libraryDir: join(work, 'engine'),
    modelDir: builtInModelDir(),
    device: 'cpu',
    indexAfterAdd: false,
  });
  try {
    await engine.library.index([photos], {});
    const set = await engine.labels.import('shapes.json', await readFile(SHAPES_SET, 'utf8'));
    const label = set.labels[0]?.path as string;
    assert.equal((await engine.labels.scores(set.id, label)).photos, 12);
    assert.equal((await engine.browse.search('a red circle', { limit: 50 })).searched, 12);
    assert.equal((await engine.clusters.list()).photos, 12);

    const added = join(photos, names[12] as string);
    await copyFile(join(samples, names[12] as string), added);
    await engine.library.index([photos], {});

    assert.equal((await engine.labels.scores(set.id, label)).photos, 13, 'labels score it');
    assert.equal((await engine.browse.search('a red circle', { limit: 50 })).searched, 13);
    const cli = await engine.library.similar(added, 13);
    assert.equal(cli.results[0]?.path, added, 'facet similar finds it first');
    assert.ok(
      (await engine.library.search('a red circle', 13)).results.some((r) => r.path === added),
    );
    const clusters = await engine.clusters.list();
    const clustered = [...clusters.clusters.flatMap((c) => c.photos), ...clusters.noise];
    assert.ok(
      clustered.some((photo) => photo.path === added),
      'clusters place it',
    );
  } finally {
    await engine.close();
  }
});
