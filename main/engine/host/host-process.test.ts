import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineStatus } from '../../../preload/contract';
import { startEngineHost, type EngineHostOptions } from './host-process';
import type { EngineClient } from './engine-client';

const FIXTURE_ENGINE = join(import.meta.dirname, 'host-process.fixture.ts');
const temps: string[] = [];
const clients: EngineClient[] = [];

after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function start(options: Partial<EngineHostOptions> = {}) {
  const libraryDir = await mkdtemp(join(tmpdir(), 'facet-host-'));
  temps.push(libraryDir);
  const logs: string[] = [];
  const statuses: EngineStatus[] = [];
  const client = startEngineHost({
    libraryDir,
    engineModule: FIXTURE_ENGINE,
    log: (line) => logs.push(line),
    ...options,
  });
  clients.push(client);
  client.on('engine:status', (status) => statuses.push(status));
  return { client, libraryDir, logs, statuses };
}

async function hostPid(client: EngineClient): Promise<number> {
  const status = await client.api.engine.status();
  return Number(/pid (\d+)/.exec(status.message ?? '')?.[1]);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startEngineHost', () => {
  it('answers engine calls and forwards the engine events', async () => {
    const { client, statuses } = await start();
    const result = await client.api.library.add(['/photos/2024']);
    assert.deepEqual(result, { added: ['/photos/2024'], refused: [], unconfirmed: [] });
    assert.deepEqual(await client.api.library.roots(), ['/photos/2024']);
    assert.equal(statuses.at(-1)?.library.roots, 1);
  });

  it('passes engine errors through with their message and code', async () => {
    const { client } = await start();
    await assert.rejects(client.api.library.search('', 10), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.deepEqual(
        { code: (error as Error & { code?: unknown }).code, message: error.message },
        { code: 'EMPTY_QUERY', message: 'Type something to search for.' },
      );
      return true;
    });
    // An error that names no code of ours still arrives with one, so every caller can branch.
    await assert.rejects(client.api.library.similar('/photos/a.jpg', 5), {
      code: 'INTERNAL',
      message: 'not supported by the test engine',
    });
  });

  it('refuses a call that is not a declared engine call', async () => {
    const { client } = await start();
    await assert.rejects(client.call('library', 'dropEverything', []), {
      message: 'Unknown engine call "library.dropEverything".',
      code: 'UNKNOWN_METHOD',
    });
    await assert.rejects(client.call('library', 'constructor', []), /Unknown engine call/);
    await assert.rejects(client.call('toString', 'call', []), /Unknown engine call/);
    // Declared, but answered by the shell or the client, never by the engine host.
    await assert.rejects(client.call('dialog', 'chooseFolders', []), /Unknown engine call/);
    await assert.rejects(client.call('library', 'repair', []), /Unknown engine call/);
    assert.deepEqual(await client.api.library.roots(), [], 'the host still answers afterwards');
  });

  it('recovers from a host crash: the pending call fails clearly and the next one works', async () => {
    const { client, logs, statuses } = await start();
    await client.api.library.add(['/photos/kept']);
    const pid = await hostPid(client);
    const ready = new Promise<void>((resolve) =>
      client.on(
        'engine:status',
        (s) => s.state === 'ready' && s.message?.includes('restarted') && resolve(),
      ),
    );

    const inFlight = client.api.library.index(['/photos/kept'], {});
    await new Promise((resolve) => setTimeout(resolve, 100)); // the request has reached the host
    process.kill(pid, 'SIGKILL');

    await assert.rejects(inFlight, {
      message: 'The engine stopped unexpectedly (killed by SIGKILL); the call was not completed.',
      code: 'ENGINE_UNAVAILABLE',
    });
    await ready;
    assert.deepEqual(await client.api.library.roots(), ['/photos/kept']);
    const newPid = await hostPid(client);
    assert.notEqual(newPid, pid);
    const restarting = statuses.findIndex((s) => s.state === 'restarting');
    const restarted = statuses.findIndex(
      (s) => s.state === 'ready' && s.message?.includes('restarted'),
    );
    assert.ok(restarting >= 0 && restarted > restarting, 'status went restarting -> ready');
    assert.ok(
      logs.some((line) => line.includes('stopped unexpectedly (killed by SIGKILL')),
      logs.join('\n'),
    );
  });

  it('keeps the last roots and counts in the restarting status after a crash', async () => {
    const { client, statuses } = await start();
    await client.api.library.add(['/photos/2023', '/photos/2024']);
    const beforeCrash = statuses.at(-1);
    assert.deepEqual(beforeCrash?.library, { roots: 2, files: 24, embedded: 20 });
    const restarting = new Promise<EngineStatus>((resolve) =>
      client.on('engine:status', (s) => s.state === 'restarting' && resolve(s)),
    );

    process.kill(await hostPid(client), 'SIGKILL');

    const status = await restarting;
    assert.deepEqual(status.library, beforeCrash?.library);
    assert.equal(status.message, 'The engine stopped unexpectedly; restarting it.');
  });

  it('reports a host that cannot start instead of hanging', async () => {
    const missing = join(tmpdir(), 'facet-no-such-engine.mjs');
    const { client } = await start({ engineModule: missing });
    const failed = new Promise<EngineStatus>((resolve) =>
      client.on('engine:status', (s) => s.state === 'error' && resolve(s)),
    );
    await assert.rejects(client.api.library.roots(), (error: Error) => {
      assert.match(error.message, /^The engine could not start: /);
      assert.match(error.message, /facet-no-such-engine/);
      return true;
    });
    assert.match(
      (await failed).message ?? '',
      /^The engine could not start: .*facet-no-such-engine/,
    );

    const notAnEngine = await start({
      engineModule: join(import.meta.dirname, '../media-guard.ts'),
    });
    await assert.rejects(notAnEngine.client.api.engine.status(), /does not export createEngine/);
  });

  it('close() closes the library and ends the host process', async () => {
    const { client, libraryDir } = await start();
    const pid = await hostPid(client);
    await client.close();
    assert.equal(isRunning(pid), false);
    assert.equal(await readFile(join(libraryDir, 'closed'), 'utf8'), String(pid));
    await assert.rejects(client.api.library.roots(), {
      message: /The engine has been closed/,
      code: 'ENGINE_UNAVAILABLE',
    });
  });

  it('fails calls still in flight when closed', async () => {
    const { client, libraryDir } = await start();
    await client.api.engine.status();
    const inFlight = assert.rejects(
      client.api.library.index([], {}),
      /closed before the call completed/,
    );
    await client.close();
    await inFlight;
    assert.ok(existsSync(join(libraryDir, 'closed')));
  });
});
