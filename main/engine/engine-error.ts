// Errors the caller can act on carry a code, so the command line (its exit status) and the app tell
// them apart without reading the message.

/** Every code an engine error can carry: a typo here fails to compile. */
export type EngineErrorCode =
  | 'BAD_PATH'
  | 'BAD_ARGUMENT'
  | 'BAD_LABEL_EDIT'
  | 'BAD_LABEL_SET'
  | 'EMPTY_QUERY'
  | 'UNREADABLE'
  | 'NOT_FOUND'
  | 'NOT_INDEXED'
  | 'LABEL_EXISTS'
  | 'LABEL_SET_EXISTS'
  | 'UNKNOWN_MODEL'
  | 'ALREADY_INSTALLED'
  | 'NOT_DOWNLOADABLE'
  | 'BUSY'
  | 'DISK_FULL'
  | 'NEEDS_CONFIRMATION'
  | 'MODEL_PACKAGE'
  | 'MODEL_LOAD'
  | 'DEVICE'
  | 'LIBRARY_UNAVAILABLE'
  | 'LIBRARY_TOO_NEW'
  | 'LIBRARY_DAMAGED'
  | 'UNKNOWN_METHOD';

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
