// RAW+JPEG pairs at export time: a raw's JPEG companion gets the raw's keywords, and a JPEG never
// writes into `IMG_1.xmp` when a raw beside it owns that name (its develop settings live there).
import { readdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { RAW_EXTENSIONS } from '../../../native/photo-formats';
import { JPEG_EXTENSIONS, pairKey } from '../library/scanner';

export interface PhotoPair {
  /** JPEGs beside this raw that the library holds as its companions, not as photos of their own. */
  readonly companions: readonly string[];
  /** The raw beside this JPEG, whose `base.xmp` sidecar that name belongs to. */
  readonly raw: string | null;
}

const isRaw = (path: string) => RAW_EXTENSIONS.has(extname(path).toLowerCase());
const isJpeg = (path: string) => JPEG_EXTENSIONS.has(extname(path).toLowerCase());

/**
 * The pair of each photo that has one (folders are listed once each; one that cannot be listed has
 * none). `inLibrary` says whether a file is a library photo of its own (shown apart), not a companion.
 */
export async function photoPairs(
  photos: readonly string[],
  inLibrary: (path: string) => boolean,
): Promise<Map<string, PhotoPair>> {
  const folders = [...new Set(photos.filter((p) => isRaw(p) || isJpeg(p)).map(dirname))];
  const byKey = new Map<string, { raws: string[]; jpegs: string[] }>();
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const path = join(folder, name);
      if (!isRaw(path) && !isJpeg(path)) continue;
      let group = byKey.get(pairKey(path));
      if (group === undefined) byKey.set(pairKey(path), (group = { raws: [], jpegs: [] }));
      (isRaw(path) ? group.raws : group.jpegs).push(path);
    }
  }
  const pairs = new Map<string, PhotoPair>();
  for (const photo of photos) {
    const group = byKey.get(pairKey(photo));
    if (group === undefined || group.raws.length === 0 || group.jpegs.length === 0) continue;
    if (isRaw(photo))
      pairs.set(photo, {
        companions: group.jpegs.filter((jpeg) => !inLibrary(jpeg)),
        raw: null,
      });
    else if (isJpeg(photo)) pairs.set(photo, { companions: [], raw: group.raws[0] as string });
  }
  return pairs;
}
