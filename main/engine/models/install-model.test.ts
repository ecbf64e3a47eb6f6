import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DOWNLOADS_FOLDER, installFromCatalog, type DownloadProgress } from './install-model';
import { listInstalledModels } from './installed-models';
import { startModelServer, type ModelServer } from './model-server.fixture';

const TINY = join(import.meta.dirname, '..', '..', '..', 'assets', 'models', 'tiny-clip-shapes');
const BIG_FILE = 'textual/model.onnx';

let server: ModelServer;
let modelsDir: string;

before(async () => {
  server = await startModelServer(TINY);
});
after(async () => {
  await server.close();
});
beforeEach(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'facet-models-'));
  server.reset();
});

async function sameFiles(dir: string): Promise<void> {
  for (const [path, data] of server.files) {
    assert.ok((await readFile(join(dir, path))).equals(data), `${path} differs from the source`);
  }
}

async function installedIds(): Promise<string[]> {
  return (await listInstalledModels(modelsDir, TINY)).map((model) => model.id);
}

describe('installing a catalog model over HTTP', () => {
  test('a complete download lands in the models folder, verified, with progress up to the total', async () => {
    const progress: DownloadProgress[] = [];
    const entry = server.catalogEntry('shapes-download');
    const result = await installFromCatalog(entry, modelsDir, {
      onProgress: (p) => progress.push(p),
    });

    const total = [...server.files.values()].reduce((sum, data) => sum + data.length, 0);
    assert.equal(result.dir, join(modelsDir, 'shapes-download'));
    assert.equal(result.facts.embedDim, 64);
    await sameFiles(result.dir);
    const last = progress.at(-1);
    assert.equal(last?.done, true);
    assert.equal(last?.receivedBytes, total);
    assert.equal(last?.totalBytes, total);
    assert.ok(
      progress.every((p, i) => i === 0 || p.receivedBytes >= (progress[i - 1]?.receivedBytes ?? 0)),
    );
    assert.deepEqual(await installedIds(), ['tiny-clip-shapes', 'shapes-download']);
    assert.equal(existsSync(join(modelsDir, DOWNLOADS_FOLDER)), false, 'no staging folder is left');
  });

  test('an interrupted download resumes with a Range request and fetches only the missing bytes', async () => {
    const entry = server.catalogEntry('shapes-resumed');
    const size = server.files.get(BIG_FILE)?.length ?? 0;
    const cut = 3_000_000;
    server.cutNext(BIG_FILE, cut);

    await assert.rejects(
      installFromCatalog(entry, modelsDir),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'INTERRUPTED');
        assert.match(error.message, /textual\/model\.onnx of shapes-resumed was interrupted/);
        assert.match(error.message, /resume/);
        return true;
      },
    );
    assert.deepEqual(
      await installedIds(),
      ['tiny-clip-shapes'],
      'nothing half-installed is offered',
    );
    // What reached the disk before the cut is kept (bytes still in flight when the connection
    // dropped may be lost, so it can be a little less than the server sent).
    const partial = join(modelsDir, DOWNLOADS_FOLDER, 'shapes-resumed', `${BIG_FILE}.part`);
    const kept = (await stat(partial)).size;
    assert.ok(kept > 0 && kept <= cut, `kept ${kept} of the ${cut} bytes sent`);

    server.requests.length = 0;
    const result = await installFromCatalog(entry, modelsDir);
    await sameFiles(result.dir);
    const again = server.requests.filter((r) => r.path === BIG_FILE);
    assert.deepEqual(again, [
      { path: BIG_FILE, range: `bytes=${kept}-`, status: 206, bytesSent: size - kept },
    ]);
    const refetched = server.requests.filter((r) => r.path === 'config.json');
    assert.equal(refetched.length, 0, 'files finished on the first try are not fetched again');
  });

  test('a server without Range support makes the resumed file start over, still correct', async () => {
    const entry = server.catalogEntry('shapes-no-ranges');
    server.cutNext(BIG_FILE, 1_000_000);
    await assert.rejects(installFromCatalog(entry, modelsDir), /interrupted/);
    server.ignoreRanges(BIG_FILE);
    const result = await installFromCatalog(entry, modelsDir);
    await sameFiles(result.dir);
  });

  test('a corrupted file is rejected with a clear message and nothing is installed', async () => {
    const entry = server.catalogEntry('shapes-corrupt');
    server.corrupt('visual/model.onnx');
    await assert.rejects(
      installFromCatalog(entry, modelsDir),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'CHECKSUM');
        assert.match(
          error.message,
          /^visual\/model\.onnx of shapes-corrupt is corrupt: its SHA-256 is [0-9a-f]{64}, the catalog expects [0-9a-f]{64}\. The file was discarded and the model was not installed/,
        );
        return true;
      },
    );
    assert.deepEqual(await installedIds(), ['tiny-clip-shapes']);
    assert.equal(existsSync(join(modelsDir, 'shapes-corrupt')), false);
    const staging = join(modelsDir, DOWNLOADS_FOLDER, 'shapes-corrupt', 'visual');
    assert.equal(existsSync(join(staging, 'model.onnx')), false);
    assert.equal(existsSync(join(staging, 'model.onnx.part')), false);
  });

  test('a download the disk cannot hold is refused before any byte is fetched', async () => {
    const entry = server.catalogEntry('shapes-too-big');
    await assert.rejects(
      installFromCatalog(entry, modelsDir, { freeBytes: async () => 1_000_000 }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'DISK_FULL');
        assert.match(
          error.message,
          /Not enough disk space for shapes-too-big: it needs \d+\.\d MB more, but only 977 kB is free on the disk holding .*facet-models-\w+\.$/,
        );
        return true;
      },
    );
    assert.equal(server.requests.length, 0);
  });

  test('cancelling stops the download and leaves nothing behind', async () => {
    const entry = server.catalogEntry('shapes-cancelled');
    const controller = new AbortController();
    const install = installFromCatalog(entry, modelsDir, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.receivedBytes > 0) controller.abort();
      },
    });
    await assert.rejects(install, (error: Error & { code?: string }) => error.code === 'CANCELLED');
    assert.deepEqual(await installedIds(), ['tiny-clip-shapes']);
    assert.equal(existsSync(join(modelsDir, DOWNLOADS_FOLDER, 'shapes-cancelled')), false);
  });

  test('a model that is already installed is not downloaded again', async () => {
    const entry = server.catalogEntry('shapes-twice');
    await installFromCatalog(entry, modelsDir);
    await assert.rejects(installFromCatalog(entry, modelsDir), /shapes-twice is already installed/);
    await rm(join(modelsDir, 'shapes-twice'), { recursive: true });
  });
});
