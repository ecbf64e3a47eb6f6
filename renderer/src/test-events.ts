// Named UI events for end-to-end specs: they wait for a name to appear instead of sleeping.

export type UiEvent =
  | 'app-loaded'
  | 'status-changed'
  | 'index-progress'
  | 'library-loaded'
  | 'library-changed'
  | 'library-add-failed';

export function recordEvent(name: UiEvent): void {
  (window.__facetEvents ??= []).push(name);
}

const recordedOnce = new Set<UiEvent>();

export function recordEventOnce(name: UiEvent): void {
  if (recordedOnce.has(name)) return;
  recordedOnce.add(name);
  recordEvent(name);
}
