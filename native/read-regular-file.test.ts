// Reading without blocking: special files are refused at once, whatever replaced a photo.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { swapForFifo } from './hostile-files.fixture';
import { readRegularFile, readsInProgress, readTimeoutMs } from './read-regular-file';

const temp = mkdtempSync(join(tmpdir(), 'facet-read-'));
after(() => rmSync(temp, { recursive: true, force: true }));

async function refusal(path: string, options = {}): Promise<{ message: string; ms: number }> {
  const started = performance.now();
  const error = await readRegularFile(path, options).then(
    () => assert.fail(`${path} was read`),
    (error: Error) => error,
  );
  return { message: error.message, ms: performance.now() - started };
}

test('a FIFO, a folder and a device are refused at once, naming the file and what it is', async () => {
  const fifo = join(temp, 'IMG_0001.jpg');
  writeFileSync(fifo, 'soon a pipe');
  await swapForFifo(fifo);
  const folder = join(temp, 'album.jpg');
  mkdirSync(folder);
  const cases = [
    [fifo, /IMG_0001\.jpg is a pipe \(FIFO\), not a regular file/],
    [folder, /album\.jpg is a folder/],
    ['/dev/zero', /zero is a device, not a regular file/],
  ] as const;
  for (const [path, expected] of cases) {
    const { message, ms } = await refusal(path, { timeoutMs: 10_000 });
    assert.match(message, expected);
    assert.ok(ms < 2_000, `${path} refused in ${ms.toFixed(0)} ms`);
  }
  assert.equal(readsInProgress(), 0, 'nothing is left waiting in the kernel');
});

test('a regular file is read whole; a missing or oversized one is refused with its name', async () => {
  const file = join(temp, 'big.bin');
  const bytes = Buffer.alloc(9 * 1024 * 1024 + 17, 7);
  writeFileSync(file, bytes);
  assert.ok((await readRegularFile(file)).equals(bytes));
  assert.match((await refusal(join(temp, 'gone.jpg'))).message, /gone\.jpg no longer exists/);
  assert.match((await refusal(file, { maxBytes: 1024 * 1024 })).message, /big\.bin is 9 MB/);
});

test('the deadline comes from FACET_READ_TIMEOUT in seconds, with a default otherwise', () => {
  assert.equal(readTimeoutMs({ FACET_READ_TIMEOUT: '2.5' }), 2_500);
  assert.equal(readTimeoutMs({ FACET_READ_TIMEOUT: 'soon' }), readTimeoutMs({}));
  assert.ok(readTimeoutMs({}) >= 5_000);
});
