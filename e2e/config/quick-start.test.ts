// The README's quick start is what a fresh clone needs: one command that sets up what is missing
// and runs the demo, and the test command, which CI runs as the README says.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

test('the quick start is two commands: the demo (setting up first) and the tests', () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const commands = block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
  assert.deepEqual(commands, ['npm run demo', 'npm test']);

  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  assert.equal(scripts.demo, 'bash scripts/demo.sh');
  const demo = read('scripts/demo.sh');
  assert.match(demo, /bash scripts\/setup\.sh/, 'the demo sets up what is missing');
  assert.match(demo, /main\/cli\/index\.ts tag e2e\/fixtures\/shapes/, 'then tags the samples');

  const ci = read('.ci/run')
    .split('\n')
    .map((line) => line.trim());
  assert.ok(ci.includes('npm test'), "CI runs the README's test command");
});
