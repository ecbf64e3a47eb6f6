// `facet labels` through the real command line: files in, the library's sets listed, a set out.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runFacet, SHAPES_SET } from './run-facet.fixture';

let work: string;
let library: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-labels-cli-'));
  library = join(work, 'library');
});
after(() => rm(work, { recursive: true, force: true }));

test('import, list and export label sets, JSON and indented text alike', async () => {
  const text = join(work, 'birds.txt');
  await writeFile(text, 'Animals\n  Bird\n    Heron\n    Gull\n  Dog\n');
  const imported = await runFacet([
    'labels',
    'import',
    SHAPES_SET,
    text,
    '--library',
    library,
    '--json',
  ]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(
    (JSON.parse(imported.stdout) as { added: { name: string }[] }).added.map((s) => s.name),
    ['Shapes', 'birds'],
  );

  const list = await runFacet(['labels', 'list', '--library', library, '--json']);
  const sets = (JSON.parse(list.stdout) as { labelSets: { name: string; labels: number }[] })
    .labelSets;
  assert.deepEqual(
    sets.map((s) => [s.name, s.labels]),
    [
      ['birds', 3],
      ['Shapes', 6],
    ],
  );

  const exported = await runFacet([
    'labels',
    'export',
    'birds',
    '--format',
    'text',
    '--library',
    library,
  ]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(exported.stdout, '# birds\nAnimals\n  Bird\n    Heron\n    Gull\n  Dog\n');

  const out = join(work, 'shapes-copy.json');
  assert.equal(
    (await runFacet(['labels', 'export', 'Shapes', '--out', out, '--library', library])).code,
    0,
  );
  const copy = JSON.parse(await readFile(out, 'utf8')) as {
    labels: { name: string; prompts?: string[] }[];
  };
  const original = JSON.parse(await readFile(SHAPES_SET, 'utf8')) as typeof copy;
  assert.deepEqual(copy.labels, original.labels, 'prompts survive the round trip');

  const missing = await runFacet(['labels', 'export', 'Cats', '--library', library]);
  assert.equal(missing.code, 2, 'a label set that is not there is a bad argument');
  assert.match(missing.stderr, /no label set "Cats".*birds, Shapes/);
  assert.equal((await runFacet(['labels', 'rename', '--library', library])).code, 2);
});
