import { folderName } from '../format';
import { useLibraryStore } from '../stores/library-store';
import { CloseIcon, FolderIcon } from './icons';

export function FolderList() {
  const roots = useLibraryStore((s) => s.roots);
  const removeFolder = useLibraryStore((s) => s.removeFolder);
  return (
    <ul className="folder-list" aria-label="Folders in the library" data-testid="folder-list">
      {roots.map((root) => (
        <li key={root} className="folder-row" data-testid="folder-row">
          <FolderIcon className="folder-icon" />
          <div className="folder-text">
            <span className="folder-name">{folderName(root)}</span>
            <span className="folder-path" title={root}>
              {root}
            </span>
          </div>
          <button
            type="button"
            className="icon-button folder-remove"
            onClick={() => void removeFolder(root)}
            aria-label={`Remove ${folderName(root)} from the library`}
            title="Remove from the library (the files stay on disk)"
          >
            <CloseIcon className="button-icon" />
          </button>
        </li>
      ))}
    </ul>
  );
}
