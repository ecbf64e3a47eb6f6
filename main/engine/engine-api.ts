// The engine's interface, derived from the declarations (preload/contract/<domain>.ts): one object
// per domain, one async method per call the engine answers, `engine.library.folders()`. The host
// process answers exactly these calls over protocol.ts; Electron main, the CLI and the tests make
// them through EngineClient.
import type { EventChannels } from '../../preload/contract';
import type { EngineCallName, ServiceApi } from '../../preload/contract/define-service';
import { DECLARED_CALLS, type Service } from '../../preload/contract/services';

export type {
  Device,
  IndexOptions,
  IndexReport,
  LibraryStatusReport,
  SearchResult,
  TagOptions,
  TagReport,
} from '../../preload/contract/library';

/** Every domain with calls the engine answers (dialogs and the file manager are the shell's). */
export type EngineApi = {
  readonly [
    S in Service as [EngineCallName<S>] extends [never] ? never : S['domain']
  ]: ServiceApi<S>;
};

/** Events the host pushes to its client: the contract's push channels, forwarded as they are. */
export type EngineEvents = EventChannels;

type Call = (...args: never[]) => Promise<unknown>;

/** The calls the engine host answers: every declared call the shell or the client does not. */
export const ENGINE_CALLS = Object.freeze(
  DECLARED_CALLS.filter((call) => call.answeredBy === 'engine'),
);

const ANSWERED = new Set(ENGINE_CALLS.map((call) => call.channel));

/** Whether the engine answers `domain.name` (a declared engine call, never an inherited name). */
export function isEngineCall(domain: string, name: string): boolean {
  return ANSWERED.has(`${domain}:${name}`);
}

/** An EngineApi whose every call is `answer(domain, name)`: the client's proxy, test engines. */
export function engineOf(
  answer: (domain: string, name: string) => (...args: never[]) => Promise<unknown>,
): EngineApi {
  const api: Record<string, Record<string, Call>> = {};
  for (const { domain, name } of ENGINE_CALLS) (api[domain] ??= {})[name] = answer(domain, name);
  return api as unknown as EngineApi;
}

/** The engine calls of `service`, bound to the object that implements them. */
export function bindCalls<S extends Service>(
  declaration: S,
  implementation: ServiceApi<S>,
): ServiceApi<S> {
  const bound: Record<string, Call> = {};
  for (const { domain, name } of ENGINE_CALLS) {
    if (domain !== declaration.domain) continue;
    const method = (implementation as unknown as Record<string, Call>)[name];
    if (method === undefined) throw new Error(`${domain}.${name} is not implemented.`);
    bound[name] = method.bind(implementation);
  }
  return bound as unknown as ServiceApi<S>;
}
