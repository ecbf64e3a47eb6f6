// The one place a failure becomes the words the user reads. The engine's refusals are already
// written for the user; the codes below come from the plumbing and get words of their own.
import type { ErrorCode } from '../../preload/contract';
import { FacetError } from './engine-call';

const A_BUG = 'Facet sent a request that its engine does not accept. This is a bug in Facet.';

const WORDS: Partial<Record<ErrorCode, (message: string) => string>> = {
  INVALID_CALL: () => A_BUG,
  UNKNOWN_METHOD: () => A_BUG,
  NOT_ALLOWED: () => 'Facet does that only for its own window and the photos of your library.',
  INTERNAL: (message) => `Something went wrong: ${message}`,
};

export function userMessage(error: unknown): string {
  if (error instanceof FacetError) return WORDS[error.code]?.(error.message) ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
