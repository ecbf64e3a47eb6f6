// The browse service on the sample photos with the demo model: what a user searching, filtering
// and sorting the library would see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { createEngine, type Engine } from '../engine';

const SHAPES = join(import.meta.dirname, '../../../e2e/fixtures/shapes');
const FOLDERS = [join(SHAPES, 'camera'), join(SHAPES, 'phone')];
type Truth = { shape: string; colour: string; background: string };
const truth = JSON.parse(readFileSync(join(SHAPES, 'labels.json'), 'utf8')) as Record<
  string,
  Truth
>;
const truthOf = (path: string) => truth[relative(SHAPES, path).split(sep).join('/')] as Truth;

let dir: string;
let engine: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-browse-'));
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
  await engine.index(FOLDERS, {});
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function allPhotos() {
  const page = await engine.browsePhotos(
    { filter: {}, sort: { key: 'name', descending: false } },
    0,
    2000,
  );
  return page.rows;
}

test('words find the photos they describe; the suggested cut-off keeps those and few others', async () => {
  const photos = await allPhotos();
  // The colour + shape the sample library has most of.
  const counts = new Map<string, number>();
  for (const photo of photos) {
    const t = truthOf(photo.path);
    counts.set(`${t.colour} ${t.shape}`, (counts.get(`${t.colour} ${t.shape}`) ?? 0) + 1);
  }
  const [wanted, howMany] = [...counts].sort((a, b) => b[1] - a[1])[0] as [string, number];
  assert.ok(howMany >= 2);
  const outcome = await engine.searchPhotos(`a ${wanted}`, { limit: 50, duplicateSimilarity: 1 });
  assert.equal(outcome.searched, photos.length);
  const top = outcome.hits.slice(0, howMany).map((hit) => truthOf(hit.path));
  assert.deepEqual(
    top.map((t) => `${t.colour} ${t.shape}`),
    new Array(howMany).fill(wanted),
  );
  const kept = outcome.hits.filter((hit) => hit.score >= (outcome.suggestedMinScore as number));
  const right = kept.filter(
    (hit) => `${truthOf(hit.path).colour} ${truthOf(hit.path).shape}` === wanted,
  );
  assert.equal(right.length, howMany, 'the cut-off keeps every match');
  assert.ok(kept.length <= howMany * 2, `the cut-off keeps ${kept.length} for ${howMany} matches`);
  const bins = outcome.distribution?.bins ?? [];
  assert.equal(
    bins.reduce((a, b) => a + b, 0),
    photos.length,
  );
});

test('more like this, from a library photo and from the same photo dropped from outside', async () => {
  const photos = await allPhotos();
  const source = photos[0] as (typeof photos)[number];
  const like = await engine.similarPhotos(source.id, { limit: 10, duplicateSimilarity: 1 });
  assert.ok(like.hits.every((hit) => hit.id !== source.id));
  // The closest photos look more like it (shape, colour, background) than the library does.
  const shared = (path: string) => {
    const a = truthOf(path);
    const b = truthOf(source.path);
    return +(a.shape === b.shape) + +(a.colour === b.colour) + +(a.background === b.background);
  };
  const mean = (list: number[]) => list.reduce((x, y) => x + y, 0) / list.length;
  const closest = mean(like.hits.slice(0, 5).map((hit) => shared(hit.path)));
  const everyone = mean(photos.filter((p) => p.id !== source.id).map((p) => shared(p.path)));
  assert.ok(closest > everyone + 0.5, `${closest} attributes shared vs ${everyone} on average`);

  const bytes = await readFile(source.path);
  const dropped = await engine.similarToOutsidePhoto(
    { name: 'from-elsewhere.jpg', base64: bytes.toString('base64') },
    { limit: 5 },
  );
  assert.equal(dropped.hits[0]?.id, source.id);
  assert.ok((dropped.hits[0]?.score ?? 0) > 0.99);
  const status = await engine.libraryStatus();
  assert.equal(status.files, photos.length, 'the dropped photo was not added');
});

