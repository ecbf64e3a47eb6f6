// The filter panel's tag-state group: photos whose tags need review (suggestions waiting),
// are confirmed, or were rejected. With labels chosen, it is those labels' state that counts.
import type { TagState } from '../../../preload/contract/labels';

const CHOICES: readonly { state: TagState; text: string }[] = [
  { state: 'suggested', text: 'Needs review' },
  { state: 'confirmed', text: 'Confirmed' },
  { state: 'rejected', text: 'Rejected' },
];

/** The chip for a tag-state filter: "Needs review", "Confirmed or rejected". */
export function tagStateChip(states: readonly TagState[]): string {
  const words = CHOICES.filter((c) => states.includes(c.state)).map((c) => c.text);
  if (words.length === 0) return 'No tag state';
  return [words[0], ...words.slice(1).map((w) => w.toLowerCase())].join(' or ');
}

/** `states` undefined: no tag-state filter (labels count when suggested or confirmed). */
export function TagStateFilter({
  states,
  onChange,
}: {
  states: readonly TagState[] | undefined;
  onChange: (states: readonly TagState[] | undefined) => void;
}) {
  const chosen = states ?? [];
  const toggle = (state: TagState) => {
    const next = chosen.includes(state) ? chosen.filter((s) => s !== state) : [...chosen, state];
    onChange(next.length === 0 ? undefined : next);
  };
  return (
    <fieldset className="tag-state-filter">
      <legend>Tag state</legend>
      {CHOICES.map((choice) => (
        <label key={choice.state} className="filter-label">
          <input
            type="checkbox"
            checked={chosen.includes(choice.state)}
            onChange={() => toggle(choice.state)}
          />
          {choice.text}
        </label>
      ))}
      <p className="muted tag-state-hint">
        Photos with a tag in that state; with labels chosen, those labels in that state.
      </p>
    </fieldset>
  );
}
