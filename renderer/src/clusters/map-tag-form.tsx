// Tags the photos lassoed on the map: a label of a label set (a new name is added to the set).
import { useEffect, useState } from 'react';
import { useClustersStore } from './use-clusters-store';

export function MapTagForm() {
  const selection = useClustersStore((s) => s.selection);
  const labelSets = useClustersStore((s) => s.labelSets);
  const tagSelection = useClustersStore((s) => s.tagSelection);
  const select = useClustersStore((s) => s.select);
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
        {selection.length} photos selected. Create a label set in Labels to tag them.
      </p>
    );
  return (
    <form
      className="map-tag"
      data-testid="map-selection"
      onSubmit={(event) => {
        event.preventDefault();
        if (setId !== null && label.trim() !== '') void tagSelection(setId, label.trim());
      }}
    >
      <strong>{selection.length} photos selected</strong>
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
      <button type="button" className="button" onClick={() => select([])}>
        Clear
      </button>
    </form>
  );
}
