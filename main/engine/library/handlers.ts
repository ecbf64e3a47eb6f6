// The library channels' arguments, checked before the engine sees them: none of them takes any.
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
  'library:watch': { args: z.tuple([]), run: (engine) => engine.watchFolders() },
});
