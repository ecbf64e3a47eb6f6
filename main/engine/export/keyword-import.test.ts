// Keyword import is linear in the number of keywords: a sidecar holding 50,000 (a hostile file,
// or a tagging tool run amok) is read and confirmed in seconds, not minutes.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../../native/sqlite';
import { createEngine, type Engine } from '../engine';
import { copyPhoto, PLAIN_JPEG } from './export-files.fixture';

let dir: string;
let photos: string;
let engine: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-keyword-import-'));
  photos = join(dir, 'photos');
  await copyPhoto(PLAIN_JPEG, photos, 'small.jpg');
  await copyPhoto(PLAIN_JPEG, photos, 'large.jpg');
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
  await engine.library.add([photos]);
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

/** An XMP sidecar with `count` flat keywords and as many hierarchical ones two levels deep. */
function sidecar(prefix: string, count: number): string {
  const flat: string[] = [];
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    flat.push(`<rdf:li>${prefix} ${i}</rdf:li>`);
    paths.push(`<rdf:li>${prefix} tree|branch ${i % 100}|leaf ${i}</rdf:li>`);
  }
  return `<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/'>
<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'
  xmlns:lr='http://ns.adobe.com/lightroom/1.0/'>
<dc:subject><rdf:Bag>${flat.join('')}</rdf:Bag></dc:subject>
<lr:hierarchicalSubject><rdf:Bag>${paths.join('')}</rdf:Bag></lr:hierarchicalSubject>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>`;
}

async function importSeconds(photo: string, prefix: string, count: number): Promise<number> {
  await writeFile(join(photos, `${photo}.jpg.xmp`), sidecar(prefix, count));
  const started = performance.now();
  const report = await engine.export.importKeywords({ fileIds: null, dryRun: false });
  const seconds = (performance.now() - started) / 1000;
  const file = report.files.find((f) => f.path === join(photos, `${photo}.jpg`));
  // Each flat keyword and each hierarchical leaf is its own label; the tree adds its branches.
  assert.equal(file?.labels.filter((l) => l.added).length, 2 * count, `${photo}: every keyword`);
  return seconds;
}

test('50,000 keywords in one sidecar are imported in seconds, in linear time', async () => {
  const small = await importSeconds('small', 'small', 2_500);
  const large = await importSeconds('large', 'large', 25_000);
  console.log(
    `keyword import: 5,000 keywords ${small.toFixed(2)} s, 50,000 keywords ${large.toFixed(2)} s`,
  );
  const db = openDatabase(join(dir, 'library', 'library.db'), { readonly: true });
  const confirmed = db
    .prepare(
      `SELECT COUNT(*) FROM tag_decisions JOIN files ON files.id = file_id
       WHERE files.path = ? AND state = 'confirmed'`,
    )
    .pluck()
    .get(join(photos, 'large.jpg'));
  db.close();
  assert.equal(confirmed, 50_000, 'every keyword confirmed');
  assert.ok(large < 30, `50,000 keywords took ${large.toFixed(1)} s`);
});
