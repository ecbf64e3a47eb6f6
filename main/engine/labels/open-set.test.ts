// Labels that match nothing tag nothing: libraries built from the sample photos with some shapes
// or colours left out, asked for what is missing beside what is there, in both modes and several
// set sizes. Each set is tagged the way `facet tag` does (engine.tag) and kept in the library the
// way the app does (tagsOfPhotos); both give the same tags, and the figures are printed.
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { fixtureLabels, SHAPES, type PhotoLabels } from '../../cli/run-facet.fixture';
import { builtInModelDir, createEngine, type Engine } from '../engine';
import { LIBRARY_FILE } from '../library/library';

const SHAPE_NAMES = ['circle', 'square', 'triangle', 'star', 'cross', 'hexagon'];
const COLOUR_NAMES = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'black', 'white'];
/** Words the model never saw: nothing in any photo. */
const UNKNOWN = ['giraffe', 'heron'];

interface Variant {
  readonly name: string;
  readonly key: 'shape' | 'colour';
  readonly removed: readonly string[];
}

const VARIANTS: readonly Variant[] = [
  { name: 'no triangles or stars', key: 'shape', removed: ['triangle', 'star'] },
  { name: 'no circles', key: 'shape', removed: ['circle'] },
  { name: 'no red or blue', key: 'colour', removed: ['red', 'blue'] },
];

interface SetCase {
  readonly mode: 'exclusive' | 'multi';
  readonly labels: readonly string[];
}

/** The sets each library is asked: what is missing alone, beside a few, beside all that is there. */
function casesFor(variant: Variant): SetCase[] {
  const names = variant.key === 'shape' ? SHAPE_NAMES : COLOUR_NAMES;
  const present = names.filter((name) => !variant.removed.includes(name));
  const absent = [...variant.removed, ...UNKNOWN];
  return (['exclusive', 'multi'] as const).flatMap((mode) => [
    ...absent.map((label) => ({ mode, labels: [label] })),
    { mode, labels: [present[0] as string, ...UNKNOWN] },
    { mode, labels: [variant.removed[0] as string, present[1] as string] },
    { mode, labels: names },
    { mode, labels: [...names, ...UNKNOWN] },
  ]);
}

interface Tally {
  absentTags: number;
  absentChances: number;
  found: number;
  present: number;
}

let work: string;
let engine: Engine;
let folders: Map<string, string>;
let truth: Map<string, PhotoLabels>;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-open-set-'));
  const fixture = await fixtureLabels();
  truth = new Map();
  folders = new Map();
  for (const variant of VARIANTS) {
    const folder = join(work, 'photos', variant.name.replaceAll(' ', '-'));
    folders.set(variant.name, folder);
    for (const [path, labels] of fixture.photos) {
      if (variant.removed.includes(labels[variant.key])) continue;
      const copy = join(folder, relative(SHAPES, path));
      await mkdir(dirname(copy), { recursive: true });
      await copyFile(path, copy);
      truth.set(copy, labels);
    }
  }
  engine = await createEngine({
    libraryDir: join(work, 'library'),
    modelDir: builtInModelDir(),
    device: 'cpu',
    indexAfterAdd: false,
  });
});

/** files.id of every photo of the library, by path. */
function fileIds(): Map<string, number> {
  const db = openDatabase(join(work, 'library', LIBRARY_FILE), { readonly: true });
  try {
    const rows = db.prepare('SELECT id, path FROM files').all() as { id: number; path: string }[];
    return new Map(rows.map((row) => [row.path, row.id]));
  } finally {
    db.close();
  }
}
after(async () => {
  await engine.close();
  await rm(work, { recursive: true, force: true });
});

const tagsOf = (tags: readonly { label: string }[]) => tags.map((tag) => tag.label).sort();

test('labels for what a library lacks tag at most 2 % of its photos; present ones keep 95 % recall', async () => {
  const tallies = new Map<string, Tally>();
  let setNumber = 0;
  for (const variant of VARIANTS) {
    const folder = folders.get(variant.name) as string;
    for (const { mode, labels } of casesFor(variant)) {
      const file = join(work, `set-${++setNumber}.json`);
      const name = `Set ${setNumber}`;
      await writeFile(file, JSON.stringify({ name, mode, labels }));
      const report = await engine.library.tag([folder], { labels: file });
      // The library path: the same set kept in the library, its tags as the app shows them.
      const detail = await engine.labels.import(
        `${name}.json`,
        JSON.stringify({ name, mode, labels }),
      );
      const idOf = fileIds();
      const ids = report.files.map((f) => idOf.get(f.path) as number);
      const kept = await engine.tags.ofPhotos(ids);
      await engine.labels.delete(detail.id);

      const key = `${mode}, ${labels.length} label${labels.length > 1 ? 's' : ''}`;
      const tally = tallies.get(key) ?? { absentTags: 0, absentChances: 0, found: 0, present: 0 };
      tallies.set(key, tally);
      for (const entry of report.files) {
        const app = (kept[idOf.get(entry.path) as number] ?? []).filter(
          (tag) => tag.labelSetId === detail.id && tag.state !== 'rejected',
        );
        assert.deepEqual(tagsOf(entry.tags), tagsOf(app), `${entry.path}: facet tag = the app`);
        const expected = truth.get(entry.path)?.[variant.key];
        const tagged = new Set(entry.tags.map((tag) => tag.label));
        for (const label of labels) {
          if (label === expected) {
            tally.present++;
            if (tagged.has(label)) tally.found++;
          } else if (variant.removed.includes(label) || UNKNOWN.includes(label)) {
            tally.absentChances++;
            if (tagged.has(label)) tally.absentTags++;
          }
        }
      }
    }
  }
  const rows = [...tallies].map(([key, t]) => ({
    set: key,
    falseTagRate: t.absentChances > 0 ? t.absentTags / t.absentChances : 0,
    recall: t.present > 0 ? t.found / t.present : 1,
    ...t,
  }));
  for (const row of rows)
    console.log(
      `open set, ${row.set}: absent labels on ${(row.falseTagRate * 100).toFixed(2)} % of photos ` +
        `(${row.absentTags}/${row.absentChances}), recall ${(row.recall * 100).toFixed(1)} % ` +
        `(${row.found}/${row.present})`,
    );
  for (const row of rows) {
    assert.ok(row.falseTagRate <= 0.02, `${row.set}: false-tag rate ${row.falseTagRate}`);
    assert.ok(row.recall >= 0.95, `${row.set}: recall ${row.recall}`);
  }
});
