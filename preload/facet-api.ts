// Builds `window.facet` from a transport: ipcRenderer in the preload, HTTP + server-sent events
// in browser mode. One mapping from the contract to the API, whichever process hosts it.
import {
  CHANNEL_NAME,
  type EventChannel,
  type EventChannels,
  type FacetApi,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  type ThumbnailSize,
} from './contract';

export interface FacetTransport {
  invoke(channel: string, args: readonly unknown[]): Promise<unknown>;
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

export function createFacetApi(t: FacetTransport): FacetApi {
  return Object.freeze({
    invoke: <C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>) =>
      t.invoke(checked(channel), args) as Promise<InvokeResult<C>>,
    on: <C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void) =>
      t.subscribe(checked(channel), (payload) => listener(payload as EventChannels[C])),
    pathForFile: (file: File) => t.pathForFile(file),
    photoUrl: (path: string) => t.mediaUrl('photo', path),
    thumbUrl: (path: string, size: ThumbnailSize) =>
      t.mediaUrl(`thumb/${THUMBNAIL_SIZES.includes(size) ? size : 256}`, path),
  });
}
