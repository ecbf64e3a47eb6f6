// The sample photos the specs add to the library (real files, committed under e2e/fixtures).
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { REPO_ROOT } from '../harness/modes';

export const SHAPES = join(REPO_ROOT, 'e2e', 'fixtures', 'shapes');
export const CAMERA = join(SHAPES, 'camera');
export const PHONE = join(SHAPES, 'phone');
export const MISC = join(SHAPES, 'misc');

const PHOTO = /^\.(jpe?g|png|webp)$/i;

/** Every photo under a folder, recursively, sorted. */
export function photosIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => PHOTO.test(extname(name)))
    .map((name) => join(folder, name))
    .sort();
}
