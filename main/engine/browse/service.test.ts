// The browse service on the sample photos with the demo model: what a user searching, filtering
// and sorting the library would see.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, test } from 'node:test';
import { writeResizedCopy } from '../../../native/sharpness';
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
  await engine.library.index(FOLDERS, {});
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

async function allPhotos() {
  const page = await engine.browse.photos(
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
  const outcome = await engine.browse.search(`a ${wanted}`, { limit: 50, duplicateSimilarity: 1 });
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
  const like = await engine.browse.similar(source.id, { limit: 10, duplicateSimilarity: 1 });
  assert.equal(like.hits[0]?.id, source.id, 'more like this starts from the photo itself');
  assert.ok(like.hits.slice(1).every((hit) => hit.id !== source.id));
  // The closest photos look more like it (shape, colour, background) than the library does.
  const shared = (path: string) => {
    const a = truthOf(path);
    const b = truthOf(source.path);
    return +(a.shape === b.shape) + +(a.colour === b.colour) + +(a.background === b.background);
  };
  const mean = (list: number[]) => list.reduce((x, y) => x + y, 0) / list.length;
  const closest = mean(like.hits.slice(1, 6).map((hit) => shared(hit.path)));
  const everyone = mean(photos.filter((p) => p.id !== source.id).map((p) => shared(p.path)));
  assert.ok(closest > everyone + 0.5, `${closest} attributes shared vs ${everyone} on average`);

  // The first cut-off shows a useful grid: the photo and at least its 20 nearest.
  const wide = await engine.browse.similar(source.id, {});
  const shown = wide.hits.filter((hit) => hit.score >= (wide.suggestedMinScore as number));
  assert.ok(shown.length >= 21, `${shown.length} shown at the first cut-off`);
  assert.equal(wide.weakMatch, false);

  const bytes = await readFile(source.path);
  const dropped = await engine.browse.similarOutside(
    { name: 'from-elsewhere.jpg', base64: bytes.toString('base64') },
    { limit: 5 },
  );
  assert.equal(dropped.hits[0]?.id, source.id);
  assert.ok((dropped.hits[0]?.score ?? 0) > 0.99);
  const status = await engine.library.summary();
  assert.equal(status.files, photos.length, 'the dropped photo was not added');
});

test('words that match no photo say so and still show the closest; words that do are matches', async () => {
  const photos = await allPhotos();
  const present = new Set(photos.map((p) => `${truthOf(p.path).colour} ${truthOf(p.path).shape}`));
  const colours = [...new Set(photos.map((p) => truthOf(p.path).colour))];
  const shapes = [...new Set(photos.map((p) => truthOf(p.path).shape))];
  const absent = colours
    .flatMap((c) => shapes.map((s) => `${c} ${s}`))
    .filter((w) => !present.has(w));
  assert.ok(absent.length > 0);
  for (const words of absent.slice(0, 3)) {
    const outcome = await engine.browse.search(`a ${words}`, {});
    assert.equal(outcome.weakMatch, true, `nothing in the library is a ${words}`);
    const shown = outcome.hits.filter((hit) => hit.score >= (outcome.suggestedMinScore as number));
    assert.ok(shown.length >= 20, `the closest ${shown.length} are shown for "${words}"`);
  }
  const strong = await engine.browse.search('a star', {});
  assert.equal(strong.weakMatch, false, 'the library has stars');
});

test('filters follow confirmed, rejected and suggested tags, and bulk decisions', async () => {
  const photos = await allPhotos();
  const set = await engine.labels.create('Browse test shapes', 'multi');
  await engine.labels.edit(set.id, {
    kind: 'add-labels',
    labels: ['circle', 'star'].map((path) => ({ path, prompts: null, threshold: null })),
  });
  const circles = photos.filter((p) => truthOf(p.path).shape === 'circle').map((p) => p.id);
  const notCircle = photos.find(
    (p) => truthOf(p.path).shape !== 'circle',
  ) as (typeof photos)[number];
  assert.ok(circles.length >= 2);
  await engine.tags.decide({
    fileIds: circles,
    labelSetId: set.id,
    label: 'circle',
    state: 'confirmed',
  });
  await engine.tags.decide({
    fileIds: [notCircle.id],
    labelSetId: set.id,
    label: 'circle',
    state: 'rejected',
  });

  const ids = async (filter: object) =>
    (await engine.browse.photos({ filter, sort: { key: 'name', descending: false } }, 0, 2000)).rows
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
  const stars = await engine.browse.photos(
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
  const facets = await engine.browse.facets();
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
  await engine.library.add([folder]);
  const page = await engine.browse.photos(
    { filter: { folder }, sort: { key: 'date', descending: false } },
    0,
    10,
  );
  assert.deepEqual(
    page.rows.map((row) => relative(folder, row.path)),
    ['b-2019.jpg', 'a-2020.jpg', 'c-now.png'],
  );
  assert.equal(new Date(page.rows[0]?.taken as number).toISOString(), '2019-05-01T08:00:00.000Z');
  const details = await engine.browse.details(page.rows[1]?.id as number);
  assert.equal(new Date(details.taken as number).toISOString(), '2020-01-01T12:00:00.000Z');
  assert.equal(details.takenFrom, 'exif');
  assert.equal((await engine.browse.details(page.rows[2]?.id as number)).takenFrom, 'file');
  assert.equal(details.name, 'a-2020.jpg');
});

// Last: it adds a copy the sample truth does not know.
test('search folds only copies the Near-duplicates tab groups, each reachable under its photo', async () => {
  const photos = await allPhotos();
  const plain = await engine.browse.search('a star', { limit: 500 });
  assert.equal(
    plain.hits.reduce((n, hit) => n + hit.duplicates.length, 0),
    0,
    'distinct photos of one subject are never folded',
  );
  assert.equal(plain.hits.length, plain.searched);
  const source = photos.find(
    (p) => p.path.startsWith(SHAPES) && truthOf(p.path).shape === 'star',
  ) as (typeof photos)[number];
  const folder = join(dir, 'copies');
  await mkdir(folder);
  const copy = join(folder, 'star-copy.jpg');
  await writeResizedCopy(source.path, copy, { scale: 0.8, quality: 85 });
  await engine.library.index([folder], {});
  const report = await engine.clusters.duplicates(null);
  assert.ok(report.groups.some((g) => g.photos.some((p) => p.path === copy)));
  const folded = await engine.browse.similar(source.id, {});
  assert.equal(folded.hits[0]?.id, source.id);
  assert.deepEqual(
    folded.hits[0]?.duplicates.map((d) => d.path),
    [copy],
    'the copy sits under its original',
  );
  assert.ok(folded.hits.every((hit) => hit.path !== copy));
});
