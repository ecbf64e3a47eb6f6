import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { createEngine, type Engine } from '../engine';
import {
  copyPhoto,
  exiftoolCli,
  list,
  ORIENTED_JPEG,
  PLAIN_JPEG,
  PNG,
  readBack,
  sha256,
} from './export-files.fixture';

const SHAPES_SET = join(import.meta.dirname, '../../../assets/label-sets/shapes.json');

let dir: string;
let photos: string;
let engine: Engine;
let ids: Map<string, number>;
let birds: number;

const HERON = 'Animals/Bird/Heron';
const DUCK = 'Animals/Bird/Duck';
const XMP = {
  fileIds: null,
  includeSuggested: false,
  sidecars: true,
  naming: 'ext',
  embed: false,
  keepBackup: true,
  dryRun: false,
} as const;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-export-'));
  photos = join(dir, 'photos');
  await copyPhoto(PLAIN_JPEG, photos, 'heron.jpg');
  await copyPhoto(ORIENTED_JPEG, photos, 'lake.jpg');
  await copyPhoto(PNG, photos, 'chart.png');
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
  await engine.library.add([photos]);
  const db = openDatabase(join(dir, 'library', 'library.db'), { readonly: true });
  const rows = db.prepare('SELECT id, path FROM files').all() as { id: number; path: string }[];
  db.close();
  ids = new Map(rows.map((row) => [row.path.slice(photos.length + 1), row.id]));
  const set = await engine.labels.create('Birds', 'multi');
  birds = set.id;
  await engine.labels.edit(birds, {
    kind: 'add-labels',
    labels: [HERON, DUCK].map((path) => ({ path, prompts: null, threshold: null })),
  });
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const id = (name: string) => ids.get(name) as number;

test('confirmed tags reach the sidecar; untagged photos get none; exporting again changes nothing', async () => {
  await engine.tags.decide({
    fileIds: [id('heron.jpg')],
    labelSetId: birds,
    label: HERON,
    state: 'confirmed',
  });
  const photoHash = await sha256(join(photos, 'heron.jpg'));

  const preview = await engine.export.preview(null, false);
  assert.deepEqual(preview, { photos: 3, tagged: 1, tags: 1 });

  const dry = await engine.export.xmp({ ...XMP, dryRun: true });
  assert.deepEqual(
    dry.files.map((f) => [f.target, f.action]),
    [[join(photos, 'heron.jpg.xmp'), 'create']],
  );
  assert.deepEqual(
    await readdir(photos),
    ['chart.png', 'heron.jpg', 'lake.jpg'],
    'a dry run writes nothing',
  );

  const first = await engine.export.xmp(XMP);
  assert.equal(first.summary.created, 1);
  const tags = await readBack(join(photos, 'heron.jpg.xmp'));
  assert.deepEqual(
    list(tags, 'XMP-dc:Subject'),
    ['Animals', 'Bird', 'Heron'],
    'the leaf and its ancestors',
  );
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), ['Animals|Bird|Heron']);
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), [HERON]);
  assert.equal(await sha256(join(photos, 'heron.jpg')), photoHash, 'the photo is byte-identical');

  const bytes = await readFile(join(photos, 'heron.jpg.xmp'));
  const second = await engine.export.xmp(XMP);
  assert.deepEqual(second.summary, {
    photos: 1,
    created: 0,
    updated: 0,
    unchanged: 1,
    skipped: 0,
    failed: 0,
  });
  assert.deepEqual(await readFile(join(photos, 'heron.jpg.xmp')), bytes);
});

test('a later export removes what Facet wrote and keeps what the user added meanwhile', async () => {
  const sidecar = join(photos, 'heron.jpg.xmp');
  await exiftoolCli([
    '-overwrite_original',
    '-XMP-dc:Subject+=Holiday',
    '-XMP-xmp:Rating=5',
    sidecar,
  ]);
  await engine.tags.decide({
    fileIds: [id('heron.jpg')],
    labelSetId: birds,
    label: HERON,
    state: 'rejected',
  });
  await engine.tags.decide({
    fileIds: [id('heron.jpg')],
    labelSetId: birds,
    label: DUCK,
    state: 'confirmed',
  });
  const report = await engine.export.xmp(XMP);
  assert.deepEqual(
    report.files[0]?.changes.find((c) => c.field === 'tagsList'),
    {
      field: 'tagsList',
      added: [DUCK],
      removed: [HERON],
    },
  );
  const tags = await readBack(sidecar);
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), ['Animals', 'Bird', 'Holiday', 'Duck']);
  assert.equal(tags['XMP-xmp:Rating'], 5);
});

