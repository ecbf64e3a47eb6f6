import type { FacetApi } from '../../preload/contract';

declare global {
  interface Window {
    /** The preload's allow-listed API (a bridge stands in for it in browser mode). */
    readonly facet: FacetApi;
    /** Names of UI events, append-only, so end-to-end specs wait on them instead of sleeping. */
    __facetEvents?: string[];
  }
}

export {};
