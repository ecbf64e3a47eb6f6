// When each photo was taken: EXIF DateTimeOriginal, else the file's modification time. Read on
// first need (sorting by date) for the photos not dated yet, then kept in browse_photo_dates.
import type { Database } from '../../../native/sqlite';
import { readExif } from './exif';

// Reading file headers is I/O bound: a few in flight keep the disk busy without flooding it.
const PARALLEL_READS = 8;
const BATCH = 500;

interface Undated {
  readonly id: number;
  readonly path: string;
  readonly fingerprint: string;
  readonly mtime: number;
}

/** Dates the photos that have no date yet (or changed since); answers how many were read. */
export async function datePhotos(db: Database): Promise<number> {
  const undated = db
    .prepare(
      `SELECT f.id, f.path, f.fingerprint, f.mtime_ms AS mtime FROM files f
       LEFT JOIN browse_photo_dates d ON d.file_id = f.id
       WHERE d.file_id IS NULL OR d.fingerprint <> f.fingerprint`,
    )
    .all() as Undated[];
  const store = db.prepare(
    `INSERT OR REPLACE INTO browse_photo_dates (file_id, fingerprint, taken_ms, source)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM files WHERE id = ?)`,
  );
  for (let from = 0; from < undated.length; from += BATCH) {
    const batch = undated.slice(from, from + BATCH);
    const dates: (number | undefined)[] = new Array(batch.length);
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const i = next++;
        dates[i] = (await readExif((batch[i] as Undated).path)).taken;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
    db.transaction(() => {
      batch.forEach((photo, i) => {
        const taken = dates[i];
        const source = taken === undefined ? 'file' : 'exif';
        store.run(photo.id, photo.fingerprint, taken ?? photo.mtime, source, photo.id);
      });
    })();
  }
  return undated.length;
}

/** Stored dates by files.id. */
export function photoDates(db: Database): Map<number, number | null> {
  const rows = db.prepare('SELECT file_id, taken_ms FROM browse_photo_dates').raw().all() as [
    number,
    number | null,
  ][];
  return new Map(rows);
}
