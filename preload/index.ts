// The preload: exposes window.facet (preload/facet-api.ts) over ipcRenderer. Bundled into one
// CommonJS file because sandboxed preloads cannot import. Main answers only the contract's
// channels, for this window only, after validating every argument.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CallOutcome } from './contract';
import { createFacetApi, type FacetTransport } from './facet-api';

const transport: FacetTransport = {
  // Main answers each of its channels with an outcome (main/app/ipc.ts); Electron rejects only a
  // channel main does not handle, in its own words, which stay out of the page.
  invoke: (channel, args) =>
    (ipcRenderer.invoke(channel, ...args) as Promise<CallOutcome<unknown>>).catch(() => ({
      ok: false,
      error: { code: 'INVALID_CALL', message: `Unknown channel: ${channel}` },
    })),
  subscribe: (channel, listener) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
  pathForFile: (file) => {
    const path = webUtils.getPathForFile(file);
    return path === '' ? null : path;
  },
  mediaUrl: (kind, path) => `facet-media://${kind}/${encodeURIComponent(path)}`,
};

contextBridge.exposeInMainWorld('facet', createFacetApi(transport));
