// A folder inside a folder already indexed, and the other way round: each photo is indexed once.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-nested-'));
});
after(() => rm(work, { recursive: true, force: true }));

test('adding the folder around an indexed one embeds only the photos that are new', async () => {
  const camera = join(work, 'camera');
  await cp(join(SHAPES, 'camera'), camera, { recursive: true });
  // A link back to a folder already inside: its photos must not come in twice.
  await symlink(join(camera, 'DCIM'), join(camera, 'DCIM', '101CANON', 'again'));
  const inner = join(camera, 'DCIM', '100CANON');
  const engine = await createEngine({ libraryDir: join(work, 'library'), device: 'cpu' });
  try {
    const first = await engine.library.index([inner], {});
    assert.equal(first.embedded, 15);

    const outer = await engine.library.index([camera], {});
    assert.deepEqual(
      await engine.library.roots(),
      [camera],
      'the outer folder took in the inner one',
    );
    assert.equal(outer.files, 30, 'each photo once, the link loop skipped');
    assert.equal(outer.skipped, 15, 'the inner folder was not embedded again');
    assert.equal(outer.embedded, 15);

    const again = await engine.library.add([inner]);
    assert.deepEqual(again.added, []);
    assert.match(again.refused[0]?.reason ?? '', /already in the library \(inside .*camera\)/);
    assert.equal((await engine.library.summary()).files, 30);
  } finally {
    await engine.close();
  }
});
