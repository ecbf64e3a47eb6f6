// The thumbnail cache in the library folder: each photo's thumbnails are made once per size and
// content, and a photo that changed (size or modification time) gets new ones, the old ones go.
import { createHash } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeThumbnail } from '../../../native/thumbnail';
import type { ThumbnailSize } from './thumbnail-url';

export { THUMBNAIL_SIZES, type ThumbnailSize } from './thumbnail-url';

/** Thumbnails made at once: more would only queue in sharp's pool and hold more memory. */
const AT_ONCE = 4;
const FORGET_AT_ONCE = 32;

export class ThumbnailCache {
  private readonly making = new Map<string, Promise<string>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly dir: string) {}

  /** The cached thumbnail file of `photo` (made now if missing or stale). */
  async file(photo: string, size: ThumbnailSize): Promise<string> {
    const info = await stat(photo);
    const folder = this.folderOf(photo);
    const name = `${size}-${info.size}-${Math.round(info.mtimeMs)}.webp`;
    const target = join(folder, name);
    if ((await stat(target).catch(() => null)) !== null) return target;
    let made = this.making.get(target);
    if (made === undefined) {
      made = this.make(photo, folder, name, size).finally(() => this.making.delete(target));
      this.making.set(target, made);
    }
    return made;
  }

  /** Deletes the thumbnails of photos that left the library, a few at a time. */
  async forget(photos: readonly string[]): Promise<void> {
    for (let start = 0; start < photos.length; start += FORGET_AT_ONCE) {
      const some = photos.slice(start, start + FORGET_AT_ONCE);
      await Promise.all(
        some.map((photo) => rm(this.folderOf(photo), { recursive: true, force: true })),
      );
    }
  }

  private folderOf(photo: string): string {
    const key = createHash('sha1').update(photo).digest('hex');
    return join(this.dir, key.slice(0, 2), key);
  }

  private async make(photo: string, folder: string, name: string, size: number): Promise<string> {
    await this.turn();
    try {
      await mkdir(folder, { recursive: true });
      await writeThumbnail(photo, join(folder, name), size);
      // Thumbnails of this size from an earlier version of the photo are stale now.
      const stale = (await readdir(folder)).filter(
        (file) => file !== name && file.startsWith(`${size}-`) && file.endsWith('.webp'),
      );
      await Promise.all(stale.map((file) => rm(join(folder, file), { force: true })));
      return join(folder, name);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async turn(): Promise<void> {
    while (this.running >= AT_ONCE) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
  }
}
