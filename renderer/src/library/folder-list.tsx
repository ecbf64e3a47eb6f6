// The library's folders: what each holds, a few of its photos, and removing one (after asking).
import { useState } from 'react';
import type { LibraryFolder } from '../../../preload/contract/library';
import { folderName, formatCount } from '../format';
import { useLibraryStore } from './use-library-store';
import { CloseIcon, FolderIcon } from '../components/icons';

function counts(folder: LibraryFolder | undefined): string | null {
  if (folder === undefined) return null;
  const parts = [formatCount(folder.photos, 'photo')];
  if (folder.photos > 0) parts.push(`${folder.embedded.toLocaleString()} searchable`);
  if (folder.problems > 0) parts.push(`${folder.problems.toLocaleString()} unreadable`);
  const line = parts.join(' · ');
  if (folder.videos === 0) return line;
  const videos =
    folder.videos === 1 ? '1 video is' : `${folder.videos.toLocaleString()} videos are`;
  return `${line} · ${videos} not indexed`;
}

export function FolderList() {
  const roots = useLibraryStore((s) => s.roots);
  const folders = useLibraryStore((s) => s.folders);
  const removeFolder = useLibraryStore((s) => s.removeFolder);
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ul className="folder-list" aria-label="Folders in the library" data-testid="folder-list">
      {roots.map((root) => {
        const folder = folders.find((f) => f.path === root);
        const name = folderName(root);
        return (
          <li key={root} className="folder-row" data-testid="folder-row">
            <div className="folder-main">
              <FolderIcon className="folder-icon" />
              <div className="folder-text">
                <span className="folder-name">{name}</span>
                <span className="folder-path" title={root}>
                  {root}
                </span>
                {folder !== undefined && (
                  <span className="folder-counts" data-testid="folder-counts">
                    {counts(folder)}
                  </span>
                )}
              </div>
              {confirming === root ? (
                <div className="folder-confirm" role="group" aria-label={`Remove ${name}?`}>
                  <span>Remove from the library? The files stay on disk.</span>
                  <button
                    type="button"
                    className="button button-danger"
                    onClick={() => {
                      setConfirming(null);
                      void removeFolder(root);
                    }}
                  >
                    Remove
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  className="icon-button folder-remove"
                  onClick={() => setConfirming(root)}
                  aria-label={`Remove ${name} from the library`}
                  title="Remove from the library (the files stay on disk)"
                >
                  <CloseIcon className="button-icon" />
                </button>
              )}
            </div>
            {folder !== undefined && folder.preview.length > 0 && (
              <div className="folder-preview" data-testid="folder-preview">
                {folder.preview.map((path) => (
                  <img
                    key={path}
                    className="folder-thumb"
                    src={window.facet.thumbUrl(path, 128)}
                    alt={folderName(path)}
                    loading="lazy"
                    width={64}
                    height={64}
                  />
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
