// The Labels view: the user's own taxonomy. Pick or start a label set, grow its tree, tune how
// sure Facet must be per label while seeing the library's photos, confirm or reject tags.
import { useEffect, useRef, useState } from 'react';
import type { LabelMode } from '../../../preload/contract/labels';
import { ViewHeader } from '../components/view-header';
import { formatCount } from '../format';
import { MAX_LABEL_CHARS } from './label-path';
import { addLabel, deleteLabel, renameLabel } from './label-edits';
import { LabelPanel } from './label-panel';
import { LabelTree } from './label-tree';
import './labels.css';
import { NewLabel } from './new-label';
import { SetSettings } from './set-settings';
import { useLabelsStore } from './use-labels-store';

function SetBar() {
  const sets = useLabelsStore((s) => s.sets);
  const builtIns = useLabelsStore((s) => s.builtIns);
  const current = useLabelsStore((s) => s.current);
  const open = useLabelsStore((s) => s.open);
  const create = useLabelsStore((s) => s.create);
  const addBuiltIn = useLabelsStore((s) => s.addBuiltIn);
  const importFile = useLabelsStore((s) => s.importFile);
  const [naming, setNaming] = useState(false);
  // A taxonomy of keywords lets a photo carry many: "one per photo" is the choice to make.
  const [mode, setMode] = useState<LabelMode>('multi');
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <div className="set-bar">
      {sets.length > 0 && (
        <label className="set-picker">
          <span className="labels-subtitle">Label set</span>
          <select
            value={current?.id ?? ''}
            data-testid="set-picker"
            onChange={(event) => void open(Number(event.target.value))}
          >
            {sets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({formatCount(s.labels, 'label')}
                {s.active ? '' : ', off'})
              </option>
            ))}
          </select>
        </label>
      )}
      {naming ? (
        <form
          className="set-new"
          onSubmit={(event) => {
            event.preventDefault();
            const name = new FormData(event.currentTarget).get('name');
            if (typeof name === 'string' && name.trim() !== '')
              void create(name.trim(), mode).then(() => setNaming(false));
          }}
        >
          <input
            name="name"
            autoFocus
            placeholder="Name, e.g. Birds of the coast"
            maxLength={MAX_LABEL_CHARS}
            data-testid="new-set-name"
          />
          <select
            value={mode}
            onChange={(event) => setMode(event.target.value as LabelMode)}
            aria-label="Labels per photo"
          >
            <option value="multi">Any number of labels per photo</option>
            <option value="exclusive">One label per photo</option>
          </select>
          <button type="submit" className="button button-primary">
            Create
          </button>
          <button type="button" className="button" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button-primary" onClick={() => setNaming(true)}>
          New label set
        </button>
      )}
      <select
        className="button"
        value=""
        aria-label="Start from a ready-made set"
        onChange={(event) => event.target.value !== '' && void addBuiltIn(event.target.value)}
      >
        <option value="">Start from a ready-made set…</option>
        {builtIns.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name} ({formatCount(b.labels, 'label')})
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => fileInput.current?.click()}>
        Import…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".json,.txt,application/json,text/plain"
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file !== undefined) void importFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}

function Messages() {
  const error = useLabelsStore((s) => s.error);
  const notice = useLabelsStore((s) => s.notice);
  const noticeUndoes = useLabelsStore((s) => s.noticeUndoes);
  const undoLast = useLabelsStore((s) => s.undoLast);
  const dismiss = useLabelsStore((s) => s.dismiss);
  if (error === null && notice === null) return null;
  return (
    <div
      className={error !== null ? 'notice notice-error' : 'notice'}
      role={error !== null ? 'alert' : 'status'}
      data-testid="labels-message"
    >
      <div className="notice-body">
        <p className="notice-message">{error ?? notice}</p>
      </div>
      {error === null && noticeUndoes && (
        <button type="button" className="button" onClick={() => void undoLast()}>
          Undo
        </button>
      )}
      <button type="button" className="button" onClick={dismiss}>
        OK
      </button>
    </div>
  );
}

export function LabelsView() {
  const loaded = useLabelsStore((s) => s.loaded);
  const current = useLabelsStore((s) => s.current);
  const selected = useLabelsStore((s) => s.selected);
  const load = useLabelsStore((s) => s.load);
  const select = useLabelsStore((s) => s.select);
  const apply = useLabelsStore((s) => s.apply);
  const refreshScores = useLabelsStore((s) => s.refreshScores);
  const [chosenParent, setChosenParent] = useState<{ setId: number; path: string } | null>(null);
  // "Add a label under …" names a label of the set it was chosen in: another set starts at the top.
  const parent =
    chosenParent !== null &&
    chosenParent.setId === current?.id &&
    current.labels.some((label) => label.path === chosenParent.path)
      ? chosenParent.path
      : null;
  const setParent = (path: string | null) =>
    setChosenParent(path === null || current === null ? null : { setId: current.id, path });

  useEffect(() => {
    void load();
    // Photos indexed meanwhile, or tags decided in another view, change what the panel shows.
    const stops = [
      window.facet.on('engine:status', () => void refreshScores()),
      window.facet.on('tags:changed', () => void refreshScores()),
    ];
    return () => stops.forEach((stop) => stop());
  }, [load, refreshScores]);

  return (
    <section className="labels" aria-labelledby="labels-title" aria-busy={!loaded}>
      <ViewHeader
        titleId="labels-title"
        title="Labels"
        summary="Your own words for what is in your photos. Facet suggests them on every photo; you confirm or reject."
      />
      <SetBar />
      <Messages />
      {current === null ? (
        loaded && (
          <p className="labels-empty">Start a new label set, or begin from a ready-made one.</p>
        )
      ) : (
        <div className="labels-body">
          <div className="labels-side">
            <LabelTree
              set={current}
              selected={selected}
              onSelect={(path) => void select(path)}
              onRename={(from, to) =>
                void apply(renameLabel(from, to)).then(
                  (ok) => ok && selected === from && void select(to),
                )
              }
              onDelete={(path) => void apply(deleteLabel(current, path))}
              onAddChild={setParent}
            />
            {/* Keyed by set: what was being typed for one taxonomy does not follow into another. */}
            <NewLabel
              key={current.id}
              parent={parent}
              onClearParent={() => setParent(null)}
              onAdd={async (path) => {
                const ok = await apply(addLabel(current, path, null));
                if (ok) await select(path);
                return ok;
              }}
            />
            <SetSettings set={current} />
          </div>
          <div className="labels-main">
            {selected === null ? (
              <p className="labels-empty">Pick a label to see the photos it finds.</p>
            ) : (
              <LabelPanel set={current} path={selected} />
            )}
          </div>
        </div>
      )}
    </section>
  );
}
