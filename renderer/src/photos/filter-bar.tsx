// The filter as removable chips, and the panel that adds to it: labels (any / all / none of),
// tag states, score range, label set and folder. Sort order beside it.
import { useEffect, useState } from 'react';
import type { PhotoFilter, PhotoSortKey } from '../../../preload/contract/browse';
import { CloseIcon } from '../components/icons';
import { folderName } from '../format';
import { TagStateFilter, tagStateChip } from './tag-state-filter';
import { canSortByScore, usePhotosStore } from './use-photos-store';

const SORTS: readonly { key: PhotoSortKey; label: string }[] = [
  { key: 'folder', label: 'Folder' },
  { key: 'name', label: 'Name' },
  { key: 'date', label: 'Date taken' },
  { key: 'score', label: 'How sure' },
];
const MODE_WORDS = { any: 'Any of', all: 'All of', none: 'None of' } as const;

function Chip({ text, onRemove }: { text: string; onRemove: () => void }) {
  return (
    <span className="filter-chip" data-testid="filter-chip">
      {text}
      <button type="button" aria-label={`Remove filter ${text}`} onClick={onRemove}>
        <CloseIcon className="filter-chip-x" />
      </button>
    </span>
  );
}

function chipsOf(filter: PhotoFilter, setName: (id: number) => string) {
  const chips: { text: string; without: PhotoFilter }[] = [];
  const labels = filter.labels ?? [];
  const mode = filter.labelMode ?? 'any';
  labels.forEach((label, i) =>
    chips.push({
      text: `${labels.length > 1 || mode !== 'any' ? `${MODE_WORDS[mode]}: ` : ''}${label.label}`,
      without: { ...filter, labels: labels.filter((_, j) => j !== i) },
    }),
  );
  if (filter.labelSetId != null)
    chips.push({
      text: `Set: ${setName(filter.labelSetId)}`,
      without: { ...filter, labelSetId: null },
    });
  if (filter.states !== undefined)
    chips.push({
      text: tagStateChip(filter.states),
      without: { ...filter, states: undefined },
    });
  if (filter.minScore != null || filter.maxScore != null)
    chips.push({
      text: `Score ${filter.minScore ?? '…'}–${filter.maxScore ?? '…'}`,
      without: { ...filter, minScore: null, maxScore: null },
    });
  if (filter.folder != null)
    chips.push({ text: `In ${folderName(filter.folder)}`, without: { ...filter, folder: null } });
  return chips;
}

function FilterPanel({ onClose }: { onClose: () => void }) {
  const { filter, facets, setFilter, loadFacets } = usePhotosStore();
  const [draft, setDraft] = useState<PhotoFilter>(filter);
  useEffect(() => void loadFacets(), [loadFacets]);
  const labels = draft.labels ?? [];
  const has = (setId: number, label: string) =>
    labels.some((l) => l.labelSetId === setId && l.label === label);
  const toggleLabel = (labelSetId: number, label: string) =>
    setDraft({
      ...draft,
      labels: has(labelSetId, label)
        ? labels.filter((l) => !(l.labelSetId === labelSetId && l.label === label))
        : [...labels, { labelSetId, label }],
    });
  const score = (value: string) => (value.trim() === '' ? null : Number(value));

  return (
    <div className="filter-panel" role="dialog" aria-label="Filter photos">
      {facets === null ? (
        <p className="muted">Loading labels…</p>
      ) : facets.labelSets.length === 0 ? (
        <p className="muted">
          No tags yet: add a label set in Labels, and its suggestions show up here.
        </p>
      ) : (
        <fieldset>
          <legend>Labels</legend>
          <div className="filter-mode" role="radiogroup" aria-label="Match">
            {(['any', 'all', 'none'] as const).map((mode) => (
              <label key={mode}>
                <input
                  type="radio"
                  name="label-mode"
                  checked={(draft.labelMode ?? 'any') === mode}
                  onChange={() => setDraft({ ...draft, labelMode: mode })}
                />
                {MODE_WORDS[mode]}
              </label>
            ))}
          </div>
          {facets.labelSets.map((set) => (
            <div key={set.id} className="filter-set">
              <h4>{set.name}</h4>
              <div className="filter-labels">
                {set.labels.map((label) => (
                  <label key={label} className="filter-label">
                    <input
                      type="checkbox"
                      checked={has(set.id, label)}
                      onChange={() => toggleLabel(set.id, label)}
                    />
                    {label}
                  </label>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      <TagStateFilter states={draft.states} onChange={(states) => setDraft({ ...draft, states })} />
      <fieldset className="filter-scores">
        <legend>Score</legend>
        <label>
          from{' '}
          <input
            type="number"
            step="0.01"
            aria-label="Lowest score"
            defaultValue={draft.minScore ?? ''}
            onChange={(e) => setDraft({ ...draft, minScore: score(e.target.value) })}
          />
        </label>
        <label>
          to{' '}
          <input
            type="number"
            step="0.01"
            aria-label="Highest score"
            defaultValue={draft.maxScore ?? ''}
            onChange={(e) => setDraft({ ...draft, maxScore: score(e.target.value) })}
          />
        </label>
      </fieldset>
      <label className="filter-folder">
        Folder
        <select
          value={draft.folder ?? ''}
          onChange={(e) =>
            setDraft({ ...draft, folder: e.target.value === '' ? null : e.target.value })
          }
        >
          <option value="">All folders</option>
          {(facets?.folders ?? []).map((folder) => (
            <option key={folder} value={folder}>
              {folder}
            </option>
          ))}
        </select>
      </label>
      <div className="filter-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setFilter(draft);
            onClose();
          }}
        >
          Apply
        </button>
      </div>
    </div>
  );
}

export function FilterBar() {
  const { filter, sort, facets, setFilter, setSort } = usePhotosStore();
  const [open, setOpen] = useState(false);
  const setName = (id: number) => facets?.labelSets.find((s) => s.id === id)?.name ?? `#${id}`;
  const chips = chipsOf(filter, setName);
  return (
    <div className="filter-bar">
      <div className="filter-chips" aria-label="Filters">
        {chips.map((chip) => (
          <Chip key={chip.text} text={chip.text} onRemove={() => setFilter(chip.without)} />
        ))}
        <button
          type="button"
          className="button filter-add"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {chips.length === 0 ? 'Filter…' : 'Change filter…'}
        </button>
        {chips.length > 1 && (
          <button type="button" className="link-button" onClick={() => setFilter({})}>
            Clear all
          </button>
        )}
      </div>
      <label className="photos-sort">
        Sort
        <select
          aria-label="Sort by"
          value={sort.key}
          onChange={(e) => setSort({ ...sort, key: e.target.value as PhotoSortKey })}
        >
          {SORTS.map((s) => {
            // Sorting by score needs a label to score by: without one it is offered, greyed, with why.
            const off = s.key === 'score' && !canSortByScore(filter);
            return (
              <option
                key={s.key}
                value={s.key}
                disabled={off}
                title={off ? 'Choose a label in Filter… to sort by how sure Facet is' : undefined}
              >
                {off ? 'Score (choose a label first)' : s.label}
              </option>
            );
          })}
        </select>
        <button
          type="button"
          className="button"
          aria-label={sort.descending ? 'Descending' : 'Ascending'}
          title={sort.descending ? 'Descending' : 'Ascending'}
          onClick={() => setSort({ ...sort, descending: !sort.descending })}
        >
          {sort.descending ? '↓' : '↑'}
        </button>
      </label>
      {open && <FilterPanel onClose={() => setOpen(false)} />}
    </div>
  );
}
