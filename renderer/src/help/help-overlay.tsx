// The "?" help: what the current view is for and every key it answers to.
import { useViewStore } from '../stores/view-store';
import { useHelpStore } from './help-store';
import { helpFor } from './view-help';
import './help.css';

export function HelpOverlay({
  viewId,
  title,
}: {
  readonly viewId: string;
  readonly title: string;
}) {
  const setOpen = useHelpStore((s) => s.setOpen);
  const help = helpFor(viewId);
  return (
    <div
      className="help-overlay"
      role="dialog"
      aria-modal="true"
      aria-label={`${title}: help and keyboard shortcuts`}
      data-testid="help"
      onClick={() => setOpen(false)}
    >
      <div className="help-card" onClick={(event) => event.stopPropagation()}>
        <h2>{title}</h2>
        {help.about !== '' && <p className="help-about">{help.about}</p>}
        <dl>
          {help.keys.map(([keys, what]) => (
            <div key={keys + what}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button" autoFocus onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}

/** The "?" button at the end of the status bar: the same help in every view, last in tab order. */
export function HelpButton() {
  const setOpen = useHelpStore((s) => s.setOpen);
  const current = useViewStore((s) => s.current);
  return (
    <button
      type="button"
      className="button help-button"
      aria-label="Help and keyboard shortcuts"
      title="Help and keyboard shortcuts (?)"
      data-view={current ?? undefined}
      onClick={() => setOpen(true)}
    >
      ?
    </button>
  );
}
