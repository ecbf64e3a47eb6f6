// No engine host outlives the process that started it: a host stuck on a file that never answers
// is ended after the grace period, by itself or by its parent's SIGKILL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startEngineHost } from './host-process';
import { KILL_AFTER_MS, terminate } from './shutdown-grace';

const STUCK_ENGINE = join(import.meta.dirname, 'stuck-host.fixture.ts');
const temps: string[] = [];
after(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stuckHost(closeHangs: boolean) {
  const libraryDir = await mkdtemp(join(tmpdir(), 'facet-stuck-'));
  temps.push(libraryDir);
  execFileSync('mkfifo', [join(libraryDir, 'fifo')]);
  if (closeHangs) await writeFile(join(libraryDir, 'close-hangs'), '');
  const client = startEngineHost({ libraryDir, engineModule: STUCK_ENGINE, log: () => {} });
  const status = await client.api.engine.status();
  const pid = Number(/pid (\d+)/.exec(status.message ?? '')?.[1]);
  const index = client.api.library.index([libraryDir], {}).catch((error: Error) => error.message);
  await new Promise((resolve) => setTimeout(resolve, 300)); // the open is now stuck in the kernel
  return { client, pid, index };
}

test('a host with a read stuck in the kernel exits when closed, though exit() would hang', async () => {
  const { client, pid, index } = await stuckHost(false);
  const started = performance.now();
  await client.close();
  const waited = performance.now() - started;
  assert.equal(alive(pid), false, 'the host is gone');
  assert.ok(waited < KILL_AFTER_MS + 1_500, `closed in ${waited.toFixed(0)} ms`);
  assert.match(String(await index), /closed before the call completed/);
});

test('a host whose close never finishes is gone within the grace period', async () => {
  const { client, pid } = await stuckHost(true);
  const started = performance.now();
  await client.close();
  const waited = performance.now() - started;
  assert.equal(alive(pid), false, `the host is gone after ${waited.toFixed(0)} ms`);
  assert.ok(waited < KILL_AFTER_MS + 1_500);
});

test('a child that ignores SIGTERM gets SIGKILL after the grace period', async () => {
  const child = spawn(process.execPath, [
    '-e',
    "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000); process.send?.('');",
  ]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  terminate(child, 500);
  assert.equal(await exited, 'SIGKILL');
});
