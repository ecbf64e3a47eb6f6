// An independent read-back for the export tests: the exiftool command line itself (the vendored
// Perl script run by perl), not the code under test. No import.meta: the e2e specs load it too.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { exiftoolPath } from 'exiftool-vendored';

const run = promisify(execFile);

/** Runs the exiftool command line itself (perl + the vendored script). */
export async function exiftoolCli(args: readonly string[]): Promise<string> {
  const { stdout } = await run('perl', [await exiftoolPath(), ...args]);
  return stdout;
}

/** Every tag of `file` as `exiftool -j -G1` prints it. */
export async function readBack(file: string): Promise<Record<string, unknown>> {
  const [tags] = JSON.parse(await exiftoolCli(['-j', '-G1', file])) as Record<string, unknown>[];
  return tags ?? {};
}

/** A tag's values as a list of strings (exiftool prints one value without a list). */
export function list(tags: Record<string, unknown>, name: string): string[] {
  const value = tags[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}
