// The engine-backed half of the IPC contract: every argument from the renderer is validated here
// (it comes from a web page) before the engine sees it.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { InvokeChannel, InvokeResult } from '../../preload/contract';
import type { EngineApi } from './engine-api';

/** Channels answered by the engine; 'dialog:choose-folders' needs a window, so the shell answers it. */
export type EngineInvokeChannel = Exclude<InvokeChannel, 'dialog:choose-folders'>;

export type InvokeHandlers = {
  readonly [C in EngineInvokeChannel]: (args: readonly unknown[]) => Promise<InvokeResult<C>>;
};

const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .refine((path) => !path.includes('\0'), 'must not contain NUL characters')
  .refine((path) => isAbsolute(path), 'must be an absolute path');

const ARGUMENTS = {
  'engine:status': z.tuple([]),
  'library:roots': z.tuple([]),
  'library:add': z.tuple([z.array(absolutePath).min(1, 'needs at least one path').max(10_000)]),
  'library:remove': z.tuple([absolutePath]),
} satisfies Record<EngineInvokeChannel, z.ZodType>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `argument ${issue.path.join('.')}` : 'arguments';
      return `${where} ${issue.message}`;
    })
    .join('; ');
}

function parse<C extends EngineInvokeChannel>(
  channel: C,
  args: readonly unknown[],
): z.infer<(typeof ARGUMENTS)[C]> {
  const result = ARGUMENTS[channel].safeParse(args);
  if (!result.success) {
    throw new TypeError(`Invalid call to ${channel}: ${describeIssues(result.error)}.`);
  }
  return result.data as z.infer<(typeof ARGUMENTS)[C]>;
}

export function createInvokeHandlers(engine: EngineApi): InvokeHandlers {
  return {
    'engine:status': async (args) => {
      parse('engine:status', args);
      return engine.getStatus();
    },
    'library:roots': async (args) => {
      parse('library:roots', args);
      return engine.listRoots();
    },
    'library:add': async (args) => {
      const [paths] = parse('library:add', args);
      return engine.addFolders(paths);
    },
    'library:remove': async (args) => {
      const [root] = parse('library:remove', args);
      return engine.removeFolder(root);
    },
  };
}

export function isEngineInvokeChannel(channel: string): channel is EngineInvokeChannel {
  return Object.hasOwn(ARGUMENTS, channel);
}
