import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { EngineStatus } from '../../preload/contract';
import { ENGINE_METHODS, type CoreApi, type EngineApi } from './engine-api';
import { invokeEngine, isEngineInvokeChannel } from './contract-handlers';

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
  const unused = () => Promise.reject(new Error('not part of this test'));
  const others = Object.fromEntries(ENGINE_METHODS.map((method) => [method, unused]));
  const core: CoreApi = {
    getStatus: async () => (
      calls.push('getStatus'),
      { ...status, library: { ...status.library, roots: roots.length } }
    ),
    listRoots: async () => (calls.push('listRoots'), [...roots]),
    addFolders: async (paths) => {
      calls.push('addFolders');
      roots.push(...paths);
      return { added: [...paths], refused: [], unconfirmed: [] };
    },
    removeFolder: async (root) => {
      calls.push('removeFolder');
      roots.splice(roots.indexOf(root), 1);
    },
    libraryStatus: unused,
    index: unused,
    tag: unused,
    search: unused,
    similar: unused,
  };
  return { ...(others as unknown as EngineApi), ...core, calls };
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
    assert.equal(isEngineInvokeChannel('dialog:choose-folders'), false);
    // The engine cannot repair the library it refuses to open: its client answers that one.
    assert.equal(isEngineInvokeChannel('library:repair'), false);
    assert.equal(isEngineInvokeChannel('toString'), false);
  });
});
