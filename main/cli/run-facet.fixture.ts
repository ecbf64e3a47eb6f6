// Runs the real `facet` command line as a child process, as a user would, for the tests.
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { openDatabase } from '../../native/sqlite';

export const REPO = join(import.meta.dirname, '..', '..');
export const SHAPES = join(REPO, 'e2e', 'fixtures', 'shapes');
export const SHAPES_SET = join(REPO, 'assets', 'label-sets', 'shapes.json');
export const COLOURS_SET = join(REPO, 'assets', 'label-sets', 'colours.json');

export interface FacetRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runFacet(args: readonly string[]): Promise<FacetRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO, 'main', 'cli', 'index.ts'), ...args],
      { cwd: REPO, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs with --json and parses stdout, failing with stderr when the run did not succeed. */
export async function facetJson<T>(args: readonly string[]): Promise<T> {
  const run = await runFacet([...args, '--json']);
  if (run.code !== 0) throw new Error(`facet ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Embeddings in a library's file, read while a run may still be writing it; 0 before it exists. */
export function storedCount(libraryDir: string): number {
  try {
    const db = openDatabase(join(libraryDir, 'library.db'), { readonly: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM embeddings').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

/** Starts `facet index` and SIGKILLs it (with its engine host) when `when` says so. */
export async function indexAndKill(
  folder: string,
  libraryDir: string,
  when: (elapsedMs: number, stored: number) => boolean,
): Promise<{ atMs: number; killed: boolean }> {
  const args = ['index', folder, '--library', libraryDir, '--device', 'cpu'];
  // Its own process group, so the kill takes the engine host down with the command line.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'main/cli/index.ts'), ...args],
    {
      cwd: REPO,
      detached: true,
      stdio: 'ignore',
    },
  );
  const exited = new Promise((done) => child.on('exit', done));
  const started = Date.now();
  while (child.exitCode === null && !when(Date.now() - started, storedCount(libraryDir)))
    await new Promise((wait) => setTimeout(wait, 10));
  const killed = child.exitCode === null;
  if (killed) process.kill(-(child.pid as number), 'SIGKILL');
  await exited;
  return { atMs: Date.now() - started, killed };
}

export interface PhotoLabels {
  readonly shape: string;
  readonly colour: string;
  readonly background: string;
}

export interface FixtureLabels {
  readonly photos: ReadonlyMap<string, PhotoLabels>;
  readonly bad: ReadonlyMap<string, { expected: 'ok' | 'error' } & Partial<PhotoLabels>>;
}

/** labels.json keyed by absolute path. */
export async function fixtureLabels(): Promise<FixtureLabels> {
  const { readFile } = await import('node:fs/promises');
  const raw = JSON.parse(await readFile(join(SHAPES, 'labels.json'), 'utf8')) as Record<
    string,
    unknown
  > & { bad: Record<string, { expected: 'ok' | 'error' } & Partial<PhotoLabels>> };
  const photos = new Map<string, PhotoLabels>();
  for (const [path, labels] of Object.entries(raw)) {
    if (path !== 'bad') photos.set(join(SHAPES, path), labels as PhotoLabels);
  }
  const bad = new Map(
    Object.entries(raw.bad).map(([path, label]) => [
      join(SHAPES, path.startsWith('bad/') ? path : `bad/${path}`),
      label,
    ]),
  );
  return { photos, bad };
}
