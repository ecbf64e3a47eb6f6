// How the open set works: its name, one label per photo or several, "none of these", the
// sentences the words are tried in, on or off, export and delete.
import type { LabelSetDetail } from '../../../preload/contract/labels';
import { setOptions } from './label-edits';
import { useLabelsStore } from './use-labels-store';

export function SetSettings({ set }: { readonly set: LabelSetDetail }) {
  const apply = useLabelsStore((s) => s.apply);
  const presets = useLabelsStore((s) => s.presets);
  const exportSet = useLabelsStore((s) => s.exportSet);
  const deleteSet = useLabelsStore((s) => s.deleteSet);

  const saveTemplates = (text: string) => {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.join('\n') !== set.templates.join('\n'))
      void apply(setOptions(set, { templates: lines }));
  };

  return (
    <details className="labels-card set-settings" data-testid="set-settings">
      <summary className="labels-subtitle">How this set works</summary>
      <label className="labels-field">
        <span className="labels-subtitle">Name</span>
        <input
          key={set.name}
          defaultValue={set.name}
          onBlur={(event) => {
            const name = event.target.value.trim();
            if (name !== '' && name !== set.name) void apply(setOptions(set, { name }));
          }}
        />
      </label>
      <fieldset className="labels-field">
        <legend className="labels-subtitle">Labels per photo</legend>
        <label className="choice">
          <input
            type="radio"
            name="mode"
            checked={set.mode === 'exclusive'}
            onChange={() => void apply(setOptions(set, { mode: 'exclusive' }))}
          />
          One label per photo: Facet picks the label that fits best (e.g. kinds of animals).
        </label>
        <label className="choice">
          <input
            type="radio"
            name="mode"
            checked={set.mode === 'multi'}
            onChange={() => void apply(setOptions(set, { mode: 'multi' }))}
          />
          Any number: each label is judged on its own (e.g. “sunset” and “beach” together).
        </label>
        {set.mode === 'exclusive' && (
          <label className="choice">
            <input
              type="checkbox"
              checked={set.background}
              onChange={(event) =>
                void apply(setOptions(set, { background: event.target.checked }))
              }
            />
            Leave the rest untagged: photos that fit none of these labels get none.
          </label>
        )}
      </fieldset>
      <label className="labels-field">
        <span className="labels-subtitle">
          Sentences Facet tries the words in ({'{}'} is where the words go)
        </span>
        <textarea
          key={set.templates.join('\n')}
          rows={4}
          defaultValue={set.templates.join('\n')}
          onBlur={(event) => saveTemplates(event.target.value)}
        />
        <span className="labels-hint">
          More sentences make matching steadier. Start from:{' '}
          {presets.map((preset) => (
            <button
              key={preset.id}
              type="button"
              className="link-button"
              onClick={() => saveTemplates(preset.templates.join('\n'))}
            >
              {preset.name} ({preset.templates.length})
            </button>
          ))}
        </span>
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={set.active}
          onChange={(event) => void apply(setOptions(set, { active: event.target.checked }))}
        />
        Suggest tags from this set
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={set.suggest}
          disabled={!set.active}
          onChange={(event) => void apply(setOptions(set, { suggest: event.target.checked }))}
        />
        Also on photos nobody tagged (off: only photos confirmed by hand or by a keyword import
        carry these labels)
      </label>
      <div className="labels-row">
        <button type="button" className="button" onClick={() => void exportSet('json')}>
          Export (JSON)
        </button>
        <button type="button" className="button" onClick={() => void exportSet('text')}>
          Export (plain text)
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() =>
            window.confirm(`Delete the label set “${set.name}” and its decisions?`) &&
            void deleteSet()
          }
        >
          Delete set
        </button>
      </div>
    </details>
  );
}
