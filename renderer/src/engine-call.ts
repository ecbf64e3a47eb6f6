// The renderer's one way to call the engine: `facet.browse.photos(query)`, typed from the calls'
// declarations (preload/contract/<domain>.ts). window.facet resolves every call to an outcome and
// never rejects (see preload/contract/errors.ts for why a refusal crosses the bridge as data);
// here it becomes the result, or a thrown FacetError that keeps the code.
import type { ErrorCode, FacetCalls, InvokeChannel } from '../../preload/contract';

/** A call the engine, main or the bridge refused, with the reason's code. */
export class FacetError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'FacetError';
    this.code = code;
  }
}

async function call(channel: string, args: readonly unknown[]): Promise<unknown> {
  const invoke = window.facet.invoke as (
    channel: InvokeChannel,
    ...args: readonly unknown[]
  ) => ReturnType<typeof window.facet.invoke>;
  const outcome = await invoke(channel as InvokeChannel, ...args);
  if (outcome.ok) return outcome.result;
  throw new FacetError(outcome.error.code, outcome.error.message);
}

// A proxy needs no list of calls at run time: the renderer imports the contract as types only,
// and main refuses any channel that is not declared.
function domain(name: string): Record<string, (...args: unknown[]) => Promise<unknown>> {
  return new Proxy(
    {},
    {
      get: (_target, call_) =>
        typeof call_ === 'string' && call_ !== 'then'
          ? (...args: unknown[]) => call(`${name}:${call_}`, args)
          : undefined,
    },
  );
}

const domains = new Map<string, ReturnType<typeof domain>>();

/** The engine's calls by domain: `await facet.library.folders()`. */
export const facet: FacetCalls = new Proxy({} as FacetCalls, {
  get: (_target, name) => {
    if (typeof name !== 'string' || name === 'then') return undefined;
    let calls = domains.get(name);
    if (calls === undefined) domains.set(name, (calls = domain(name)));
    return calls;
  },
});
