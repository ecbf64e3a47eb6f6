// Why a call failed, as it crosses every boundary (host protocol, Electron IPC, browser bridge):
// a code the app can act on beside the engine's own words. Errors lose their properties at
// Electron's IPC and contextBridge, so a refused call travels as data, never as a thrown Error.

/** Every reason a call can be refused: a typo in a code fails to compile. */
export type ErrorCode =
  // the engine's refusals, in words written for the user
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
  | 'MODEL_PACKAGE'
  | 'MODEL_LOAD'
  | 'DEVICE'
  | 'LIBRARY_UNAVAILABLE'
  | 'LIBRARY_TOO_NEW'
  | 'LIBRARY_DAMAGED'
  | 'LIBRARY_READ_ONLY'
  | 'NEEDS_CONFIRMATION'
  // the boundaries' own: a call the contract does not allow, from a page it does not answer,
  // while the engine is not running, or a failure nobody gave a reason for
  | 'UNKNOWN_METHOD'
  | 'INVALID_CALL'
  | 'NOT_ALLOWED'
  | 'ENGINE_UNAVAILABLE'
  | 'INTERNAL';

/** A refused call as it travels: plain data, so every boundary copies it whole. */
export interface CallError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** What `facet.invoke` resolves to: the result, or why there is none. */
export type CallOutcome<T> =
  { readonly ok: true; readonly result: T } | { readonly ok: false; readonly error: CallError };
