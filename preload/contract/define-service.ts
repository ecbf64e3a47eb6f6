// How a domain declares its calls, once: name, argument schema, result type, one doc line. The
// channel names and types, main's validation, the engine host's dispatch, the engine client and
// the renderer's `facet.<domain>.<name>(...)` are all derived from these declarations.
// Shared by main and the renderer's types: nothing here may need Node (no node:path).
import { z } from 'zod';

declare const RESULT: unique symbol;
/** A call's result type: a type only, nothing at run time (the engine's answers are trusted). */
export interface Returns<T> {
  readonly [RESULT]?: T;
}

/** Marks the result type of a call: `result: returns<PhotoPage>()`. */
export function returns<T>(): Returns<T> {
  return {};
}

/** Who answers a call: the engine (default), the Electron shell (dialogs, the file manager), or
 * the engine's client (calls that restart the engine itself, such as repair). */
export type AnsweredBy = 'engine' | 'shell' | 'client';

export interface CallDeclaration {
  /** The arguments as a tuple schema: the page's arguments are parsed with it before any work. */
  readonly args: z.ZodType<readonly unknown[]>;
  readonly result: Returns<unknown>;
  readonly doc: string;
  readonly answeredBy?: AnsweredBy;
  /** false: the command line and main call it, the page cannot (no channel is answered). */
  readonly renderer?: false;
}

export interface ServiceDeclaration<
  D extends string = string,
  C extends Record<string, CallDeclaration> = Record<string, CallDeclaration>,
> {
  readonly domain: D;
  readonly calls: C;
}

export function defineService<
  const D extends string,
  const C extends Record<string, CallDeclaration>,
>(domain: D, calls: C): ServiceDeclaration<D, C> {
  return Object.freeze({ domain, calls: Object.freeze(calls) });
}

/** Arrays the caller holds may be readonly: the call only reads them. */
type Loose<T> = T extends readonly (infer E)[]
  ? number extends T['length']
    ? readonly Loose<E>[]
    : { readonly [K in keyof T]: Loose<T[K]> }
  : T extends object
    ? { readonly [K in keyof T]: Loose<T[K]> }
    : T;

/** What a caller passes. */
export type ArgsOf<C extends CallDeclaration> =
  Loose<z.input<C['args']>> extends infer A extends readonly unknown[] ? A : never;
export type ResultOf<C extends CallDeclaration> = C['result'] extends Returns<infer R> ? R : never;

type CallsWhere<S extends ServiceDeclaration, Where> = {
  [K in keyof S['calls']]: S['calls'][K] extends Where ? K : never;
}[keyof S['calls']] &
  string;

/** Calls the engine answers (the page's, and those only the command line and main make). */
export type EngineCallName<S extends ServiceDeclaration> = Exclude<
  keyof S['calls'] & string,
  CallsWhere<S, { readonly answeredBy: 'shell' | 'client' }>
>;
/** Calls the page may make, whoever answers them. */
export type PageCallName<S extends ServiceDeclaration> = Exclude<
  keyof S['calls'] & string,
  CallsWhere<S, { readonly renderer: false }>
>;

type AnsweredByOf<Call> = Call extends { readonly answeredBy: infer A } ? A : 'engine';

/** The channel names of a domain's page calls that `A` answers. */
export type PageChannelName<S extends ServiceDeclaration, A extends AnsweredBy> = {
  [K in PageCallName<S>]: AnsweredByOf<S['calls'][K]> extends A ? `${S['domain']}:${K}` : never;
}[PageCallName<S>];

/** What a domain's engine service implements: one async method per engine call, named as declared. */
export type ServiceApi<S extends ServiceDeclaration> = {
  readonly [K in EngineCallName<S>]: (
    ...args: ArgsOf<S['calls'][K]>
  ) => Promise<ResultOf<S['calls'][K]>>;
};

/** The page's channels of a domain: `<domain>:<name>` to the call's signature. */
export type PageChannels<S extends ServiceDeclaration> = {
  [K in PageCallName<S> as `${S['domain']}:${K}`]: (
    ...args: ArgsOf<S['calls'][K]>
  ) => ResultOf<S['calls'][K]>;
};

/** An id from the page (a photo, a label set, a cluster): a whole number above 0. */
export const recordId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

// POSIX `/…`, Windows `C:\…` or `C:/…`, and UNC `\\server\share`: the same test on every
// platform, because the declarations are shared with the page (no node:path there).
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

/** An absolute path from the page: never empty, never NUL, bounded. */
export const absolutePath = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .refine((path) => !path.includes('\0'), 'must not contain NUL characters')
  .refine((path) => ABSOLUTE.test(path), 'must be an absolute path');

/** No arguments. */
export const none = z.tuple([]);
