import { useLibraryStore } from './use-library-store';
import { PlusIcon } from '../components/icons';

export function AddFolderButton({ large = false }: { readonly large?: boolean }) {
  const adding = useLibraryStore((s) => s.adding);
  const chooseAndAddFolders = useLibraryStore((s) => s.chooseAndAddFolders);
  return (
    <button
      type="button"
      className={large ? 'button button-primary button-large' : 'button button-primary'}
      onClick={() => void chooseAndAddFolders()}
      disabled={adding}
      aria-busy={adding}
    >
      {adding ? (
        <span className="spinner" aria-hidden="true" />
      ) : (
        <PlusIcon className="button-icon" />
      )}
      {adding ? 'Adding…' : 'Add folder…'}
    </button>
  );
}
