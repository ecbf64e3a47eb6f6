// Every call from the page is checked here against its declaration (preload/contract/<domain>.ts)
// before anything answers it: the arguments come from a web page. Engine calls then run on the
// engine; the shell's and the client's are answered by their callers with the checked arguments.
import type { z } from 'zod';
import type { InvokeArgs, InvokeChannel, InvokeResult } from '../../preload/contract';
import type {
  AnsweredBy,
  PageChannelName,
  ServiceDeclaration,
} from '../../preload/contract/define-service';
import { DECLARED_CALLS, declaredCall, type Service } from '../../preload/contract/services';
import type { EngineApi } from './engine-api';
import { engineError } from './engine-error';

/** The page's channels that `A` answers. */
type ChannelAnsweredBy<
  A extends AnsweredBy,
  S extends ServiceDeclaration = Service,
> = S extends ServiceDeclaration ? PageChannelName<S, A> : never;

/** Channels the engine answers. */
export type EngineInvokeChannel = ChannelAnsweredBy<'engine'>;
/** Channels that need a window or the desktop (dialogs, the file manager): the shell answers them. */
export type ShellChannel = ChannelAnsweredBy<'shell'>;
/** Channels that restart the engine itself: answered by its client (repair-channel.ts). */
export type ClientChannel = ChannelAnsweredBy<'client'>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `argument ${issue.path.join('.')}` : 'arguments';
      return `${where} ${issue.message}`;
    })
    .join('; ');
}

/** The page's channels `answeredBy` answers, in declaration order. */
export function pageChannels<A extends AnsweredBy>(answeredBy: A): ChannelAnsweredBy<A>[] {
  return DECLARED_CALLS.filter((call) => call.fromPage && call.answeredBy === answeredBy).map(
    (call) => call.channel as ChannelAnsweredBy<A>,
  );
}

export function isEngineInvokeChannel(channel: string): channel is EngineInvokeChannel {
  const call = declaredCall(channel);
  return call !== undefined && call.fromPage && call.answeredBy === 'engine';
}

/** The page's arguments for `channel`, checked against its declaration; refused with INVALID_CALL. */
export function checkedArgs<C extends InvokeChannel>(channel: C, args: unknown): InvokeArgs<C> {
  const call = declaredCall(channel);
  if (call === undefined || !call.fromPage)
    throw engineError('INVALID_CALL', `Unknown channel: ${String(channel)}`);
  const parsed = call.declaration.args.safeParse(args);
  if (!parsed.success)
    throw engineError(
      'INVALID_CALL',
      `Invalid call to ${channel}: ${describeIssues(parsed.error)}.`,
    );
  return parsed.data as InvokeArgs<C>;
}

/** Validates a call from the page and runs it on the engine; invalid arguments never reach it. */
export async function invokeEngine<C extends EngineInvokeChannel>(
  engine: EngineApi,
  channel: C,
  args: unknown,
): Promise<InvokeResult<C>> {
  if (!isEngineInvokeChannel(channel))
    throw engineError('INVALID_CALL', `Unknown channel: ${String(channel)}`);
  const checked = checkedArgs(channel, args);
  const { domain, name } = declaredCall(channel) as { domain: string; name: string };
  const service = engine[domain as keyof EngineApi] as unknown as Record<
    string,
    (...a: readonly unknown[]) => Promise<InvokeResult<C>>
  >;
  return (service[name] as (...a: readonly unknown[]) => Promise<InvokeResult<C>>).apply(
    service,
    checked,
  );
}

/** The engine channels the shell registers, in declaration order. */
export const ENGINE_INVOKE_CHANNELS = pageChannels('engine');
