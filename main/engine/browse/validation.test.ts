// The browse channels' argument checks, on a real engine: what a page may and may not send.
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
  dir = await mkdtemp(join(tmpdir(), 'facet-browse-handlers-'));
  engine = await createEngine({ libraryDir: dir, indexAfterAdd: false });
  await engine.library.add([join(import.meta.dirname, '../../../e2e/fixtures/shapes/scans')]);
});
after(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

test('calls from the page with bad arguments are refused before the engine sees them', async () => {
  const query = { filter: {}, sort: { key: 'name', descending: false } };
  await assert.rejects(invokeEngine(engine, 'browse:photos', [query, -1, 10]), /argument 1/);
  await assert.rejects(
    invokeEngine(engine, 'browse:photos', [
      { ...query, sort: { key: 'size', descending: false } },
      0,
      10,
    ]),
    /Invalid call to browse:photos/,
  );
  await assert.rejects(invokeEngine(engine, 'browse:search', ['   ', {}]), /must not be empty/);
  await assert.rejects(
    invokeEngine(engine, 'browse:similarOutside', [{ name: 'x.jpg', base64: 'not base64!' }, {}]),
    /base64/,
  );
  const page = await invokeEngine(engine, 'browse:photos', [query, 0, 5]);
  assert.equal(page.rows.length, 5);
});
