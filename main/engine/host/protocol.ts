// The message protocol between an engine client (Electron main, the CLI, the test harness) and
// the engine host process. Tagged unions with sequence numbers, so every reply finds its call.
import type { CallError } from '../../../preload/contract/errors';

/** A call from the client: `domain` and `name` name a declared engine call (EngineApi). */
export interface EngineRequest {
  readonly kind: 'request';
  readonly seq: number;
  readonly domain: string;
  readonly name: string;
  readonly args: readonly unknown[];
}

export type EngineReply =
  | { readonly kind: 'reply'; readonly seq: number; readonly ok: true; readonly result: unknown }
  | {
      readonly kind: 'reply';
      readonly seq: number;
      readonly ok: false;
      /** Its code travels with the message, so the client rejects with the same typed error. */
      readonly error: CallError;
    };

/** An unsolicited message from the host: status changes, progress, log lines. */
export interface EngineEvent {
  readonly kind: 'event';
  readonly name: string;
  readonly payload: unknown;
}

export type HostMessage = EngineReply | EngineEvent;

export function isEngineRequest(m: unknown): m is EngineRequest {
  const r = m as EngineRequest | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.kind === 'request' &&
    Number.isInteger(r.seq) &&
    typeof r.domain === 'string' &&
    typeof r.name === 'string' &&
    Array.isArray(r.args)
  );
}

export function isHostMessage(m: unknown): m is HostMessage {
  const r = m as HostMessage | null;
  return typeof r === 'object' && r !== null && (r.kind === 'reply' || r.kind === 'event');
}
