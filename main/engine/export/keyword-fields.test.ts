// Keywords other apps keep seeing: a field Facet adds carries the user's keywords too, fields other
// apps keep (MicrosoftPhoto, mediapro) stay in step, nothing else changes, and keyword text with
// separators or XML entities survives export and re-import. Read back with exiftool and exiv2.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openMetadataTool, type MetadataTool } from '../../../native/exiftool';
import { copyPhoto, exiftoolCli, list, PLAIN_JPEG, readBack } from './export-files.fixture';
import {
  DEVELOP_SIDECAR,
  digiKamTags,
  everythingButKeywords,
  exiv2Lines,
  exiv2Values,
  immichTags,
} from './keyword-readers.fixture';
import { readPhotoLabels } from './photo-keywords';
import { embedInOriginal, writeSidecar } from './xmp-write';

const RAW = join(import.meta.dirname, '../../../e2e/fixtures/real-photos/raw-pair/IMG_5952.CR2');
const HERON = 'Animals/Bird/Heron';
const KEYWORD_KEYS = /^Xmp\.(dc\.subject|lr\.hierarchicalSubject|digiKam\.TagsList|x\.)|^Iptc\./;

let dir: string;
let tool: MetadataTool;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-fields-'));
  tool = openMetadataTool();
});
after(async () => {
  await tool.close();
  await rm(dir, { recursive: true, force: true });
});

test("a darktable/Lightroom sidecar gains a TagsList holding the user's keywords and Facet's; nothing else changes", async () => {
  const raw = await copyPhoto(RAW, join(dir, 'darktable'));
  const sidecar = `${raw}.xmp`;
  await writeFile(sidecar, DEVELOP_SIDECAR);
  const before = await everythingButKeywords(sidecar);
  const beforeExiv2 = await exiv2Lines(sidecar, KEYWORD_KEYS);

  await writeSidecar(tool, { photoPath: raw, keywords: [HERON] }, { naming: 'ext' });

  const tags = await readBack(sidecar);
  const users = ['Holiday', 'Places/Norway'];
  assert.deepEqual(list(tags, 'XMP-digiKam:TagsList'), [...users, HERON]);
  assert.deepEqual(await exiv2Values(sidecar, 'Xmp.digiKam.TagsList'), [...users, HERON]);
  assert.deepEqual(await exiv2Values(sidecar, 'Xmp.lr.hierarchicalSubject'), [
    'Holiday',
    'Places|Norway',
    'Animals|Bird|Heron',
  ]);
  // Readers that stop at the first field they find see the user's keywords and Facet's.
  assert.deepEqual(immichTags(tags), [...users, HERON]);
  assert.deepEqual(digiKamTags(tags), [...users, HERON]);
  // Develop settings, darktable history, rating and title mean what they meant.
  assert.deepEqual(await everythingButKeywords(sidecar), before);
  assert.deepEqual((await exiv2Lines(sidecar, KEYWORD_KEYS)).sort(), beforeExiv2.sort());
  assert.equal(before['XMP-crs:Exposure2012'], '+0.50');
  assert.equal(before['XMP-xmp:Rating'], 4);
});

test("a new sidecar for a JPEG with only IPTC keywords carries them, so Immich's sidecar-first read keeps them", async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'iptc'));
  await exiftoolCli([
    '-overwrite_original',
    '-IPTC:Keywords=Holiday',
    '-IPTC:Keywords=Oslo',
    photo,
  ]);
  await writeSidecar(tool, { photoPath: photo, keywords: [HERON] }, { naming: 'ext' });

  const sidecar = await readBack(`${photo}.xmp`);
  const file = await readBack(photo);
  assert.deepEqual(immichTags(sidecar, file), ['Holiday', 'Oslo', HERON]);
  assert.deepEqual(list(sidecar, 'XMP-dc:Subject'), [
    'Holiday',
    'Oslo',
    'Animals',
    'Bird',
    'Heron',
  ]);
  assert.deepEqual(await exiv2Values(`${photo}.xmp`, 'Xmp.lr.hierarchicalSubject'), [
    'Holiday',
    'Oslo',
    'Animals|Bird|Heron',
  ]);
});

