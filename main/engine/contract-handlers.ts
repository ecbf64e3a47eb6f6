// The engine-backed half of the IPC contract: every argument from the renderer is validated here
// (it comes from a web page) before the engine sees it. Each domain defines its handlers with
// defineHandlers (define-handlers.ts) in main/engine/<domain>/handlers.ts and joins the list below.
import { z } from 'zod';
import type { CoreInvokeChannels, InvokeArgs, InvokeResult } from '../../preload/contract';
import { absolutePath, defineHandlers, type EngineInvokeChannel } from './define-handlers';
import type { EngineApi } from './engine-api';
import { engineError } from './engine-error';
import { browseHandlers } from './browse/handlers';
import { labelsHandlers } from './labels/handlers';
import { clustersHandlers } from './clusters/handlers';
import { exportHandlers } from './export/handlers';
import { modelsHandlers } from './models/handlers';
import { libraryHandlers } from './library/handlers';

const coreHandlers = defineHandlers<CoreInvokeChannels>({
  'engine:status': { args: z.tuple([]), run: (engine) => engine.getStatus() },
  'library:roots': { args: z.tuple([]), run: (engine) => engine.listRoots() },
  'library:add': {
    args: z.tuple([
      z.array(absolutePath).min(1, 'needs at least one path').max(10_000),
      z.strictObject({ confirmed: z.boolean().optional() }).optional(),
    ]),
    run: (engine, paths, options) => engine.addFolders(paths, options ?? {}),
  },
  'library:remove': {
    args: z.tuple([absolutePath]),
    run: (engine, root) => engine.removeFolder(root),
  },
});

// One line per domain; `satisfies` fails to compile while a contract channel has no handler.
const HANDLERS: Readonly<Record<string, unknown>> = Object.freeze({
  ...coreHandlers,
  ...browseHandlers,
  ...labelsHandlers,
  ...clustersHandlers,
  ...exportHandlers,
  ...modelsHandlers,
  ...libraryHandlers,
} satisfies Record<EngineInvokeChannel, unknown>);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `argument ${issue.path.join('.')}` : 'arguments';
      return `${where} ${issue.message}`;
    })
    .join('; ');
}

export function isEngineInvokeChannel(channel: string): channel is EngineInvokeChannel {
  return Object.hasOwn(HANDLERS, channel);
}

/** Validates a call from the page and runs it on the engine; invalid arguments never reach it. */
export async function invokeEngine<C extends EngineInvokeChannel>(
  engine: EngineApi,
  channel: C,
  args: unknown,
): Promise<InvokeResult<C>> {
  if (!isEngineInvokeChannel(channel))
    throw engineError('INVALID_CALL', `Unknown channel: ${String(channel)}`);
  const handler = HANDLERS[channel] as unknown as {
    args: z.ZodType<InvokeArgs<C>>;
    run: (engine: EngineApi, ...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
  };
  const parsed = handler.args.safeParse(args);
  if (!parsed.success)
    throw engineError(
      'INVALID_CALL',
      `Invalid call to ${channel}: ${describeIssues(parsed.error)}.`,
    );
  return handler.run(engine, ...parsed.data);
}

/** The engine channels the shell registers, in contract order. */
export const ENGINE_INVOKE_CHANNELS = Object.keys(HANDLERS) as EngineInvokeChannel[];
