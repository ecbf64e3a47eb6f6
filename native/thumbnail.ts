// Small previews of library photos, made with sharp: upright (EXIF), longest side `size`, WebP.
// Raws are drawn from their embedded preview, other formats through decode-photo's decoders.
import { rename, rm } from 'node:fs/promises';
import { openPhoto } from './decode-photo';

/** Photos above this many pixels get no thumbnail rather than exhausting memory. */
const PIXEL_LIMIT = 250_000_000;

/**
 * Writes the thumbnail of `source` to `target`, through a temporary file, so a reader (or a crash)
 * never sees half a thumbnail. Throws when the photo cannot be read.
 */
export async function writeThumbnail(source: string, target: string, size: number): Promise<void> {
  const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  try {
    const photo = await openPhoto(source, { pixelLimit: PIXEL_LIMIT });
    await photo.image
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toFile(partial);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
