import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { downloadToPartial } from './download-file';
import { startModelServer, type ModelServer } from './model-server.fixture';

const TINY = join(import.meta.dirname, '..', '..', '..', 'assets', 'models', 'tiny-clip-shapes');
let server: ModelServer;

before(async () => {
  server = await startModelServer(TINY);
});
after(() => server.close());

test(
  'a full disk is reported as such, with what to do',
  { skip: existsSync('/dev/full') ? false : 'no /dev/full on this system' },
  async () => {
    // Writes to /dev/full fail with ENOSPC, exactly as on a full disk.
    await assert.rejects(
      downloadToPartial({
        url: `${server.url}/files/textual/model.onnx`,
        partial: '/dev/full',
        label: 'textual/model.onnx of shapes',
      }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'DISK_FULL');
        assert.match(
          error.message,
          /^The disk is full: textual\/model\.onnx of shapes could not be written to \/dev\/full\. Free some space and install again; the download resumes where it stopped\.$/,
        );
        return true;
      },
    );
  },
);

test('a missing file on the server is named with the status the server gave', async () => {
  await assert.rejects(
    downloadToPartial({
      url: `${server.url}/files/visual/missing.onnx`,
      partial: join(import.meta.dirname, 'never-written.part'),
      label: 'visual/missing.onnx of shapes',
    }),
    /The server answered 404 Not Found for visual\/missing\.onnx of shapes \(http:\/\/127\.0\.0\.1:\d+\/files\/visual\/missing\.onnx\)\.$/,
  );
  assert.equal(existsSync(join(import.meta.dirname, 'never-written.part')), false);
});