test('filters follow confirmed, rejected and suggested tags, and bulk decisions', async () => {
  const photos = await allPhotos();
  const set = await engine.createLabelSet('Browse test shapes', 'multi');
  await engine.editLabelSet(set.id, {
    kind: 'add-labels',
    labels: ['circle', 'star'].map((path) => ({ path, prompts: null, threshold: null })),
  });
  const circles = photos.filter((p) => truthOf(p.path).shape === 'circle').map((p) => p.id);
  const notCircle = photos.find(
    (p) => truthOf(p.path).shape !== 'circle',
  ) as (typeof photos)[number];
  assert.ok(circles.length >= 2);
  await engine.decideTags({
    fileIds: circles,
    labelSetId: set.id,
    label: 'circle',
    state: 'confirmed',
  });
  await engine.decideTags({
    fileIds: [notCircle.id],
    labelSetId: set.id,
    label: 'circle',
    state: 'rejected',
  });

  const ids = async (filter: object) =>
    (await engine.browsePhotos({ filter, sort: { key: 'name', descending: false } }, 0, 2000)).rows
      .map((row) => row.id)
      .sort((a, b) => a - b);
  const circle = [{ labelSetId: set.id, label: 'circle' }];
  assert.deepEqual(
    await ids({ labels: circle, states: ['confirmed'] }),
    [...circles].sort((a, b) => a - b),
  );
  assert.deepEqual(await ids({ labels: circle, states: ['rejected'] }), [notCircle.id]);
  const rest = await ids({ labels: circle, labelMode: 'none', states: ['confirmed'] });
  assert.equal(rest.length, photos.length - circles.length);
  // Suggested stars: the model's own picks, sorted by score, best first.
  const stars = await engine.browsePhotos(
    {
      filter: { labels: [{ labelSetId: set.id, label: 'star' }], states: ['suggested'] },
      sort: { key: 'score', descending: true },
    },
    0,
    2000,
  );
  const scores = stars.rows.map((row) => row.score as number);
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
  const facets = await engine.browseFacets();
  assert.ok(facets.labelSets.some((s) => s.id === set.id && s.labels.includes('circle')));
  assert.ok(FOLDERS.every((folder) => facets.folders.some((f) => f.startsWith(folder))));
});

test('photos sort by the date their EXIF says they were taken; the photo view shows it', async () => {
  const folder = join(dir, 'dated');
  await mkdir(folder);
  const jpeg = (date: string) => {
    const tiff = Buffer.alloc(60);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(1, 8);
    tiff.writeUInt16LE(0x0132, 10); // DateTime
    tiff.writeUInt16LE(2, 12);
    tiff.writeUInt32LE(20, 14);
    tiff.writeUInt32LE(26, 18);
    tiff.write(`${date}\0`, 26, 'latin1');
    const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(body.length + 2);
    return Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe1]),
      length,
      body,
      Buffer.from([0xff, 0xd9]),
    ]);
  };
  await writeFile(join(folder, 'b-2019.jpg'), jpeg('2019:05:01 08:00:00'));
  await writeFile(join(folder, 'a-2020.jpg'), jpeg('2020:01:01 12:00:00'));
  await copyFile(join(SHAPES, 'bad', 'one-pixel.png'), join(folder, 'c-now.png'));
  await engine.addFolders([folder]);
  const page = await engine.browsePhotos(
    { filter: { folder }, sort: { key: 'date', descending: false } },
    0,
    10,
  );
  assert.deepEqual(
    page.rows.map((row) => relative(folder, row.path)),
    ['b-2019.jpg', 'a-2020.jpg', 'c-now.png'],
  );
  assert.equal(new Date(page.rows[0]?.taken as number).toISOString(), '2019-05-01T08:00:00.000Z');
  const details = await engine.photoDetails(page.rows[1]?.id as number);
  assert.equal(new Date(details.taken as number).toISOString(), '2020-01-01T12:00:00.000Z');
  assert.equal(details.name, 'a-2020.jpg');
});
