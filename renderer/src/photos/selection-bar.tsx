// What to do with the selected photos: confirm or reject one label on all of them at once (the
// buttons say how many photos, and the header's Undo takes it back), or export their tags.
import { useEffect, useState } from 'react';
import { ExportDialog } from '../export/export-dialog';
import { useExportStore } from '../export/use-export-store';
import { recordEvent } from '../test-events';
import { usePhotosStore } from './use-photos-store';

export function SelectionBar() {
  const { selected, facets, loadFacets, decide, clearSelection } = usePhotosStore();
  const [choice, setChoice] = useState('');
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (facets === null) void loadFacets();
  }, [facets, loadFacets]);
  if (selected.size === 0) return null;
  const options = (facets?.labelSets ?? []).flatMap((set) =>
    set.labels.map((label) => ({
      value: JSON.stringify([set.id, label]),
      text: `${set.name}: ${label}`,
    })),
  );
  const apply = async (state: 'confirmed' | 'rejected') => {
    if (choice === '') return;
    const [labelSetId, label] = JSON.parse(choice) as [number, string];
    const changed = await decide([...selected], labelSetId, label, state);
    setDone(
      `${state === 'confirmed' ? 'Confirmed' : 'Rejected'} “${label}” on ${changed} photo${changed === 1 ? '' : 's'}.`,
    );
    recordEvent('bulk-decided');
  };
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected photos">
      <strong data-testid="selection-count">{selected.size} selected</strong>
      {options.length === 0 ? (
        <span className="muted">Add a label set (Labels) to tag them.</span>
      ) : (
        <>
          <select
            aria-label="Tag to decide"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">Choose a tag…</option>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button-primary"
            disabled={choice === ''}
            onClick={() => void apply('confirmed')}
          >
            Confirm on all {selected.size}
          </button>
          <button
            type="button"
            className="button"
            disabled={choice === ''}
            onClick={() => void apply('rejected')}
          >
            Reject on all {selected.size}
          </button>
        </>
      )}
      {done !== null && (
        <span className="muted" role="status">
          {done}
        </span>
      )}
      <button
        type="button"
        className="button"
        onClick={() => useExportStore.getState().open([...selected])}
      >
        Export…
      </button>
      <button type="button" className="link-button" onClick={clearSelection}>
        Clear selection
      </button>
      <ExportDialog />
    </div>
  );
}
