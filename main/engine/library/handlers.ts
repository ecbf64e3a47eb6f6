// The library channels' arguments, checked before the engine sees them.
import { z } from 'zod';
import type { LibraryInvokeChannels } from '../../../preload/contract/library';
import { defineHandlers } from '../define-handlers';

export const libraryHandlers = defineHandlers<LibraryInvokeChannels>({
  'library:folders': { args: z.tuple([]), run: (engine) => engine.listFolders() },
  'library:pause-index': { args: z.tuple([]), run: (engine) => engine.pauseIndex() },
  'library:resume-index': { args: z.tuple([]), run: (engine) => engine.resumeIndex() },
  'library:cancel-index': { args: z.tuple([]), run: (engine) => engine.cancelIndex() },
  'library:index-state': { args: z.tuple([]), run: (engine) => engine.indexState() },
  'library:problems': { args: z.tuple([]), run: (engine) => engine.listProblems() },
  'library:retry-problem': {
    args: z.tuple([z.string().min(1).max(4096)]),
    run: (engine, path) => engine.retryProblem(path),
  },
  'library:watch': { args: z.tuple([]), run: (engine) => engine.watchFolders() },
});
