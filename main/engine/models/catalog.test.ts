import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesFromListing, findCatalogModel, readCatalog } from './catalog';

const CATALOG = join(import.meta.dirname, '..', '..', '..', 'assets', 'models', 'catalog.json');

test('the shipped catalog offers the Immich exports and the reference model', async () => {
  const catalog = await readCatalog(CATALOG);
  const names = catalog.models.map((m) => m.name);
  for (const name of [
    'ViT-B-32__openai',
    'ViT-B-16__openai',
    'ViT-L-14__openai',
    'ViT-H-14__laion2b-s32b-b79k',
    'ViT-B-16-SigLIP2__webli',
    'XLM-Roberta-Large-Vit-B-16Plus',
    'nllb-clip-large-siglip__mrl',
    'convnext_xxlarge__laion2b_s34b_b82k_augreg_soup',
  ])
    assert.ok(names.includes(name), `${name} is in the catalog`);
  for (const model of catalog.models) {
    for (const file of model.files)
      assert.equal(
        file.url,
        `https://huggingface.co/immich-app/${model.name}/resolve/main/${file.path}`,
      );
  }
  const reference = findCatalogModel(catalog, 'convnext_xxlarge__laion2b_s34b_b82k_augreg_soup');
  assert.equal(reference.embedDim, 1024);
  assert.equal(reference.imageSize, 256);
  assert.match(
    reference.export?.command ?? '',
    /scripts\/export-openclip\.py --model convnext_xxlarge/,
  );
  assert.throws(() => findCatalogModel(catalog, 'ViT-Z-99'), /no model named ViT-Z-99/);
});

test('every catalog entry says how Facet reads its text and what was verified', async () => {
  const catalog = await readCatalog(CATALOG);
  const family = (name: string) => findCatalogModel(catalog, name).text.family;
  assert.equal(family('ViT-B-32__openai'), 'clip');
  assert.equal(family('ViT-B-16-SigLIP2__webli'), 'siglip');
  assert.equal(family('XLM-Roberta-Large-Vit-B-16Plus'), 'xlm-roberta');
  assert.equal(family('nllb-clip-large-siglip__mrl'), 'nllb');
  for (const model of catalog.models) assert.match(model.text.verified, /Checked/);

  const shipped = JSON.parse(await readFile(CATALOG, 'utf8'));
  const unmarked = { ...shipped.models[0] };
  delete unmarked.text;
  const path = join(await mkdtemp(join(tmpdir(), 'facet-catalog-')), 'catalog.json');
  await writeFile(
    path,
    JSON.stringify({ ...shipped, models: [unmarked, ...shipped.models.slice(1)] }),
  );
  await assert.rejects(readCatalog(path), /is broken at models\.0\.text/);
});

test('the repository listing adds external-data weights with their SHA-256 and skips other backends', async () => {
  const catalog = await readCatalog(CATALOG);
  const model = findCatalogModel(catalog, 'ViT-H-14__laion2b-s32b-b79k');
  const oid = 'ab'.repeat(32);
  const files = filesFromListing(model, [
    { type: 'file', path: 'config.json', size: 600, oid: 'f00' },
    {
      type: 'file',
      path: 'visual/model.onnx',
      size: 135,
      lfs: { oid: 'cd'.repeat(32), size: 900_000 },
    },
    { type: 'file', path: 'visual/model.onnx_data', size: 135, lfs: { oid, size: 3_900_000_000 } },
    { type: 'directory', path: 'visual/rknpu', size: 0 },
    { type: 'file', path: 'visual/rknpu/rk3588/model.rknn', size: 1, lfs: { oid, size: 1 } },
    { type: 'file', path: 'README.md', size: 10 },
  ]);
  const data = files.find((f) => f.path === 'visual/model.onnx_data');
  assert.deepEqual(data, {
    path: 'visual/model.onnx_data',
    url: 'https://huggingface.co/immich-app/ViT-H-14__laion2b-s32b-b79k/resolve/main/visual/model.onnx_data',
    size: 3_900_000_000,
    sha256: oid,
  });
  assert.equal(
    files.find((f) => f.path === 'config.json')?.sha256,
    null,
    'a git blob id is no SHA-256',
  );
  assert.equal(files.find((f) => f.path === 'visual/model.onnx')?.size, 900_000);
  assert.ok(!files.some((f) => f.path.includes('rknpu') || f.path === 'README.md'));
});
