// The renderer's one way to call a channel: the outcome window.facet resolves to, turned back
// into a result or a thrown FacetError that keeps the code (window.facet never rejects; see
// preload/contract/errors.ts for why a refusal crosses the bridge as data).
import type { ErrorCode, InvokeArgs, InvokeChannel, InvokeResult } from '../../preload/contract';

/** A call the engine, main or the bridge refused, with the reason's code. */
export class FacetError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'FacetError';
    this.code = code;
  }
}

export async function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: InvokeArgs<C>
): Promise<InvokeResult<C>> {
  const outcome = await window.facet.invoke(channel, ...args);
  if (outcome.ok) return outcome.result;
  throw new FacetError(outcome.error.code, outcome.error.message);
}
