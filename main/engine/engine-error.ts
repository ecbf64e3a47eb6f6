// Errors the caller can act on carry a code, so the command line (its exit status) and the app tell
// them apart without reading the message. The codes are the contract's (preload/contract/errors.ts).
import type { CallError, CallOutcome, ErrorCode } from '../../preload/contract/errors';

export type EngineErrorCode = ErrorCode;

// Every code once, as a value: a code read off an unknown error is checked against it.
const ERROR_CODES = Object.freeze({
  BAD_PATH: true,
  BAD_ARGUMENT: true,
  BAD_LABEL_EDIT: true,
  BAD_LABEL_SET: true,
  EMPTY_QUERY: true,
  UNREADABLE: true,
  NOT_FOUND: true,
  NOT_INDEXED: true,
  LABEL_EXISTS: true,
  LABEL_SET_EXISTS: true,
  UNKNOWN_MODEL: true,
  ALREADY_INSTALLED: true,
  NOT_DOWNLOADABLE: true,
  BUSY: true,
  DISK_FULL: true,
  MODEL_PACKAGE: true,
  MODEL_LOAD: true,
  DEVICE: true,
  LIBRARY_UNAVAILABLE: true,
  LIBRARY_TOO_NEW: true,
  LIBRARY_DAMAGED: true,
  LIBRARY_READ_ONLY: true,
  NEEDS_CONFIRMATION: true,
  UNKNOWN_METHOD: true,
  INVALID_CALL: true,
  NOT_ALLOWED: true,
  ENGINE_UNAVAILABLE: true,
  INTERNAL: true,
} satisfies Record<ErrorCode, true>);

export type EngineError = Error & { readonly code: EngineErrorCode };

/** A new error with its code. */
export function engineError(code: EngineErrorCode, message: string): EngineError {
  return Object.assign(new Error(message), { code });
}

/** The error (made an Error if it is not one) with a code, keeping any code it already has. */
export function withCode(error: unknown, code: EngineErrorCode): Error {
  const wrapped = error instanceof Error ? error : new Error(String(error));
  return Object.assign(wrapped, { code: (wrapped as { code?: unknown }).code ?? code });
}

/** The code an error carries, if it carries a string one (engine codes and Node's alike). */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** Any thrown value as it crosses a boundary: its code if it is one of ours, else INTERNAL. */
export function callError(error: unknown): CallError {
  const code = errorCode(error);
  return {
    code: isErrorCode(code) ? code : 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}

/** The error a CallError stands for, on the side that receives it (a client, the CLI). */
export function errorFromCall(error: CallError): EngineError {
  return engineError(error.code, error.message);
}

/** Runs one call for a boundary that must answer with data: its result, or why it failed. */
export async function callOutcome<T>(work: () => Promise<T>): Promise<CallOutcome<T>> {
  try {
    return { ok: true, result: await work() };
  } catch (error) {
    return { ok: false, error: callError(error) };
  }
}
