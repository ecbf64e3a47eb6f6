import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { EngineStatus } from '../../preload/contract';
import { engineOf, type EngineApi } from './engine-api';
import { checkedArgs, invokeEngine, isEngineInvokeChannel } from './contract-handlers';

const SHAPES = join(import.meta.dirname, '../../e2e/fixtures/shapes');

/** A library that only remembers its roots: enough to see which calls reach the engine. */
function rootsOnlyEngine(): EngineApi & { calls: string[] } {
  const roots: string[] = [];
  const calls: string[] = [];
  const status: EngineStatus = {
    state: 'ready',
    message: null,
    model: null,
    device: null,
    library: { roots: 0, files: 0, embedded: 0 },
    progress: null,
  };
  const others = engineOf(() => () => Promise.reject(new Error('not part of this test')));
  return {
    ...others,
    engine: {
      status: async () => (
        calls.push('engine.status'),
        { ...status, library: { ...status.library, roots: roots.length } }
      ),
    },
    library: {
      ...others.library,
      roots: async () => (calls.push('library.roots'), [...roots]),
      add: async (paths) => {
        calls.push('library.add');
        roots.push(...paths);
        return { added: [...paths], refused: [], unconfirmed: [] };
      },
      remove: async (root) => {
        calls.push('library.remove');
        roots.splice(roots.indexOf(root), 1);
      },
    },
    calls,
  };
}

describe('invokeEngine', () => {
  it('passes valid calls to the engine and returns its answers', async () => {
    const engine = rootsOnlyEngine();
    const added = await invokeEngine(engine, 'library:add', [[SHAPES]]);
    assert.deepEqual(added, { added: [SHAPES], refused: [], unconfirmed: [] });
    assert.deepEqual(await invokeEngine(engine, 'library:roots', []), [SHAPES]);
    assert.equal((await invokeEngine(engine, 'engine:status', [])).library.roots, 1);
    await invokeEngine(engine, 'library:remove', [SHAPES]);
    assert.deepEqual(await invokeEngine(engine, 'library:roots', []), []);
  });

  it('refuses invalid arguments with a message naming the channel and the problem', async () => {
    const engine = rootsOnlyEngine();
    await assert.rejects(invokeEngine(engine, 'library:add', ['not-an-array']), {
      code: 'INVALID_CALL',
      message: /^Invalid call to library:add: argument 0 .*array/,
    });
    await assert.rejects(invokeEngine(engine, 'library:add', [['relative/folder']]), {
      message: 'Invalid call to library:add: argument 0.0 must be an absolute path.',
    });
    await assert.rejects(invokeEngine(engine, 'library:add', [[]]), {
      message: 'Invalid call to library:add: argument 0 needs at least one path.',
    });
    await assert.rejects(
      invokeEngine(engine, 'library:remove', [42]),
      /Invalid call to library:remove/,
    );
    await assert.rejects(invokeEngine(engine, 'library:remove', [`${SHAPES}\0x`]), /NUL/);
    await assert.rejects(
      invokeEngine(engine, 'engine:status', ['extra']),
      /Invalid call to engine:status/,
    );
    await assert.rejects(
      invokeEngine(engine, 'library:remove', [SHAPES, SHAPES]),
      /Invalid call to library:remove/,
    );
    assert.deepEqual(engine.calls, [], 'no invalid call reached the engine');
  });

  it('knows which channels the engine answers', () => {
    assert.equal(isEngineInvokeChannel('library:add'), true);
    assert.equal(isEngineInvokeChannel('dialog:chooseFolders'), false);
    // The engine cannot repair the library it refuses to open: its client answers that one.
    assert.equal(isEngineInvokeChannel('library:repair'), false);
    assert.equal(isEngineInvokeChannel('toString'), false);
    // Declared for the command line only: the page has no channel for it.
    assert.equal(isEngineInvokeChannel('library:index'), false);
    assert.throws(() => checkedArgs('library:index' as 'library:add', [[SHAPES], {}]), {
      code: 'INVALID_CALL',
      message: 'Unknown channel: library:index',
    });
  });

  it("checks the shell's calls against their declarations too", () => {
    assert.deepEqual(checkedArgs('dialog:chooseFolders', []), []);
    assert.throws(() => checkedArgs('dialog:chooseFolders', ['/tmp']), {
      code: 'INVALID_CALL',
      message: /^Invalid call to dialog:chooseFolders/,
    });
    assert.throws(() => checkedArgs('shell:openPath', [42]), {
      code: 'INVALID_CALL',
      message: /^Invalid call to shell:openPath: argument 0/,
    });
  });

  it('accepts absolute paths of every platform and refuses relative ones', () => {
    for (const path of ['/photos', 'C:\\Photos', 'D:/Photos', '\\\\nas\\photos'])
      assert.deepEqual(checkedArgs('library:remove', [path]), [path]);
    for (const path of ['photos', './photos', 'C:photos', '\\photos'])
      assert.throws(() => checkedArgs('library:remove', [path]), /must be an absolute path/);
  });
});
