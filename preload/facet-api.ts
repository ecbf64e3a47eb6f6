// Builds `window.facet` from a transport: ipcRenderer in the preload, HTTP + server-sent events
// in browser mode. One mapping from the contract to the API, whichever process hosts it.
import {
  CHANNEL_NAME,
  type CallOutcome,
  type EventChannel,
  type EventChannels,
  type FacetApi,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  type ThumbnailSize,
} from './contract';

export interface FacetTransport {
  /** Resolves to the outcome main (or the bridge) answered; rejects only when none came back. */
  invoke(channel: string, args: readonly unknown[]): Promise<CallOutcome<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
  pathForFile(file: File): string | null;
  /** URL of a media route: `kind` is 'photo' or 'thumb/<size>', `path` the photo's absolute path. */
  mediaUrl(kind: string, path: string): string;
}

/** Refuses names outside the contract's shape before they reach the transport. */
function checked(channel: string): string {
  if (typeof channel !== 'string' || !CHANNEL_NAME.test(channel))
    throw new Error(`Unknown channel: ${String(channel)}`);
  return channel;
}

const THUMBNAIL_SIZES: readonly number[] = [128, 256, 512] satisfies ThumbnailSize[];

/** A call that never got an answer (the bridge's server gone), as an outcome. */
function unanswered(channel: string): CallOutcome<never> {
  return {
    ok: false,
    error: { code: 'INTERNAL', message: `No answer came back for ${channel}.` },
  };
}

async function invoke(t: FacetTransport, channel: string, args: readonly unknown[]) {
  if (typeof channel !== 'string' || !CHANNEL_NAME.test(channel)) {
    const message = `Unknown channel: ${String(channel)}`;
    return { ok: false, error: { code: 'INVALID_CALL', message } } as const;
  }
  return t.invoke(channel, args).catch(() => unanswered(channel));
}

export function createFacetApi(t: FacetTransport): FacetApi {
  return Object.freeze({
    invoke: <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>) =>
      invoke(t, channel, args) as Promise<CallOutcome<InvokeResult<C>>>,
    on: <C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void) =>
      t.subscribe(checked(channel), (payload) => listener(payload as EventChannels[C])),
    pathForFile: (file: File) => t.pathForFile(file),
    photoUrl: (path: string) => t.mediaUrl('photo', path),
    thumbUrl: (path: string, size: ThumbnailSize) =>
      t.mediaUrl(`thumb/${THUMBNAIL_SIZES.includes(size) ? size : 256}`, path),
  });
}
