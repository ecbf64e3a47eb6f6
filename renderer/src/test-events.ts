// Named UI events for end-to-end specs: they wait for a name to appear instead of sleeping.
// Each view names its own ('app-loaded', 'library-changed', 'labels-loaded', ...).

export function recordEvent(name: string): void {
  (window.__facetEvents ??= []).push(name);
}

const recordedOnce = new Set<string>();

export function recordEventOnce(name: string): void {
  if (recordedOnce.has(name)) return;
  recordedOnce.add(name);
  recordEvent(name);
}
