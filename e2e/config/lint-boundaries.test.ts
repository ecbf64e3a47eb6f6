// The architecture's boundaries are lint rules (eslint.config.mjs); these fixtures prove each rule
// fires where it must, and that the same code is accepted where it is allowed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

const BOUNDARY_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-syntax',
]);

/** Lints a fixture as if it lived at `asFile`; returns what the boundary rules reported. */
async function restrictedImports(fixture: string, asFile: string): Promise<string[]> {
  const code = readFileSync(join(import.meta.dirname, 'lint-fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, asFile) });
  assert.ok(result, 'ESLint returned a result');
  const other = result.messages.filter((m) => !BOUNDARY_RULES.has(m.ruleId ?? ''));
  assert.deepEqual(other, [], `${fixture} as ${asFile} has only boundary problems`);
  return result.messages.map((m) => /'([^']+)'/.exec(m.message)?.[1] ?? m.message);
}

describe('lint boundaries', () => {
  it('forbids electron in main/engine, main/cli and native', async () => {
    for (const file of [
      'main/engine/lint-probe.ts',
      'main/cli/lint-probe.ts',
      'native/lint-probe.ts',
    ]) {
      assert.deepEqual(
        await restrictedImports('imports-electron.ts', file),
        ['electron', 'electron/main'],
        file,
      );
    }
    assert.deepEqual(await restrictedImports('imports-electron.ts', 'main/app/lint-probe.ts'), []);
  });

  it('allows native addons only under native/', async () => {
    const addons = ['onnxruntime-node', 'sharp', 'better-sqlite3'];
    for (const file of [
      'main/engine/lint-probe.ts',
      'renderer/src/lint-probe.ts',
      'main/app/lint-probe.ts',
    ]) {
      assert.deepEqual(await restrictedImports('imports-native-addons.ts', file), addons, file);
    }
    assert.deepEqual(
      await restrictedImports('imports-native-addons.ts', 'native/lint-probe.ts'),
      [],
    );
  });

  it('keeps the renderer away from main/ (and electron)', async () => {
    assert.deepEqual(await restrictedImports('imports-main.ts', 'renderer/src/lint-probe.ts'), [
      '../../main/engine/engine-api',
      '../../../main/engine/media-guard',
    ]);
    const electron = await restrictedImports('imports-electron.ts', 'renderer/src/lint-probe.ts');
    assert.ok(electron.includes('electron'), electron.join(', '));
  });

  it('keeps main/engine and main/cli away from the Electron shell', async () => {
    for (const file of ['main/engine/lint-probe.ts', 'main/cli/lint-probe.ts']) {
      assert.deepEqual(
        await restrictedImports('imports-app.ts', file),
        ['../app/ipc', '../../main/app/engine-process'],
        file,
      );
    }
    assert.deepEqual(await restrictedImports('imports-app.ts', 'main/app/lint-probe.ts'), []);
  });

  it('lets main/app reach the engine only through its client, handlers and media guard', async () => {
    assert.deepEqual(
      await restrictedImports('imports-engine-internals.ts', 'main/app/lint-probe.ts'),
      ['../engine/engine', '../engine/library/library', '../../native/sqlite'],
    );
    // The same imports are the engine's own business inside main/engine.
    assert.deepEqual(
      await restrictedImports('imports-engine-internals.ts', 'main/engine/lint-probe.ts'),
      [],
    );
  });

  it('lets the renderer import preload/ for its types only', async () => {
    assert.deepEqual(
      await restrictedImports('imports-preload-values.ts', 'renderer/src/lint-probe.ts'),
      ['../../preload/contract'],
    );
    assert.deepEqual(
      await restrictedImports('imports-preload-values.ts', 'main/engine/lint-probe.ts'),
      [],
    );
  });

  it('bans raw IPC outside main/app/ipc.ts and preload/index.ts', async () => {
    const raw = ['ipcMain', 'ipcRenderer', 'webContents.send', 'webContents.send'];
    for (const file of ['main/app/lint-probe.ts', 'preload/lint-probe.ts']) {
      assert.deepEqual(await restrictedImports('raw-ipc.ts', file), raw, file);
    }
    for (const wrapper of ['main/app/ipc.ts', 'preload/index.ts']) {
      assert.deepEqual(await restrictedImports('raw-ipc.ts', wrapper), [], wrapper);
    }
  });

  it('accepts a renderer file that only uses the contract', async () => {
    assert.deepEqual(await restrictedImports('clean.ts', 'renderer/src/lint-probe.ts'), []);
    assert.deepEqual(await restrictedImports('clean.ts', 'main/engine/lint-probe.ts'), []);
  });
});
