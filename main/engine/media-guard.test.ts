import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { photoPathFromUrl, photoUrl, resolveLibraryPhoto } from './media-guard';

const SAMPLE = join(import.meta.dirname, '../../e2e/fixtures/shapes/bad/one-pixel.png');

describe('resolveLibraryPhoto', () => {
  let base: string;
  let photos: string;
  let outside: string;

  before(async () => {
    // realpath: the temp folder itself may sit behind a symlink (macOS /var).
    base = await realpath(await mkdtemp(join(tmpdir(), 'facet-media-guard-')));
    photos = join(base, 'photos');
    outside = join(base, 'outside');
    await mkdir(join(photos, 'trip'), { recursive: true });
    await mkdir(outside);
    await mkdir(join(base, 'photos-evil'));
    await copyFile(SAMPLE, join(photos, 'trip', 'beach.png'));
    await copyFile(SAMPLE, join(outside, 'secret.png'));
    await copyFile(SAMPLE, join(base, 'photos-evil', 'x.png'));
    await writeFile(join(photos, 'notes.txt'), 'private notes');
    await writeFile(join(outside, 'secret.txt'), 'private');
    await symlink(join(outside, 'secret.png'), join(photos, 'link-out.png'));
    await symlink(join(photos, 'notes.txt'), join(photos, 'notes-link.jpg'));
    await mkdir(join(photos, 'folder.jpg'));
  });
  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves a real photo inside a root', async () => {
    const access = await resolveLibraryPhoto(join(photos, 'trip', 'beach.png'), [photos]);
    assert.deepEqual(access, { ok: true, path: join(photos, 'trip', 'beach.png') });
  });

  it('refuses ../ escapes, raw and URL-encoded', async () => {
    const raw = `${photos}/trip/../../outside/secret.png`;
    assert.deepEqual(await resolveLibraryPhoto(raw, [photos]), {
      ok: false,
      status: 403,
      reason: 'The path tries to leave its folder (..).',
    });
    const url = `facet-media://photo/${encodeURIComponent(photos)}%2F..%2Foutside%2Fsecret.png`;
    const decoded = photoPathFromUrl(url);
    assert.equal(decoded, `${photos}/../outside/secret.png`);
    const access = await resolveLibraryPhoto(decoded ?? '', [photos]);
    assert.equal(access.ok, false);
    assert.equal(!access.ok && access.status, 403);
  });

  it('refuses absolute paths outside the roots without revealing whether they exist', async () => {
    const existing = await resolveLibraryPhoto(join(outside, 'secret.png'), [photos]);
    const missing = await resolveLibraryPhoto(join(outside, 'nothing.png'), [photos]);
    assert.equal(!existing.ok && existing.status, 403);
    assert.deepEqual(existing, missing);
  });

  it('refuses a symlink inside a root that points outside it', async () => {
    const access = await resolveLibraryPhoto(join(photos, 'link-out.png'), [photos]);
    assert.deepEqual(access, {
      ok: false,
      status: 403,
      reason: 'The file links outside the library folders.',
    });
  });

  it('refuses non-image files inside a root, also behind an image-named link', async () => {
    const text = await resolveLibraryPhoto(join(photos, 'notes.txt'), [photos]);
    assert.equal(!text.ok && text.status, 403);
    const linked = await resolveLibraryPhoto(join(photos, 'notes-link.jpg'), [photos]);
    assert.equal(!linked.ok && linked.status, 403);
  });

  it('does not treat a sibling folder sharing the prefix as inside the root', async () => {
    const access = await resolveLibraryPhoto(join(base, 'photos-evil', 'x.png'), [photos]);
    assert.equal(!access.ok && access.status, 403);
  });

  it('answers 404 for a missing photo or a folder inside a root', async () => {
    const missing = await resolveLibraryPhoto(join(photos, 'trip', 'gone.jpg'), [photos]);
    assert.deepEqual(missing, { ok: false, status: 404, reason: 'No such photo.' });
    const folder = await resolveLibraryPhoto(join(photos, 'folder.jpg'), [photos]);
    assert.equal(!folder.ok && folder.status, 404);
  });

  it('refuses relative paths and paths with NUL bytes', async () => {
    const relativePath = await resolveLibraryPhoto('trip/beach.png', [photos]);
    assert.equal(!relativePath.ok && relativePath.status, 403);
    const nul = await resolveLibraryPhoto(`${photos}/trip/beach.png\0.txt`, [photos]);
    assert.equal(!nul.ok && nul.status, 403);
  });

  it('serves a photo added as a single-file root, and through a symlinked root', async () => {
    const single = join(photos, 'trip', 'beach.png');
    assert.equal((await resolveLibraryPhoto(single, [single])).ok, true);
    const linkedRoot = join(base, 'linked-root');
    await symlink(photos, linkedRoot);
    const access = await resolveLibraryPhoto(join(linkedRoot, 'trip', 'beach.png'), [linkedRoot]);
    assert.deepEqual(access, { ok: true, path: join(photos, 'trip', 'beach.png') });
  });
});

describe('photo URLs', () => {
  it('round-trip paths with spaces, percent signs and unicode', () => {
    const path = '/home/ana/Fotos/100% días/ñ #1.jpg';
    assert.equal(photoPathFromUrl(photoUrl(path)), path);
    assert.equal(photoPathFromUrl(`/facet-media/photo/${encodeURIComponent(path)}?v=2`), path);
  });

  it('rejects other URLs and malformed encodings', () => {
    assert.equal(photoPathFromUrl('file:///etc/passwd'), null);
    assert.equal(photoPathFromUrl('facet-media://photo/%E0%A4%A'), null);
    assert.equal(photoPathFromUrl('facet-media://photo/'), null);
  });
});
