import { formatCount } from '../format';
import { selectLibrarySize, useEngineStore } from '../stores/engine-store';
import { useLibraryStore } from './use-library-store';
import { AddFolderButton } from './add-folder-button';
import { FolderList } from './folder-list';
import { IndexSummary } from './index-summary';
import { ViewHeader } from '../components/view-header';
import './library.css';
import { ProblemsPanel } from './problems-panel';

export function LibraryView() {
  const folders = useLibraryStore((s) => s.roots.length);
  const size = useEngineStore(selectLibrarySize);
  const summary = [formatCount(folders, 'folder')];
  if (size !== null) summary.push(formatCount(size.files, 'photo'));
  return (
    <section className="library" aria-labelledby="library-title">
      <ViewHeader
        titleId="library-title"
        title="Library"
        summaryTestId="library-summary"
        summary={summary.join(' · ')}
      >
        <AddFolderButton />
      </ViewHeader>
      <IndexSummary />
      <h2 className="section-title">Folders</h2>
      <FolderList />
      <ProblemsPanel />
    </section>
  );
}
