import type { FacetApi } from '../../preload/contract';

export function photoCount(api: FacetApi, roots: readonly string[]): number {
  return roots.length + (api.photoUrl('/a.jpg').length > 0 ? 1 : 0);
}
