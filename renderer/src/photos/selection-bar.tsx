// What to do with the selected photos: confirm or reject one label on all of them at once, found
// by typing in the keyword box (the buttons say how many photos, the message names the label's
// set, and the header's Undo takes it back), or export their tags.
import { useState } from 'react';
import { ExportDialog } from '../export/export-dialog';
import { useExportStore } from '../export/use-export-store';
import { recordEvent } from '../test-events';
import { KeywordBox } from './keyword-box';
import type { KeywordChoice } from './keyword-nodes';
import { usePhotosStore } from './use-photos-store';
import { formatCount } from '../format';

export function SelectionBar() {
  const { selected, decide, clearSelection } = usePhotosStore();
  const [done, setDone] = useState<string | null>(null);
  if (selected.size === 0) return null;
  const apply = async (choice: KeywordChoice, state: 'confirmed' | 'rejected') => {
    const changed = await decide([...selected], choice.labelSetId, choice.node.label, state);
    setDone(
      `${state === 'confirmed' ? 'Confirmed' : 'Rejected'} “${choice.leaf}” (${choice.setName}) on ${formatCount(changed, 'photo')}.`,
    );
    recordEvent('bulk-decided');
  };
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected photos">
      <strong data-testid="selection-count">{selected.size} selected</strong>
      <KeywordBox count={selected.size} onDecide={(choice, state) => void apply(choice, state)} />
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
