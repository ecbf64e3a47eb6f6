import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ModelsOverview } from '../../preload/contract/models';
import { startModelServer, type ModelServer } from '../engine/models/model-server.fixture';
import { REPO, runFacet } from './run-facet.fixture';

const TINY = join(REPO, 'assets', 'models', 'tiny-clip-shapes');
let work: string;
let library: string;
let server: ModelServer;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-cli-models-'));
  library = join(work, 'library');
  server = await startModelServer(TINY);
  const shipped = JSON.parse(
    await readFile(join(REPO, 'assets', 'models', 'catalog.json'), 'utf8'),
  );
  const catalog = { ...shipped, models: [...shipped.models, server.catalogEntry('shapes-served')] };
  await writeFile(join(work, 'catalog.json'), JSON.stringify(catalog));
  process.env['FACET_MODEL_CATALOG'] = join(work, 'catalog.json');
});

after(async () => {
  delete process.env['FACET_MODEL_CATALOG'];
  await server.close();
  await rm(work, { recursive: true, force: true });
});

test('facet models list shows the demo model, the catalog and a recommendation', async () => {
  const run = await runFacet(['models', 'list', '--library', library, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const overview = JSON.parse(run.stdout) as ModelsOverview;
  assert.deepEqual(
    overview.installed.map((m) => m.id),
    ['tiny-clip-shapes'],
  );
  assert.ok(overview.catalog.some((m) => m.name === 'ViT-B-32__openai'));
  const text = await runFacet(['models', 'list', '--library', library]);
  assert.match(text.stdout, /^\* tiny-clip-shapes/m);
  assert.match(text.stdout, /Recommended: ViT-B-32__/);
});

test('facet models install downloads with progress on stderr, then use switches to it', async () => {
  const install = await runFacet(['models', 'install', 'shapes-served', '--library', library]);
  assert.equal(install.code, 0, install.stderr);
  assert.match(install.stderr, /Downloading shapes-served: [\d.]+ (kB|MB) of 11\.\d MB/);
  assert.match(install.stdout, /^Installed shapes-served \(11\.\d MB\)/);

  const use = await runFacet(['models', 'use', 'shapes-served', '--library', library]);
  assert.equal(use.code, 0, use.stderr);
  assert.match(use.stdout, /Active model: shapes-served\. Every photo already has its embedding\./);
  const list = await runFacet(['models', 'list', '--library', library]);
  assert.match(list.stdout, /^\* shapes-served/m);
});

test('facet models refuses an unknown name and a broken folder with a clear reason', async () => {
  const unknown = await runFacet(['models', 'install', 'ViT-Z-99', '--library', library]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /facet: The catalog has no model named ViT-Z-99/);

  const broken = join(work, 'broken');
  await cp(TINY, broken, { recursive: true });
  await rm(join(broken, 'visual', 'preprocess_cfg.json'));
  const imported = await runFacet(['models', 'import', broken, '--library', library]);
  assert.equal(imported.code, 3);
  assert.match(imported.stderr, /visual\/preprocess_cfg\.json is missing/);
});