test('CSV and JSON list each photo’s exported tags with their set and state', async () => {
  const out = join(dir, 'tags.csv');
  const csv = await engine.export.table({
    fileIds: null,
    includeSuggested: false,
    format: 'csv',
    outPath: out,
  });
  assert.equal(csv.path, out);
  const lines = (await readFile(out, 'utf8')).trim().split('\r\n');
  assert.equal(lines[0], 'path,label,label_set,state,score');
  assert.deepEqual(
    lines
      .slice(1)
      .map((line) => line.split(',').slice(0, 4))
      .sort(),
    [
      [join(photos, 'heron.jpg'), 'Animals/Bird/Duck', 'Birds', 'confirmed'],
      [join(photos, 'heron.jpg'), 'Animals/Bird', 'Birds', 'confirmed'],
      [join(photos, 'heron.jpg'), 'Animals', 'Birds', 'confirmed'],
    ].sort(),
  );
  const json = await engine.export.table({
    fileIds: [id('heron.jpg'), id('lake.jpg')],
    includeSuggested: false,
    format: 'json',
    outPath: null,
  });
  const document = JSON.parse(json.text ?? '') as {
    photos: { path: string; tags: { label: string }[] }[];
  };
  assert.deepEqual(
    document.photos.map((photo) => [photo.path, photo.tags.map((tag) => tag.label).sort()]),
    [
      [join(photos, 'heron.jpg'), ['Animals', 'Animals/Bird', DUCK]],
      [join(photos, 'lake.jpg'), []],
    ],
  );
});

test('import confirms keywords from an Adobe sidecar and the photo; unknown ones go to "Imported"', async () => {
  const lake = join(photos, 'lake.jpg');
  await exiftoolCli([
    '-o',
    join(photos, 'lake.xmp'),
    '-XMP-lr:HierarchicalSubject=Animals|Bird|Heron',
    lake,
  ]);
  await exiftoolCli([
    '-overwrite_original',
    '-IPTC:Keywords=Holiday',
    '-IPTC:Keywords=Norway',
    '-IPTC:Keywords=Duck',
    lake,
  ]);

  const dry = await engine.export.importKeywords({ fileIds: null, dryRun: true });
  assert.equal(dry.summary.confirmed, 0);
  assert.deepEqual(Object.values(await engine.tags.ofPhotos([id('lake.jpg')]))[0], []);

  const report = await engine.export.importKeywords({ fileIds: null, dryRun: false });
  // heron.jpg holds only keywords Facet wrote (plus the user's Holiday): those are not read back as new.
  assert.deepEqual(
    report.files.map((file) => [file.path, file.labels.map((l) => `${l.labelSetName}:${l.label}`)]),
    [
      [join(photos, 'heron.jpg'), ['Imported:Holiday']],
      // A flat keyword naming one label's last level is that label.
      [lake, [`Birds:${HERON}`, 'Imported:Holiday', 'Imported:Norway', `Birds:${DUCK}`]],
    ],
  );
  assert.equal(report.summary.labelsAdded, 2);
  const lakeTags = (await engine.tags.ofPhotos([id('lake.jpg')]))[id('lake.jpg')] ?? [];
  assert.deepEqual(
    lakeTags
      .filter((tag) => tag.state === 'confirmed')
      .map((tag) => `${tag.labelSetName}:${tag.label}`)
      .sort(),
    [
      'Birds:Animals',
      'Birds:Animals/Bird',
      `Birds:${DUCK}`,
      `Birds:${HERON}`,
      'Imported:Holiday',
      'Imported:Norway',
    ],
  );
  const again = await engine.export.importKeywords({ fileIds: null, dryRun: false });
  assert.equal(again.summary.confirmed, 0, 'importing twice confirms nothing new');
});

test('suggested tags above their thresholds are exported only when asked; a rejected one is taken back', async () => {
  const folder = join(dir, 'shapes');
  const shapes = { 'star.jpg': PLAIN_JPEG, 'cross.jpg': ORIENTED_JPEG, 'cross.png': PNG };
  for (const [name, source] of Object.entries(shapes)) await copyPhoto(source, folder, name);
  const other = await createEngine({ libraryDir: join(dir, 'suggest'), indexAfterAdd: false });
  try {
    await other.library.index([folder], {});
    const set = await other.labels.import('shapes.json', await readFile(SHAPES_SET, 'utf8'));
    const asked = { ...XMP, includeSuggested: true };

    const confirmedOnly = await other.export.xmp(XMP);
    assert.equal(confirmedOnly.summary.photos, 0, 'nothing confirmed, nothing written');
    const report = await other.export.xmp(asked);
    assert.deepEqual(
      report.files.map((file) => [file.target.slice(folder.length + 1), file.action]),
      [
        ['cross.jpg.xmp', 'create'],
        ['cross.png.xmp', 'create'],
        ['star.jpg.xmp', 'create'],
      ],
    );
    // The tiny model knows its shapes: each sidecar names the shape the photo shows.
    for (const name of Object.keys(shapes)) {
      const tags = await readBack(join(folder, `${name}.xmp`));
      assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), [name.replace(/\..*/, '')], name);
    }

    const db = openDatabase(join(dir, 'suggest', 'library.db'), { readonly: true });
    const crossId = db
      .prepare('SELECT id FROM files WHERE path = ?')
      .pluck()
      .get(join(folder, 'cross.jpg')) as number;
    db.close();
    await other.tags.decide({
      fileIds: [crossId],
      labelSetId: set.id,
      label: 'cross',
      state: 'rejected',
    });
    const after = await other.export.xmp(asked);
    assert.deepEqual(
      after.files.filter((file) => file.action !== 'unchanged').map((file) => file.changes),
      [
        [
          { field: 'subject', added: [], removed: ['cross'] },
          { field: 'hierarchicalSubject', added: [], removed: ['cross'] },
          { field: 'tagsList', added: [], removed: ['cross'] },
        ],
      ],
    );
    assert.deepEqual(list(await readBack(join(folder, 'cross.jpg.xmp')), 'XMP-dc:Subject'), []);
  } finally {
    await other.close();
  }
});
