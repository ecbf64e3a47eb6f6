import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { EventChannels } from '../../../preload/contract';
import { createEngine, type Engine } from '../engine';
import { startModelServer, type ModelServer } from './model-server.fixture';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const TINY = join(ROOT, 'assets', 'models', 'tiny-clip-shapes');
const ALBUM = join(ROOT, 'e2e', 'fixtures', 'shapes', 'albums', '2021');

let work: string;
let server: ModelServer;
let engine: Engine;
const events: { name: string; payload: unknown }[] = [];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-models-service-'));
  server = await startModelServer(TINY);
  const shipped = JSON.parse(
    await readFile(join(ROOT, 'assets', 'models', 'catalog.json'), 'utf8'),
  );
  const catalog = { ...shipped, models: [...shipped.models, server.catalogEntry('shapes-served')] };
  await writeFile(join(work, 'catalog.json'), JSON.stringify(catalog));
  process.env['FACET_MODEL_CATALOG'] = join(work, 'catalog.json');
  engine = await createEngine({
    libraryDir: join(work, 'library'),
    device: 'cpu',
    indexAfterAdd: false,
    emit: (name, payload) => void events.push({ name, payload }),
  });
});

after(async () => {
  await engine.close();
  await server.close();
  delete process.env['FACET_MODEL_CATALOG'];
  await rm(work, { recursive: true, force: true });
});

/** Resolves once an index run that started after `mark` has finished. */
async function indexRunAfter(mark: number): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    const statuses = events
      .slice(mark)
      .filter((e) => e.name === 'engine:status')
      .map((e) => (e.payload as EventChannels['engine:status']).state);
    const started = statuses.indexOf('indexing');
    if (started >= 0 && statuses.slice(started).some((state) => state === 'ready')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no index run finished');
}

test('first run: only the demo model, a welcome, and a recommendation for this computer', async () => {
  const overview = await engine.models.overview();
  assert.equal(overview.firstRun, true);
  assert.deepEqual(
    overview.installed.map((m) => [m.id, m.builtIn, m.active]),
    [['tiny-clip-shapes', true, true]],
  );
  assert.equal(overview.hardware.gpu, null, 'no GPU passes the warm-up here');
  assert.match(overview.hardware.note ?? '', /Running on the CPU/);
  assert.equal(
    overview.recommended.name,
    overview.hardware.memoryMiB >= 8192 ? 'ViT-B-32__laion2b-s34b-b79k' : 'ViT-B-32__openai',
  );
  assert.match(overview.recommended.reason, /No usable GPU was found/);
  const reference = overview.catalog.find((m) => m.name.startsWith('convnext_xxlarge'));
  assert.equal(reference?.downloadable, false);
  assert.match(reference?.exportCommand ?? '', /export-openclip\.py/);
});

test('installing from the catalog reports progress and offers the model once verified', async () => {
  const mark = events.length;
  const installed = await engine.models.install('shapes-served');
  assert.equal(installed.id, 'shapes-served');
  assert.equal(installed.active, false, 'installing does not switch models');
  const progress = events
    .slice(mark)
    .filter((e) => e.name === 'models:progress')
    .map((e) => e.payload as EventChannels['models:progress']);
  const states = [...new Set(progress.map((p) => p.state))];
  assert.deepEqual(states, ['downloading', 'verifying', 'installed']);
  const total = [...server.files.values()].reduce((sum, data) => sum + data.length, 0);
  assert.equal(progress.at(-1)?.receivedBytes, total);
  assert.ok(events.slice(mark).some((e) => e.name === 'models:changed'));
  const overview = await engine.models.overview();
  assert.equal(overview.firstRun, false);
  assert.equal(overview.catalog.find((m) => m.name === 'shapes-served')?.installed, true);
});

test('switching models keeps embeddings per model and queues the photos the new one lacks', async () => {
  const first = await engine.library.index([ALBUM], {});
  const photos = first.embedded;
  assert.ok(photos > 20);
  assert.deepEqual((await engine.library.summary()).embedded, { 'tiny-clip-shapes': photos });

  let mark = events.length;
  const overview = await engine.models.use('shapes-served');
  assert.equal(overview.activeModelId, 'shapes-served');
  await indexRunAfter(mark);
  const embeddedNow = events
    .slice(mark)
    .filter((e) => e.name === 'index:progress')
    .map((e) => (e.payload as { done: number }).done);
  assert.equal(
    Math.max(...embeddedNow),
    photos,
    'the queued run embedded every photo for the new model',
  );
  assert.deepEqual((await engine.library.summary()).embedded, {
    'tiny-clip-shapes': photos,
    'shapes-served': photos,
  });
  assert.equal((await engine.engine.status()).model?.id, 'shapes-served');
  assert.equal((await engine.library.search('a red circle', 5)).results.length, 5);

  // Back to the demo model: its embeddings were kept, so nothing is embedded again.
  mark = events.length;
  await engine.models.use('tiny-clip-shapes');
  await indexRunAfter(mark);
  const progressAfter = events.slice(mark).filter((e) => e.name === 'index:progress');
  assert.ok(
    progressAfter.every((e) => (e.payload as { done: number }).done === 0),
    'no photo was embedded again',
  );
  const installed = (await engine.models.overview()).installed;
  assert.deepEqual(
    installed.map((m) => [m.id, m.active, m.embeddedPhotos]),
    [
      ['tiny-clip-shapes', true, photos],
      ['shapes-served', false, photos],
    ],
  );
});

test('a model broken after installing is refused on switching, and the active model stays', async () => {
  const source = join(work, 'broken-later');
  await cp(TINY, source, { recursive: true });
  const imported = await engine.models.import(source);
  await rm(join(imported.dir, 'textual', 'tokenizer.json'));
  await assert.rejects(engine.models.use('broken-later'), /textual\/tokenizer\.json is missing/);
  assert.equal((await engine.models.overview()).activeModelId, 'tiny-clip-shapes');
});

test('confirmed and rejected tags are kept across a model switch', async () => {
  const set = await engine.labels.addBuiltIn('shapes');
  const page = await engine.browse.photos(
    { filter: {}, sort: { key: 'name', descending: false } },
    0,
    2,
  );
  const [kept, refused] = page.rows.map((row) => row.id);
  assert.ok(kept !== undefined && refused !== undefined);
  await engine.tags.decide({
    fileIds: [kept],
    labelSetId: set.id,
    label: 'circle',
    state: 'confirmed',
  });
  await engine.tags.decide({
    fileIds: [refused],
    labelSetId: set.id,
    label: 'star',
    state: 'rejected',
  });

  const mark = events.length;
  await engine.models.use('shapes-served');
  await indexRunAfter(mark);
  const tags = await engine.tags.ofPhotos([kept, refused]);
  const decided = (id: number) =>
    (tags[id] ?? []).filter((t) => t.state !== 'suggested').map((t) => [t.label, t.state]);
  assert.deepEqual(decided(kept), [['circle', 'confirmed']]);
  assert.deepEqual(decided(refused), [['star', 'rejected']]);
  const scored = (tags[kept] ?? []).find((t) => t.label === 'circle');
  assert.equal(typeof scored?.score, 'number', 'the tag is scored with the new model');
});
