// `facet index` over what cameras and phones write: raws, HEIC, JPEG XL, PSD, BMP, a RAW+JPEG pair
// and videos beside the photos, checked through the command line's JSON and the Folders counts.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine } from '../engine/engine';
import type { IndexReport } from '../engine/engine-api';
import { facetJson, REPO } from './run-facet.fixture';

const REAL = join(REPO, 'e2e', 'fixtures', 'real-photos');
let work: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-formats-'));
});
after(() => rm(work, { recursive: true, force: true }));

const index = (library: string, ...args: string[]) =>
  facetJson<IndexReport>(['index', ...args, '--library', library, '--device', 'cpu']);

test('every format a camera or editor writes is embedded or reported, and videos are listed', async () => {
  const photos = join(work, 'photos');
  await cp(REAL, photos, { recursive: true });
  const report = await index(join(work, 'library'), photos);
  const errors = new Map(report.errors.map((e) => [basename(e.path), e.error]));
  // Two truncated HEICs, said in words; everything else is embedded.
  assert.deepEqual([...errors.keys()].sort(), ['park-truncated.heic', 'rotate-truncated.heic']);
  for (const error of errors.values()) assert.match(error, /the file is cut short/);
  // formats: heic, jxl, 2 psd, bmp, avif; orientation: jpg, heic, jxl; the still; the pair: 1.
  assert.equal(report.files, 6 + 3 + 1 + 1 + 2);
  assert.equal(report.embedded, report.files - 2);
  assert.deepEqual(
    report.ignored.map((item) => [basename(item.path), item.reason]),
    [
      ['IMG_0001.MOV', 'video of a Live Photo: its still IMG_0001.JPG is indexed'],
      ['VID_20240101.mp4', 'video: Facet indexes photos only'],
    ],
  );
});

test('a RAW+JPEG pair is one photo by default and two with --raw-jpeg apart', async () => {
  const pair = join(work, 'pair');
  await cp(join(REAL, 'raw-pair'), pair, { recursive: true });
  const together = await index(join(work, 'together'), pair);
  assert.equal(together.files, 1);
  assert.equal(together.embedded, 1);
  const apart = await index(join(work, 'apart'), pair, '--raw-jpeg', 'apart');
  assert.equal(apart.files, 2);
  assert.equal(apart.embedded, 2);
});

test('the Folders view counts the videos that are not indexed', async () => {
  const mixed = join(work, 'mixed');
  await cp(join(REAL, 'mixed'), mixed, { recursive: true });
  const engine = await createEngine({ libraryDir: join(work, 'folders'), indexAfterAdd: false });
  try {
    await engine.library.add([mixed]);
    const [folder] = await engine.library.folders();
    assert.equal(folder?.photos, 1);
    assert.equal(folder?.videos, 2);
  } finally {
    await engine.close();
  }
});
