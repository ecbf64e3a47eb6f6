// How a domain declares its IPC handlers: a zod schema and an engine call per contract channel.
// Kept apart from contract-handlers.ts, which imports every domain's handlers.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { InvokeChannel } from '../../preload/contract';
import type { TagState } from '../../preload/contract/labels';
import type { EngineApi } from './engine-api';

/** Channels that need a window or the desktop (dialogs, the file manager): the shell answers them. */
export type ShellChannel = Extract<InvokeChannel, `dialog:${string}` | `shell:${string}`>;
/** Channels that restart the engine itself: answered by its client (host/repair-channel.ts). */
export type ClientChannel = Extract<InvokeChannel, 'library:repair'>;
export type EngineInvokeChannel = Exclude<InvokeChannel, ShellChannel | ClientChannel>;

type Handler<Channels, C extends keyof Channels> = Channels[C] extends (...args: infer A) => infer R
  ? {
      /** The arguments as the renderer must send them. */
      readonly args: z.ZodType<A>;
      readonly run: (engine: EngineApi, ...args: A) => Promise<R>;
    }
  : never;

/** One domain's handlers: a zod schema and an engine call per channel, checked against the contract. */
export function defineHandlers<Channels>(handlers: {
  readonly [C in Exclude<keyof Channels, ShellChannel | ClientChannel>]: Handler<Channels, C>;
}): typeof handlers {
  return handlers;
}

/** An id from the page (a photo, a label set, a cluster): a whole number above 0. */
export const recordId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** An absolute path from the page: never empty, never NUL, bounded. */
export const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .refine((path) => !path.includes('\0'), 'must not contain NUL characters')
  .refine((path) => isAbsolute(path), 'must be an absolute path');

/** How a photo's tag stands: suggested by the model, or confirmed or rejected by the user. */
export const tagState = z.enum([
  'suggested',
  'confirmed',
  'rejected',
]) satisfies z.ZodType<TagState>;
