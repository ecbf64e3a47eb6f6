// The preload: exposes window.facet (preload/facet-api.ts) over ipcRenderer, limited to the
// contract's channels. Bundled into one CommonJS file because sandboxed preloads cannot import.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { EventChannel, InvokeChannel } from './contract';
import { createFacetApi, type FacetTransport } from './facet-api';

// Allow-lists (checked against the contract by `satisfies`), so a compromised page cannot reach
// any other channel through this bridge.
const INVOKE_CHANNELS: ReadonlySet<string> = new Set(
  Object.keys({
    'engine:status': true,
    'library:roots': true,
    'library:add': true,
    'library:remove': true,
    'dialog:choose-folders': true,
  } satisfies Record<InvokeChannel, true>),
);
const EVENT_CHANNELS: ReadonlySet<string> = new Set(
  Object.keys({ 'engine:status': true, 'index:progress': true } satisfies Record<
    EventChannel,
    true
  >),
);

function checked(channel: string, allowed: ReadonlySet<string>): string {
  if (!allowed.has(channel)) throw new Error(`Unknown channel: ${channel}`);
  return channel;
}

const transport: FacetTransport = {
  invoke: (channel, ...args) => ipcRenderer.invoke(checked(channel, INVOKE_CHANNELS), ...args),
  subscribe: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) =>
      listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(checked(channel, EVENT_CHANNELS), forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
  pathForFile: (file) => {
    const path = webUtils.getPathForFile(file);
    return path === '' ? null : path;
  },
  photoUrl: (path) => `facet-media://photo/${encodeURIComponent(path)}`,
};

contextBridge.exposeInMainWorld('facet', createFacetApi(transport));
