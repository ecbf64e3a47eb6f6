// `facet tag --json` (a label file, nothing kept) and the library path the app uses (`facet labels
// import` then `facet photos --label`) give every sample photo the same tags, for exclusive,
// multi, hierarchical and single-label sets.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { TagReport } from '../engine/engine-api';
import { facetJson, SHAPES, SHAPES_SET } from './run-facet.fixture';

let work: string;
let library: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-tag-app-'));
  library = join(work, 'library');
  await facetJson(['index', SHAPES, '--library', library, '--device', 'cpu']);
});
after(() => rm(work, { recursive: true, force: true }));

const SETS: Record<string, object> = {
  'multi.json': {
    name: 'Some colours',
    mode: 'multi',
    labels: [{ name: 'red' }, { name: 'blue' }, { name: 'triangle' }],
  },
  'hierarchy.json': {
    name: 'Outlines',
    mode: 'exclusive',
    labels: [
      { name: 'Shapes/Round/circle', prompts: ['circle', 'round shape'] },
      { name: 'Shapes/Angular/square' },
      { name: 'Shapes/Angular/triangle' },
    ],
  },
  'single.json': { name: 'Only stars', mode: 'multi', labels: [{ name: 'star' }] },
};

/** Photos carrying each label path, as `facet tag` reports them. */
function byLabel(report: TagReport): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const file of report.files)
    for (const tag of file.tags) paths.set(tag.label, [...(paths.get(tag.label) ?? []), file.path]);
  return paths;
}

test('facet tag and the library give the same tags for every kind of set', async () => {
  const files = [SHAPES_SET];
  for (const [name, content] of Object.entries(SETS)) {
    files.push(join(work, name));
    await writeFile(join(work, name), JSON.stringify(content));
  }
  await facetJson(['labels', 'import', ...files, '--library', library]);
  for (const file of files) {
    const report = await facetJson<TagReport>([
      'tag',
      SHAPES,
      '--labels',
      file,
      '--library',
      library,
    ]);
    const fromTag = byLabel(report);
    const { mode, labelSet, thresholds } = report.summary as {
      mode: string;
      labelSet: string;
      thresholds: Record<string, number>;
    };
    // Every label of the set (those tagging nothing too) and the parents tagged with them.
    const paths = [
      ...new Set([
        ...Object.keys(thresholds),
        ...report.files.flatMap((f) => f.tags.map((t) => t.label)),
      ]),
    ];
    let tagged = 0;
    for (const label of paths) {
      const listed = await facetJson<{ photos: { path: string }[] }>([
        'photos',
        '--label',
        `${labelSet}:${label}`,
        '--library',
        library,
      ]);
      const fromLibrary = listed.photos.map((photo) => photo.path).sort();
      assert.deepEqual(fromLibrary, (fromTag.get(label) ?? []).sort(), `${labelSet}:${label}`);
      tagged += fromLibrary.length;
    }
    console.log(`${labelSet} (${mode}): ${paths.length} labels, ${tagged} tags, identical`);
    assert.ok(tagged > 0, `${labelSet} tags some photo`);
  }
});