test('--embed carries IPTC keywords into the XMP it creates; exiv2 reads both', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'embed'));
  await exiftoolCli(['-overwrite_original', '-IPTC:Keywords=Holiday', photo]);
  await embedInOriginal(tool, { photoPath: photo, keywords: [HERON] }, { keepBackup: false });
  assert.deepEqual(await exiv2Values(photo, 'Iptc.Application2.Keywords'), [
    'Holiday',
    'Animals',
    'Bird',
    'Heron',
  ]);
  assert.deepEqual(await exiv2Values(photo, 'Xmp.digiKam.TagsList'), ['Holiday', HERON]);
  assert.deepEqual(immichTags(await readBack(photo)), ['Holiday', HERON]);
});

test('MicrosoftPhoto and mediapro keyword lists are kept in step where another app made them, and never created', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'digikam'));
  await exiftoolCli([
    '-o',
    `${photo}.xmp`,
    '-XMP-digiKam:TagsList=Places/Norway',
    '-XMP-microsoft:LastKeywordXMP=Places/Norway',
    '-XMP-mediapro:CatalogSets=Places|Norway',
    photo,
  ]);
  const plain = await copyPhoto(PLAIN_JPEG, join(dir, 'digikam'), 'plain.jpg');
  const first = await writeSidecar(
    tool,
    { photoPath: photo, keywords: [HERON] },
    { naming: 'ext' },
  );
  await writeSidecar(tool, { photoPath: plain, keywords: [HERON] }, { naming: 'ext' });

  const kept = `${photo}.xmp`;
  assert.deepEqual(await exiv2Values(kept, 'Xmp.MicrosoftPhoto.LastKeywordXMP'), [
    'Places/Norway',
    HERON,
  ]);
  assert.deepEqual(await exiv2Values(kept, 'Xmp.mediapro.CatalogSets'), [
    'Places|Norway',
    'Animals|Bird|Heron',
  ]);
  const fresh = await readBack(`${plain}.xmp`);
  assert.deepEqual(list(fresh, 'XMP-microsoft:LastKeywordXMP'), []);
  assert.deepEqual(list(fresh, 'XMP-mediapro:CatalogSets'), []);

  // Facet's keyword goes again from every list, the user's stay.
  await writeSidecar(
    tool,
    { photoPath: photo, keywords: [], owned: { sidecar: first.owned } },
    { naming: 'ext' },
  );
  assert.deepEqual(await exiv2Values(kept, 'Xmp.MicrosoftPhoto.LastKeywordXMP'), ['Places/Norway']);
  assert.deepEqual(await exiv2Values(kept, 'Xmp.mediapro.CatalogSets'), ['Places|Norway']);
});

test('separators inside a level and XML entities survive export and re-import', async () => {
  const photo = await copyPhoto(PLAIN_JPEG, join(dir, 'text'));
  // A slash inside a level is written `\/` in a Facet label; `|` needs no escape there.
  const labels = ['Music/AC\\/DC', 'a|b', '<b>&amp;<\\/b>', 'R&D/Q<3'];
  await writeSidecar(tool, { photoPath: photo, keywords: labels }, { naming: 'ext' });

  const sidecar = `${photo}.xmp`;
  const tags = await readBack(sidecar);
  assert.deepEqual(list(tags, 'XMP-dc:Subject'), [
    'Music',
    'AC/DC',
    'a|b',
    '<b>&amp;</b>',
    'R&D',
    'Q<3',
  ]);
  // Each path field escapes its own separator with a backslash, the other is plain text.
  assert.deepEqual(list(tags, 'XMP-lr:HierarchicalSubject'), [
    'Music|AC/DC',
    'a\\|b',
    '<b>&amp;</b>',
    'R&D|Q<3',
  ]);
  assert.deepEqual(await exiv2Values(sidecar, 'Xmp.digiKam.TagsList'), [
    'Music/AC\\/DC',
    'a|b',
    '<b>&amp;<\\/b>',
    'R&D/Q<3',
  ]);
  assert.match(await readFile(sidecar, 'utf8'), /&lt;b&gt;&amp;amp;&lt;\/b&gt;/);
  // Read back in, every label is itself again (no new label from an entity or a separator).
  assert.deepEqual((await readPhotoLabels(tool, photo)).labels, labels);
});
