// The filter as removable chips, and the panel that adds to it: labels (any / all / none of),
// tag states, score range, label set and folder. Sort order beside it.
import { useEffect, useState } from 'react';
import type { LabelRef, PhotoFilter, PhotoSortKey } from '../../../preload/contract/browse';
import { CloseIcon } from '../components/icons';
import { folderName } from '../format';
import { KeywordTree } from './keyword-tree';
import { TagStateFilter, tagStateChip } from './tag-state-filter';
import { useKeywordsStore } from './use-keywords-store';
import { canSortByScore, usePhotosStore } from './use-photos-store';

const SORTS: readonly { key: PhotoSortKey; label: string }[] = [
  { key: 'folder', label: 'Folder' },
  { key: 'name', label: 'Name' },
  { key: 'date', label: 'Date taken' },
  { key: 'score', label: 'How sure' },
];
// Tag scores are how sure Facet is (0 to 1); people read and type them as percentages.
const percent = (score: number | null | undefined) =>
  score == null ? null : String(Math.round(score * 1000) / 10);
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

function chipsOf(
  filter: PhotoFilter,
  setName: (id: number) => string,
  labelName: (ref: LabelRef) => string,
) {
  const chips: { text: string; without: PhotoFilter }[] = [];
  const labels = filter.labels ?? [];
  const mode = filter.labelMode ?? 'any';
  labels.forEach((label, i) =>
    chips.push({
      text: `${labels.length > 1 || mode !== 'any' ? `${MODE_WORDS[mode]}: ` : ''}${labelName(label)}`,
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
      text: `${percent(filter.minScore) ?? '…'}–${percent(filter.maxScore) ?? '…'} % sure`,
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
  const score = (value: string) =>
    value.trim() === '' ? null : Math.min(100, Math.max(0, Number(value))) / 100;

  return (
    <div className="filter-panel" role="dialog" aria-label="Filter photos">
      <fieldset>
        <legend>Keywords</legend>
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
        <KeywordTree
          checked={labels}
          onToggle={({ labelSetId, label }) => toggleLabel(labelSetId, label)}
        />
      </fieldset>
      <TagStateFilter states={draft.states} onChange={(states) => setDraft({ ...draft, states })} />
      <fieldset className="filter-scores">
        <legend>How sure Facet is</legend>
        <label>
          from{' '}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            aria-label="At least, % sure"
            defaultValue={percent(draft.minScore) ?? ''}
            onChange={(e) => setDraft({ ...draft, minScore: score(e.target.value) })}
          />{' '}
          %
        </label>
        <label>
          to{' '}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            aria-label="At most, % sure"
            defaultValue={percent(draft.maxScore) ?? ''}
            onChange={(e) => setDraft({ ...draft, maxScore: score(e.target.value) })}
          />{' '}
          % sure
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
  const keywords = useKeywordsStore((s) => s.sets);
  // A label by its levels ("Shapes › Round › circle") once the keyword tree has been loaded.
  const labelName = (ref: LabelRef) =>
    keywords
      ?.find((set) => set.id === ref.labelSetId)
      ?.labels.find((node) => node.label === ref.label)
      ?.levels.join(' › ') ?? ref.label;
  const chips = chipsOf(filter, setName, labelName);
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
                {off ? `${s.label} (choose a label first)` : s.label}
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
