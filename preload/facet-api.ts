// Builds `window.facet` from a transport: ipcRenderer in the preload, HTTP + server-sent events
// in browser mode. One mapping from the contract to the API, whichever process hosts it.
import type {
  EventChannel,
  EventChannels,
  FacetApi,
  InvokeArgs,
  InvokeChannel,
  InvokeResult,
} from './contract';

export interface FacetTransport {
  invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResult<C>>;
  subscribe<C extends EventChannel>(
    channel: C,
    listener: (payload: EventChannels[C]) => void,
  ): () => void;
  pathForFile(file: File): string | null;
  photoUrl(path: string): string;
}

export function createFacetApi(t: FacetTransport): FacetApi {
  return Object.freeze({
    engine: Object.freeze({ status: () => t.invoke('engine:status') }),
    library: Object.freeze({
      roots: () => t.invoke('library:roots'),
      add: (paths: readonly string[]) => t.invoke('library:add', [...paths]),
      remove: (root: string) => t.invoke('library:remove', root),
    }),
    dialog: Object.freeze({ chooseFolders: () => t.invoke('dialog:choose-folders') }),
    pathForFile: (file: File) => t.pathForFile(file),
    photoUrl: (path: string) => t.photoUrl(path),
    on: <C extends EventChannel>(channel: C, listener: (payload: EventChannels[C]) => void) =>
      t.subscribe(channel, listener),
  });
}
