import { createEngine } from '../engine/engine';
import { Library } from '../engine/library/library';
import { openDatabase } from '../../native/sqlite';
import type { Engine } from '../engine/engine';
import { EngineClient } from '../engine/host/engine-client';
import { invokeEngine } from '../engine/contract-handlers';
import { resolveLibraryPhoto } from '../engine/media-guard';

export const wiring = (engine: Engine | null) => [
  createEngine,
  Library,
  openDatabase,
  engine,
  EngineClient,
  invokeEngine,
  resolveLibraryPhoto,
];
