// Validation of the Models screen's calls before the engine sees them.
import { z } from 'zod';
import type { ModelsInvokeChannels } from '../../../preload/contract/models';
import { absolutePath, defineHandlers } from '../define-handlers';

/** A catalog or installed model's name: a plain folder name. */
const modelName = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'is too long')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a model name');

export const modelsHandlers = defineHandlers<ModelsInvokeChannels>({
  'models:overview': { args: z.tuple([]), run: (engine) => engine.modelsOverview() },
  'models:install': {
    args: z.tuple([modelName]),
    run: (engine, name) => engine.installModel(name),
  },
  'models:cancel': {
    args: z.tuple([modelName]),
    run: (engine, name) => engine.cancelModelInstall(name),
  },
  'models:import': { args: z.tuple([absolutePath]), run: (engine, dir) => engine.importModel(dir) },
  'models:use': { args: z.tuple([modelName]), run: (engine, id) => engine.useModel(id) },
  'models:dismiss-welcome': { args: z.tuple([]), run: (engine) => engine.dismissModelWelcome() },
});
