// Crash safety at scale: `facet index` over 2,000 photos, killed with SIGKILL several times at
// random moments, then run to the end. The library must hold each photo once with one embedding
// and pass SQLite's integrity check after every kill.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeNoisePhoto } from '../../native/image-preprocess';
import { openDatabase } from '../../native/sqlite';
import type { IndexReport } from '../engine/engine-api';
import { facetJson, indexAndKill } from './run-facet.fixture';

const PHOTOS = 2_000;
const PER_FOLDER = 100;
const KILLS = 4;
// Generated once per machine: reruns of the test reuse them.
const CACHE = join(tmpdir(), `facet-kill-photos-${PHOTOS}`);
let work: string;

async function generatedPhotos(): Promise<{ folder: string; seconds: number }> {
  const started = performance.now();
  if (!existsSync(join(CACHE, 'complete'))) {
    await rm(CACHE, { recursive: true, force: true });
    for (let start = 0; start < PHOTOS; start += PER_FOLDER) {
      const folder = join(CACHE, 'photos', `roll-${String(start / PER_FOLDER).padStart(2, '0')}`);
      await mkdir(folder, { recursive: true });
      const names = Array.from({ length: PER_FOLDER }, (_, i) => `img-${start + i}.jpg`);
      // Noise makes every photo's content (and fingerprint) different.
      await Promise.all(names.map((name) => writeNoisePhoto(join(folder, name), 40, 30, 70)));
    }
    await writeFile(join(CACHE, 'complete'), '');
  }
  return { folder: join(CACHE, 'photos'), seconds: (performance.now() - started) / 1000 };
}

interface LibraryCheck {
  readonly integrity: string;
  readonly files: number;
  readonly embeddings: number;
  /** Photos with other than exactly one embedding. */
  readonly notOne: number;
}

function checkLibrary(libraryDir: string): LibraryCheck {
  const file = join(libraryDir, 'library.db');
  if (!existsSync(file)) return { integrity: 'ok', files: 0, embeddings: 0, notOne: 0 };
  const db = openDatabase(file); // read-write: it replays the write-ahead log the kill left
  try {
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      files: count('SELECT COUNT(*) FROM files'),
      embeddings: count('SELECT COUNT(*) FROM embeddings'),
      notOne: count(
        `SELECT COUNT(*) FROM files f
         WHERE (SELECT COUNT(*) FROM embeddings e WHERE e.file_id = f.id) <> 1`,
      ),
    };
  } finally {
    db.close();
  }
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'facet-kill-'));
});
after(() => rm(work, { recursive: true, force: true }));

test('a run SIGKILLed again and again leaves one row and one embedding per photo', async () => {
  const { folder, seconds } = await generatedPhotos();
  const libraryDir = join(work, 'library');
  const started = performance.now();
  const kills: string[] = [];
  let kept = 0;
  for (let i = 0; i < KILLS; i++) {
    // The first kill lands anywhere in start-up or scanning; the others while embedding, at a
    // random number of stored photos.
    const atTime = 300 + Math.random() * 1_200;
    const atStored = kept + 1 + Math.floor(Math.random() * (PHOTOS - kept) * 0.5);
    const kill = await indexAndKill(folder, libraryDir, (ms, stored) =>
      i === 0 ? ms >= atTime : stored >= atStored,
    );
    const check = checkLibrary(libraryDir);
    assert.equal(check.integrity, 'ok', `integrity after kill ${i + 1}`);
    assert.ok(check.embeddings >= kept, 'a kill never loses what an earlier run stored');
    assert.ok(check.embeddings <= check.files || check.files === 0);
    kills.push(
      `${kill.killed ? 'killed' : 'finished'} at ${kill.atMs} ms with ${check.embeddings}`,
    );
    kept = check.embeddings;
  }
  assert.ok(kept > 0 && kept < PHOTOS, `the kills landed mid-run (${kept} stored)`);

  const rerun = await facetJson<IndexReport>([
    'index',
    folder,
    '--library',
    libraryDir,
    '--device',
    'cpu',
  ]);
  const final = checkLibrary(libraryDir);
  const total = (performance.now() - started) / 1000;
  console.log(
    `kill test: ${PHOTOS} photos (made in ${seconds.toFixed(1)} s); ${kills.join('; ')}; ` +
      `the last run embedded ${rerun.embedded} and skipped ${rerun.skipped}; ${total.toFixed(1)} s in all`,
  );
  assert.deepEqual(rerun.errors, []);
  assert.equal(rerun.files, PHOTOS);
  assert.equal(rerun.skipped, kept, 'nothing stored before a kill is embedded again');
  assert.equal(rerun.embedded, PHOTOS - kept);
  assert.deepEqual(final, { integrity: 'ok', files: PHOTOS, embeddings: PHOTOS, notOne: 0 });
});
