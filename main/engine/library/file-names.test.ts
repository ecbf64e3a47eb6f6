// A file whose name is not valid UTF-8 (copied from an old camera card or a Latin-1 system) is
// reported with what is wrong with it, not as a file that "no longer exists".
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { PLAIN_JPEG } from '../export/export-files.fixture';
import { scanPhotos } from './scanner';

const dir = mkdtempSync(join(tmpdir(), 'facet-names-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a photo whose name is not UTF-8 is reported as such, the others are found', async () => {
  copyFileSync(PLAIN_JPEG, join(dir, 'fine.jpg'));
  // "Caf\xe9.jpg" in Latin-1: byte 0xE9 alone is not UTF-8.
  copyFileSync(
    PLAIN_JPEG,
    Buffer.concat([Buffer.from(`${dir}/Caf`), Buffer.from([0xe9]), Buffer.from('.jpg')]),
  );
  const scan = await scanPhotos(dir);
  assert.deepEqual(
    scan.photos.map((photo) => photo.path),
    [join(dir, 'fine.jpg')],
  );
  assert.equal(scan.problems.length, 1);
  assert.match(scan.problems[0]?.error ?? '', /name is not valid UTF-8.*rename it/);
  assert.doesNotMatch(scan.problems[0]?.error ?? '', /no longer exists/);
});
