// Stands in for the Electron preload in browser mode: the same createFacetApi over HTTP + SSE,
// injected into the page before the renderer's own scripts run.
import type { CallOutcome } from '../../preload/contract';
import { createFacetApi, type FacetTransport } from '../../preload/facet-api';

type Listener = (payload: unknown) => void;

// The page globals this script uses (the node tsconfig it is checked under has no DOM types).
interface PageEventSource {
  addEventListener(type: string, listener: (event: { readonly data: string }) => void): void;
}
declare const EventSource: new (url: string) => PageEventSource;

function createHttpTransport(): FacetTransport {
  let source: PageEventSource | null = null;
  const listeners = new Map<string, Set<Listener>>();

  const connect = (): PageEventSource => {
    source ??= new EventSource('/facet/events');
    return source;
  };

  return {
    // The bridge answers every call with a CallOutcome, as Electron main does.
    async invoke(channel, args) {
      const response = await fetch(`/facet/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      if (!response.ok) throw new Error(`${channel} failed (HTTP ${response.status})`);
      return (await response.json()) as CallOutcome<unknown>;
    },

    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (set === undefined) {
        const channelListeners = new Set<Listener>();
        listeners.set(channel, channelListeners);
        connect().addEventListener(channel, (event) => {
          const payload: unknown = JSON.parse(event.data);
          for (const l of channelListeners) l(payload);
        });
        set = channelListeners;
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },

    // A web page cannot learn a dropped file's path (Electron's webUtils can). Browser mode stands
    // in for it with the paths a spec declares for the names it drops; anything else has none.
    pathForFile: (file) =>
      (globalThis as { __facetDropPaths?: Record<string, string> }).__facetDropPaths?.[file.name] ??
      null,

    mediaUrl: (kind, path) => `/facet-media/${kind}/${encodeURIComponent(path)}`,
  };
}

Object.defineProperty(globalThis, 'facet', {
  value: createFacetApi(createHttpTransport()),
  writable: false,
  configurable: false,
  enumerable: true,
});
