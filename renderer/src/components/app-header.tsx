import { FacetMark } from './icons';

export function AppHeader() {
  return (
    <header className="app-header">
      <FacetMark className="app-mark" />
      <span className="app-name">Facet</span>
    </header>
  );
}
