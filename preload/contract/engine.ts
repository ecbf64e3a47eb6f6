// The engine itself: what it is doing, as the status bar shows it.
import type { EngineStatus } from '../contract';
import { defineService, none, returns } from './define-service';

export const engineService = defineService('engine', {
  status: {
    args: none,
    result: returns<EngineStatus>(),
    doc: 'Current engine state: model, execution provider, library size, indexing progress.',
  },
});
