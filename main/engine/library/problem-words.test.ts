// The Problems panel's words: real unreadable files made in a temp folder, indexed by the engine,
// each said in plain words with the decoder's text kept as the detail; Retry on a file fixed
// meanwhile takes it out of the problems.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine';
import { PROBLEM_WORDS, problemInWords } from './problem-words';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes/downloads/2024');
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-problem-words-'));
});
after(() => rm(work, { recursive: true, force: true }));

test('unreadable files are said in plain words, the decoder text kept as detail; Retry', async () => {
  const folder = join(work, 'photos');
  await mkdir(folder);
  const name = (await readdir(SHAPES)).find((n) => n.endsWith('.jpg')) as string;
  const jpeg = await readFile(join(SHAPES, name));
  const png = await readFile(join(SHAPES, '../../bad/sixteen-bit.png'));
  await writeFile(join(folder, 'fine.jpg'), jpeg);
  await writeFile(join(folder, 'empty.jpg'), '');
  await writeFile(join(folder, 'copying.jpg'), jpeg.subarray(0, jpeg.length >> 1));
  await writeFile(join(folder, 'copying.png'), png.subarray(0, png.length >> 1));
  await writeFile(join(folder, 'notes.jpg'), 'a shopping list, not a photo');
  // Whole length, end marker in place, the tables and image data overwritten.
  const damaged = Buffer.from(jpeg).fill(7, 400, jpeg.length - 64);
  await writeFile(join(folder, 'damaged.jpg'), damaged);

  const engine = await createEngine({
    libraryDir: join(work, 'library'),
    indexAfterAdd: false,
    device: 'cpu',
  });
  try {
    await engine.library.add([folder]);
    await engine.library.index([folder], {});
    const problems = new Map((await engine.library.problems()).map((p) => [p.path, p]));
    const reason = (file: string) => problems.get(join(folder, file))?.reason;
    assert.equal(problems.size, 5);
    assert.equal(reason('empty.jpg'), 'The file is empty');
    assert.equal(reason('copying.jpg'), 'The file ends early: it may still be copying');
    assert.equal(reason('copying.png'), 'The file ends early: it may still be copying');
    assert.equal(reason('notes.jpg'), "Facet can't read this kind of file");
    assert.equal(reason('damaged.jpg'), 'The file is damaged');
    // The technical text is still there, as the detail, never as the reason.
    // (the decoder's own words vary between runs: "premature end", or an unknown error).
    assert.match(problems.get(join(folder, 'copying.jpg'))?.detail ?? '', /copying\.jpg/);
    for (const problem of problems.values())
      assert.doesNotMatch(problem.reason, /vips|buffer|libpng|could not be read/i);

    // The copy finished meanwhile: Retry reads it and it leaves the problems.
    await writeFile(join(folder, 'copying.jpg'), jpeg);
    assert.equal(await engine.library.retryProblem(join(folder, 'copying.jpg')), true);
    // One still broken stays, with the same words.
    assert.equal(await engine.library.retryProblem(join(folder, 'empty.jpg')), false);
    const after = (await engine.library.problems()).map((p) => p.path);
    assert.ok(!after.includes(join(folder, 'copying.jpg')));
    assert.ok(after.includes(join(folder, 'empty.jpg')));
    const status = await engine.library.summary();
    assert.equal(Object.values(status.embedded)[0], 2, 'the fixed photo is searchable now');
  } finally {
    await engine.close();
  }
});

test('a file Facet may not open is said so, whatever the system wrote', async () => {
  const path = join(work, 'locked.jpg');
  const detail = "locked.jpg could not be read: EACCES: permission denied, open 'locked.jpg'";
  assert.equal(await problemInWords(path, detail), PROBLEM_WORDS.denied);
});
