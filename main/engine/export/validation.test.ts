import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { invokeEngine } from '../contract-handlers';
import { createEngine, type Engine } from '../engine';

let dir: string;
let engine: Engine;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'facet-export-handlers-'));
  engine = await createEngine({ libraryDir: join(dir, 'library'), indexAfterAdd: false });
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('the page cannot make the engine write a table to a relative path or an unknown format', async () => {
  const request = { fileIds: null, includeSuggested: false, format: 'csv', outPath: 'tags.csv' };
  await assert.rejects(
    invokeEngine(engine, 'export:table', [request]),
    /Invalid call to export:table: argument 0\.outPath must be an absolute path/,
  );
  await assert.rejects(
    invokeEngine(engine, 'export:table', [{ ...request, format: 'xlsx', outPath: null }]),
    /Invalid call to export:table: argument 0\.format/,
  );
  const answer = await invokeEngine(engine, 'export:table', [{ ...request, outPath: null }]);
  assert.equal(answer.text, 'path,label,label_set,state,score\r\n');
});

test('export settings are checked, stored in the library and read back', async () => {
  await assert.rejects(
    invokeEngine(engine, 'export:saveSettings', [
      { naming: 'adobe', includeSuggested: false, keepBackup: true },
    ]),
    /argument 0\.naming/,
  );
  const saved = { naming: 'base', includeSuggested: true, keepBackup: false } as const;
  assert.deepEqual(await invokeEngine(engine, 'export:saveSettings', [saved]), saved);
  assert.deepEqual(await invokeEngine(engine, 'export:settings', []), saved);
});
