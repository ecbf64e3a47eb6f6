// What a user sees when a run cannot happen: a non-zero exit, one line on stderr saying why,
// nothing on stdout (so `--json` consumers never parse half a result).
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { REPO, runFacet, SHAPES, SHAPES_SET } from './run-facet.fixture';

let work: string;
let library: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-errors-'));
  library = join(work, 'library');
});
after(() => rm(work, { recursive: true, force: true }));

async function assertRefused(args: string[], code: number, mentions: RegExp): Promise<void> {
  const run = await runFacet(args);
  assert.equal(run.stdout, '', `nothing on stdout for: facet ${args.join(' ')}`);
  assert.equal(run.code, code, `exit code of facet ${args.join(' ')}: ${run.stderr}`);
  const lines = run.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${run.stderr}`);
  assert.match(lines[0] as string, /^facet: /);
  assert.match(lines[0] as string, mentions);
}

test('bad arguments are refused before any work, with exit code 2', async () => {
  const cases: [string[], RegExp][] = [
    [[], /Name a command/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['index'], /needs at least one folder/],
    [['index', SHAPES, '--colour', 'red'], /colour/],
    [['tag', SHAPES], /needs --labels/],
    [['search', 'circle', '--k', 'many'], /--k must be a whole number/],
    [['search', 'circle', '--k', '0'], /--k must be a whole number/],
    [['index', SHAPES, '--device', 'abacus'], /--device must be one of/],
    [['status', '--labels', SHAPES_SET], /--labels is not an option of "facet status"/],
    [['search'], /needs one text/],
    [['clusters', '--threshold', '7', '--library', library], /--threshold must be a number/],
    [['export', 'pdf', '--library', library], /needs one of xmp, csv, json/],
    [['models', 'frobnicate', '--library', library], /needs one of list, install/],
  ];
  for (const [args, mentions] of cases) await assertRefused(args, 2, mentions);
});

test('a folder that does not exist or a broken label set is a bad argument', async () => {
  const missing = join(work, 'no-such-folder');
  await assertRefused(
    ['index', missing, '--library', library, '--json'],
    2,
    /no-such-folder does not exist/,
  );
  const broken = join(work, 'broken.json');
  await writeFile(
    broken,
    JSON.stringify({ name: 'Broken', mode: 'sometimes', labels: ['a', 'b'] }),
  );
  await assertRefused(
    ['tag', SHAPES, '--labels', broken, '--library', library, '--json'],
    2,
    /broken\.json: "mode" must be "exclusive" or "multi"/,
  );
});

test('a missing or broken model package exits 3 and names the file', async () => {
  const missing = join(work, 'no-model-here');
  await assertRefused(
    ['index', join(SHAPES, 'camera'), '--model', missing, '--library', library, '--json'],
    3,
    /no-model-here does not exist/,
  );
  const broken = join(work, 'broken-model');
  await mkdir(broken);
  await copyFile(
    join(REPO, 'assets/models/tiny-clip-shapes/config.json'),
    join(broken, 'config.json'),
  );
  await assertRefused(
    ['index', join(SHAPES, 'camera'), '--model', broken, '--library', library],
    3,
    /visual\/model\.onnx is missing/,
  );
});

test('a library that cannot be written exits 4', async () => {
  const notAFolder = join(work, 'a-file');
  await writeFile(notAFolder, 'not a folder');
  await assertRefused(['status', '--library', join(notAFolder, 'lib')], 4, /cannot be written/);
  const notADatabase = join(work, 'bad-library');
  await mkdir(notADatabase);
  await writeFile(join(notADatabase, 'library.db'), 'this is not SQLite '.repeat(100));
  await assertRefused(['status', '--library', notADatabase, '--json'], 4, /library\.db/);
});

test('--help prints the usage on stdout and exits 0', async () => {
  const run = await runFacet(['--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /facet index <folder>/);
  assert.match(run.stdout, /facet similar <image>/);
});
