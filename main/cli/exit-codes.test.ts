// One exit-code table for every subcommand, the same one the README shows, and names from files
// printed so that they cannot drive the terminal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { engineError } from '../engine/engine-error';
import { EXIT, EXIT_CODE_TABLE, exitCodeFor } from './exit-codes';
import { REPO, runFacet } from './run-facet.fixture';
import { terminalText } from './terminal-text';

test('the README lists exactly the exit codes the command line gives', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Exit codes'));
  const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(
    rows,
    EXIT_CODE_TABLE.map(([code, meaning]) => [code, meaning]),
  );
});

test('the same failure gives the same code whichever subcommand meets it', () => {
  assert.equal(exitCodeFor(engineError('LIBRARY_UNAVAILABLE', 'x')), EXIT.library);
  assert.equal(
    exitCodeFor(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT_INDEX' })),
    EXIT.library,
  );
  assert.equal(exitCodeFor(Object.assign(new Error('x'), { code: 'SQLITE_FULL' })), EXIT.library);
  assert.equal(exitCodeFor(Object.assign(new Error('x'), { code: 'ENOSPC' })), EXIT.write);
  assert.equal(exitCodeFor(engineError('MODEL_PACKAGE', 'x')), EXIT.model);
  assert.equal(exitCodeFor(new Error('something else')), EXIT.failed);
});

test('control characters are escaped, newlines and tabs kept', () => {
  assert.equal(
    terminalText('\u001b[31mred\u001b[0m\tok\n\u009b2J\u0007'),
    '\\x1b[31mred\\x1b[0m\tok\n\\x9b2J\\x07',
  );
});

test('an unusable library exits 4 from every subcommand that opens it', async () => {
  const work = await mkdtemp(join(tmpdir(), 'facet-exit-'));
  try {
    const file = join(work, 'library.db');
    await writeFile(file, 'this is not a database, only text long enough to be read as one');
    for (const args of [
      ['status'],
      ['search', 'circle'],
      ['photos'],
      ['clusters'],
      ['labels', 'list'],
      ['models', 'list'],
      ['export', 'csv'],
    ]) {
      const run = await runFacet([...args, '--library', work]);
      assert.equal(run.code, EXIT.library, `facet ${args.join(' ')}: ${run.stderr}`);
      assert.ok(run.stderr.includes(file), `facet ${args.join(' ')} names ${file}: ${run.stderr}`);
      assert.equal(run.stdout, '');
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
