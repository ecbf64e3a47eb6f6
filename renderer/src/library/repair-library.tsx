// The app's "Repair library": shown beside the damaged-library message instead of sending the
// user to the command line. It runs the same repair as `facet repair`, then the engine starts
// again on the repaired library; the result (what was saved, where the copy is) stays in view.
import { useState } from 'react';
import type { LibraryRepairResult } from '../../../preload/contract/library';
import { facet } from '../engine-call';
import { userMessage } from '../error-message';
import { formatCount } from '../format';
import { useLibraryStore } from './use-library-store';
import './repair-library.css';

/** True for the engine's words for a damaged library (integrity.ts: `damagedLibrary`). */
export function isDamagedLibrary(detail: string | null): boolean {
  return detail !== null && /The library .* is damaged/s.test(detail);
}

/** The engine's words without its advice for the command line: the app offers the button instead. */
function damagedFile(detail: string | null): string {
  const file = /The library (.*) is damaged/s.exec(detail ?? '')?.[1];
  return file === undefined ? (detail ?? '') : `The library file ${file} is damaged.`;
}

type Repair =
  | { readonly step: 'idle' }
  | { readonly step: 'running' }
  | { readonly step: 'done'; readonly result: LibraryRepairResult }
  | { readonly step: 'failed'; readonly error: string };

function summary(result: LibraryRepairResult): string {
  const saved = [
    formatCount(result.decisions, 'tag decision'),
    formatCount(result.labelSets, 'label set'),
    formatCount(result.photos, 'photo'),
  ].join(', ');
  const again =
    result.toEmbed > 0 ? ` ${formatCount(result.toEmbed, 'photo')} will be embedded again.` : '';
  return `Library repaired: saved ${saved}.${again} The damaged file is kept as ${result.damagedCopy}.`;
}

/** `detail`: the engine's status message (or why it could not be reached). */
export function RepairLibrary({ detail }: { readonly detail: string | null }) {
  const [repair, setRepair] = useState<Repair>({ step: 'idle' });
  const run = async () => {
    setRepair({ step: 'running' });
    try {
      const result = await facet.library.repair();
      setRepair({ step: 'done', result });
      // The damage message other views were given no longer holds; the folders come back.
      const library = useLibraryStore.getState();
      if (isDamagedLibrary(library.notice?.message ?? null)) library.dismissNotice();
      void library.load();
    } catch (error) {
      setRepair({ step: 'failed', error: userMessage(error) });
    }
  };
  if (repair.step === 'done')
    return (
      <div className="repair-library" role="status" data-testid="repair-result">
        <p>{summary(repair.result)}</p>
        <button type="button" className="button" onClick={() => setRepair({ step: 'idle' })}>
          OK
        </button>
      </div>
    );
  if (!isDamagedLibrary(detail) && repair.step !== 'running') return null;
  return (
    <div className="repair-library" role="alert" data-testid="repair-library">
      <p className="repair-damage">{damagedFile(detail)}</p>
      <p>
        Repair keeps a copy of the damaged file, saves what can be read (tag decisions, label sets
        and history first) and embeds again what was lost.
      </p>
      {repair.step === 'failed' && <p className="repair-error">{repair.error}</p>}
      <button
        type="button"
        className="button button-primary"
        disabled={repair.step === 'running'}
        onClick={() => void run()}
      >
        {repair.step === 'running' ? 'Repairing…' : 'Repair library'}
      </button>
    </div>
  );
}
