// The first screen: nothing in the library yet, so the whole window invites a drop.
import { useViewStore } from '../stores/view-store';
import { AddFolderButton } from './add-folder-button';
import { LockIcon, PhotosIcon } from '../components/icons';

export function EmptyLibrary({ dragging }: { readonly dragging: boolean }) {
  return (
    <section className="empty-library" aria-labelledby="drop-zone-title">
      <div className={dragging ? 'drop-zone is-dragging' : 'drop-zone'} data-testid="drop-zone">
        <PhotosIcon className="drop-zone-icon" />
        <h1 id="drop-zone-title" className="drop-zone-title">
          {dragging ? 'Release to add these folders' : 'Drop photo folders here'}
        </h1>
        <p className="drop-zone-text">
          Facet tags and searches your photos on this computer. Nothing leaves it.
        </p>
        <AddFolderButton large />
        <p className="drop-zone-hint">
          <LockIcon className="hint-icon" />
          Subfolders are included. Your photos stay where they are.
        </p>
        <p className="drop-zone-hint">
          Facet starts with a small demo model.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => useViewStore.getState().show('models')}
          >
            Choose a model for real photos…
          </button>
        </p>
      </div>
    </section>
  );
}
