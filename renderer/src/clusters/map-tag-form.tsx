// Tags chosen photos (lassoed on the map, selected in an opened cluster) with a label of a label
// set; a new name is added to the set.
import { useEffect, useState } from 'react';
import { useClustersStore } from './use-clusters-store';
import { formatCount } from '../format';

export function MapTagForm({
  selection,
  onClear,
}: {
  readonly selection: readonly number[];
  readonly onClear: () => void;
}) {
  const labelSets = useClustersStore((s) => s.labelSets);
  const tagPhotos = useClustersStore((s) => s.tagPhotos);
  const busy = useClustersStore((s) => s.busy);
  const [chosen, setSetId] = useState<number | null>(null);
  const setId = chosen ?? labelSets[0]?.id ?? null;
  const [label, setLabel] = useState('');
  const mapLabels = useClustersStore((s) => s.mapLabels);
  const loadMapLabels = useClustersStore((s) => s.loadMapLabels);
  useEffect(() => {
    if (setId !== null) void loadMapLabels(setId);
  }, [setId, loadMapLabels]);

  if (labelSets.length === 0)
    return (
      <p className="map-tag" data-testid="map-selection">
        {formatCount(selection.length, 'photo')} selected. Create a label set in Labels to tag them.
      </p>
    );
  return (
    <form
      className="map-tag"
      data-testid="map-selection"
      onSubmit={(event) => {
        event.preventDefault();
        if (setId !== null && label.trim() !== '') void tagPhotos(selection, setId, label.trim());
      }}
    >
      <strong>Tag {formatCount(selection.length, 'photo')}</strong>
      <select
        className="select"
        aria-label="Label set"
        value={setId ?? ''}
        onChange={(event) => setSetId(Number(event.target.value))}
      >
        {labelSets.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <input
        className="text-input"
        aria-label="Label"
        placeholder="Label"
        list="map-labels"
        value={label}
        maxLength={500}
        onChange={(event) => setLabel(event.target.value)}
      />
      <datalist id="map-labels">
        {mapLabels.map((path) => (
          <option key={path} value={path} />
        ))}
      </datalist>
      <button
        type="submit"
        className="button button-primary"
        disabled={busy || label.trim() === ''}
      >
        Tag
      </button>
      <button type="button" className="button" onClick={onClear}>
        Clear
      </button>
    </form>
  );
}
