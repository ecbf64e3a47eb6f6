import { formatCount } from '../format';
import { selectLibrarySize, useEngineStore } from '../stores/engine-store';
import { useLibraryStore } from '../stores/library-store';
import { AddFolderButton } from './add-folder-button';
import { FolderList } from './folder-list';
import { IndexSummary } from './index-summary';
import './library.css';
import { ProblemsPanel } from './problems-panel';

export function LibraryView() {
  const folders = useLibraryStore((s) => s.roots.length);
  const size = useEngineStore(selectLibrarySize);
  const summary = [formatCount(folders, 'folder')];
  if (size !== null) summary.push(formatCount(size.files, 'photo'));
  return (
    <section className="library" aria-labelledby="library-title">
      <header className="library-header">
        <div>
          <h1 id="library-title" className="library-title">
            Library
          </h1>
          <p className="library-summary" data-testid="library-summary">
            {summary.join(' · ')}
          </p>
        </div>
        <AddFolderButton />
      </header>
      <IndexSummary />
      <h2 className="section-title">Folders</h2>
      <FolderList />
      <ProblemsPanel />
    </section>
  );
}
