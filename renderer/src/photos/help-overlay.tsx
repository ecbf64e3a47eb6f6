// Every keyboard shortcut of the Photos view, one key away (?).
import { usePhotosStore } from './use-photos-store';

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['/', 'Search'],
  ['Enter', 'Open the selected photo'],
  ['← →', 'Previous / next photo'],
  ['↑ ↓', 'Choose a tag in the photo view'],
  ['C', 'Confirm the chosen tag'],
  ['X', 'Reject the chosen tag'],
  ['U', 'Undo the decision on the chosen tag'],
  ['M', 'More like this photo'],
  ['Ctrl/⌘ + A', 'Select all photos on screen'],
  ['Shift / Ctrl / ⌘ + click', 'Extend / toggle the selection'],
  ['Esc', 'Close the photo view, clear the selection'],
  ['?', 'Show or hide this help'],
];

export function HelpOverlay() {
  const setHelp = usePhotosStore((s) => s.setHelp);
  return (
    <div
      className="help-overlay"
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      onClick={() => setHelp(false)}
    >
      <div className="help-card" onClick={(event) => event.stopPropagation()}>
        <h2>Keyboard shortcuts</h2>
        <dl>
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button" onClick={() => setHelp(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
