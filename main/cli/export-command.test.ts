import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { KeywordImportReport, XmpExportReport } from '../../preload/contract/export';
import {
  exiftoolCli,
  list,
  ORIENTED_JPEG,
  PLAIN_JPEG,
  readBack,
  sha256,
} from '../engine/export/export-files.fixture';
import { facetJson, runFacet } from './run-facet.fixture';

let dir: string;
let photos: string;
let library: string[];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-export-cli-'));
  photos = join(dir, 'photos');
  await mkdir(photos);
  await copyFile(PLAIN_JPEG, join(photos, 'heron.jpg'));
  await copyFile(ORIENTED_JPEG, join(photos, 'lake.jpg'));
  // Keywords another app left in an Adobe-style sidecar.
  await exiftoolCli([
    '-o',
    join(photos, 'heron.xmp'),
    '-XMP-lr:HierarchicalSubject=Animals|Bird|Heron',
    '-XMP-dc:Title=Grey heron',
    join(photos, 'heron.jpg'),
  ]);
  library = ['--library', join(dir, 'library')];
  const index = await runFacet(['index', photos, ...library]);
  assert.equal(index.code, 0, index.stderr);
});
after(() => rm(dir, { recursive: true, force: true }));

test('facet export import, then xmp: keywords come in as tags and go out to every field', async () => {
  const imported = await facetJson<KeywordImportReport>(['export', 'import', ...library]);
  assert.deepEqual(imported.summary, {
    photos: 2,
    withKeywords: 1,
    confirmed: 1,
    labelsAdded: 1,
    failed: 0,
  });

  const lakeHash = await sha256(join(photos, 'lake.jpg'));
  const heronHash = await sha256(join(photos, 'heron.jpg'));
  const dry = await runFacet(['export', 'xmp', '--dry-run', ...library]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(
    dry.stdout,
    /would create .*heron\.jpg\.xmp: \+Animals \+Bird \+Heron \(dc:subject\)/,
  );
  assert.match(dry.stdout, /Dry run, nothing written/);

  const report = await facetJson<XmpExportReport>(['export', 'xmp', ...library]);
  assert.equal(report.summary.created, 1);
  const tags = await readBack(join(photos, 'heron.jpg.xmp'));
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), ['Animals', 'Bird', 'Heron']);
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), ['Animals|Bird|Heron']);
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), ['Animals/Bird/Heron']);
  assert.equal(await sha256(join(photos, 'heron.jpg')), heronHash);
  assert.equal(await sha256(join(photos, 'lake.jpg')), lakeHash);

  const again = await runFacet(['export', 'xmp', ...library]);
  assert.match(again.stdout, /1 photo: 0 sidecars created, 0 files updated, 1 already up to date/);

  // The Adobe naming merges into the sidecar the other app wrote: its title stays.
  await facetJson<XmpExportReport>(['export', 'xmp', '--sidecar', 'base', ...library]);
  const adobe = await readBack(join(photos, 'heron.xmp'));
  assert.equal(adobe['XMP-dc:Title'], 'Grey heron');
  assert.deepEqual(list(adobe, 'XMP-dc:Subject'), ['Animals', 'Bird', 'Heron']);
});

test('facet export csv prints the table; json --out writes the file', async () => {
  const csv = await runFacet(['export', 'csv', ...library]);
  assert.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.trim().split('\r\n');
  assert.equal(rows[0], 'path,label,label_set,state,score');
  assert.ok(
    rows.some((row) =>
      row.startsWith(`${join(photos, 'heron.jpg')},Animals/Bird/Heron,Imported,confirmed,`),
    ),
  );

  const out = join(dir, 'tags.json');
  const run = await runFacet([
    'export',
    'json',
    '--out',
    out,
    join(photos, 'lake.jpg'),
    ...library,
  ]);
  assert.equal(run.code, 0, run.stderr);
  const document = JSON.parse(await readFile(out, 'utf8')) as { photos: { path: string }[] };
  assert.deepEqual(
    document.photos.map((photo) => photo.path),
    [join(photos, 'lake.jpg')],
    'a path argument narrows the export',
  );
});

test('a wrong export command line is refused with the reason, before any work', async () => {
  const unknown = await runFacet(['export', 'pdf', ...library]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /needs one of xmp, csv, json, import/);
  const misplaced = await runFacet(['export', 'xmp', '--out', 'tags.csv', ...library]);
  assert.equal(misplaced.code, 2);
  assert.match(misplaced.stderr, /--out is not an option of "facet export xmp"/);
  const outside = await runFacet(['export', 'csv', join(dir, 'elsewhere'), ...library]);
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, /has no photos in the library/);
  const naming = await runFacet(['export', 'xmp', '--sidecar', 'adobe', ...library]);
  assert.equal(naming.code, 2);
  assert.match(naming.stderr, /--sidecar must be ext or base/);
});
