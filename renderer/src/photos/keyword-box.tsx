// The selection's keyword box: a few typed letters show the matching labels of every set
// ("circle — Shapes › Round", the set named beside it); Enter confirms the highlighted one on the
// selected photos, the buttons confirm or reject the chosen one.
import { useEffect, useId, useMemo, useState } from 'react';
import { keywordChoices, type KeywordChoice } from './keyword-nodes';
import { useKeywordsStore } from './use-keywords-store';
import './keywords.css';

interface KeywordBoxProps {
  /** Photos selected: what the buttons say they act on. */
  readonly count: number;
  readonly onDecide: (choice: KeywordChoice, state: 'confirmed' | 'rejected') => void;
}

export const choiceWords = (choice: KeywordChoice): string =>
  `${choice.leaf}${choice.above === '' ? '' : ` — ${choice.above}`}`;

export function KeywordBox({ count, onDecide }: KeywordBoxProps) {
  const { sets, watch } = useKeywordsStore();
  const [words, setWords] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<KeywordChoice | null>(null);
  const [listOpen, setListOpen] = useState(false);
  const listId = useId();
  useEffect(() => watch(), [watch]);
  const choices = useMemo(() => keywordChoices(sets ?? [], words), [sets, words]);
  const showList = listOpen && choices.length > 0;
  // What Enter and the buttons act on: the highlighted keyword while the list is open.
  const target = showList ? (choices[active] ?? null) : chosen;

  if (sets !== null && sets.every((set) => set.labels.length === 0))
    return <span className="muted">Add a label set (Labels) to tag them.</span>;

  const choose = (choice: KeywordChoice) => {
    setChosen(choice);
    setWords(choice.leaf);
    setListOpen(false);
  };
  const decide = (choice: KeywordChoice | null, state: 'confirmed' | 'rejected') => {
    if (choice === null) return;
    choose(choice);
    onDecide(choice, state);
  };

  return (
    <div className="keyword-box">
      <input
        className="keyword-box-input"
        role="combobox"
        aria-label="Keyword to tag"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${listId}-${active}` : undefined}
        placeholder="Type a keyword…"
        value={words}
        onChange={(event) => {
          setWords(event.target.value);
          setChosen(null);
          setActive(0);
          setListOpen(true);
        }}
        // Back in the box (the next photo, the same word): its matches show again.
        onFocus={() => setListOpen(true)}
        onBlur={() => setListOpen(false)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const step = event.key === 'ArrowDown' ? 1 : -1;
            setListOpen(true);
            if (choices.length > 0) setActive((active + step + choices.length) % choices.length);
          } else if (event.key === 'Enter') {
            event.preventDefault();
            decide(target, 'confirmed');
          } else if (event.key === 'Escape' && showList) {
            event.stopPropagation();
            setListOpen(false);
          }
        }}
      />
      {showList && (
        <ul id={listId} role="listbox" aria-label="Keywords" className="keyword-box-list">
          {choices.map((choice, i) => (
            <li
              key={`${choice.labelSetId}\u0000${choice.node.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-label={`${choiceWords(choice)} (${choice.setName})`}
              className="keyword-box-option"
              // Chosen before the input's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                choose(choice);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="keyword-box-leaf">{choice.leaf}</span>
              {choice.above !== '' && <span className="keyword-box-above"> — {choice.above}</span>}
              <span className="keyword-box-set">{choice.setName}</span>
            </li>
          ))}
        </ul>
      )}
      {listOpen && words.trim() !== '' && choices.length === 0 && (
        <p className="keyword-box-none muted" role="status">
          No label holds “{words.trim()}”.
        </p>
      )}
      <button
        type="button"
        className="button button-primary"
        disabled={target === null}
        // Pressed before the input's blur closes the list, so the highlighted keyword counts.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => decide(target, 'confirmed')}
      >
        Confirm on all {count}
      </button>
      <button
        type="button"
        className="button"
        disabled={target === null}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => decide(target, 'rejected')}
      >
        Reject on all {count}
      </button>
    </div>
  );
}
