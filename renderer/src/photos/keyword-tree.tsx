// The filter's keyword list: each label set a collapsible tree of its levels (like Lightroom's
// keyword list), every node with the photos confirmed and waiting under it, a box that narrows
// the tree to the keywords holding the typed words, and a checkbox per node to filter by it.
import { useEffect, useMemo, useState } from 'react';
import type { KeywordSet, LabelRef } from '../../../preload/contract/browse';
import { countWords, keywordBranches, narrowBranches, type KeywordBranch } from './keyword-nodes';
import { useKeywordsStore } from './use-keywords-store';
import './keywords.css';

// A tree this small opens whole; a larger one opens at its first level.
const OPEN_ALL_UP_TO = 40;

interface KeywordTreeProps {
  readonly checked: readonly LabelRef[];
  readonly onToggle: (ref: LabelRef) => void;
}

interface RowProps extends KeywordTreeProps {
  readonly set: KeywordSet;
  readonly branch: KeywordBranch;
  readonly depth: number;
  readonly open: (key: string, depth: number) => boolean;
  readonly flip: (key: string, depth: number) => void;
}

function KeywordRow({ set, branch, depth, open, flip, checked, onToggle }: RowProps) {
  const { node, children } = branch;
  const key = `${set.id}\u0000${node.label}`;
  const expanded = children.length > 0 && open(key, depth);
  const leaf = node.levels.at(-1) ?? node.label;
  const countsId = `keyword-count-${set.id}-${node.label}`;
  const isChecked = checked.some((c) => c.labelSetId === set.id && c.label === node.label);
  return (
    <li
      role="treeitem"
      aria-expanded={children.length > 0 ? expanded : undefined}
      aria-selected={isChecked}
    >
      <div className="keyword-row" style={{ paddingLeft: depth * 16 }} data-testid="keyword-row">
        {children.length > 0 ? (
          <button
            type="button"
            className="keyword-twisty"
            aria-label={`${expanded ? 'Collapse' : 'Expand'} ${leaf}`}
            onClick={() => flip(key, depth)}
          >
            {expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="keyword-twisty" aria-hidden="true" />
        )}
        <label className="keyword-name" title={node.levels.join(' › ')}>
          <input
            type="checkbox"
            checked={isChecked}
            aria-describedby={countsId}
            onChange={() => onToggle({ labelSetId: set.id, label: node.label })}
          />
          <span className="keyword-leaf">{leaf}</span>
        </label>
        <span
          id={countsId}
          className={`keyword-count${node.confirmed + node.suggested === 0 ? ' keyword-count-none' : ''}`}
          data-testid="keyword-count"
        >
          {countWords(node)}
        </span>
      </div>
      {expanded && (
        <ul role="group">
          {children.map((child) => (
            <KeywordRow
              key={child.node.label}
              set={set}
              branch={child}
              depth={depth + 1}
              open={open}
              flip={flip}
              checked={checked}
              onToggle={onToggle}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

export function KeywordTree({ checked, onToggle }: KeywordTreeProps) {
  const { sets, error, watch } = useKeywordsStore();
  const [words, setWords] = useState('');
  // Only what the user flipped is remembered; everything else follows the default.
  const [flipped, setFlipped] = useState<ReadonlyMap<string, boolean>>(new Map());
  useEffect(() => watch(), [watch]);
  const trees = useMemo(
    () => (sets ?? []).map((set) => ({ set, branches: keywordBranches(set) })),
    [sets],
  );
  if (error !== null) return <p className="muted">{error}</p>;
  if (sets === null) return <p className="muted">Loading keywords…</p>;
  if (sets.length === 0)
    return (
      <p className="muted">
        No keywords yet: add a label set in Labels, and its keywords show up here.
      </p>
    );

  const narrowing = words.trim() !== '';
  const shown = trees
    .map(({ set, branches }) => ({ set, branches: narrowBranches(branches, words) }))
    .filter(({ branches }) => branches.length > 0);
  return (
    <div className="keyword-tree">
      <input
        type="search"
        className="keyword-find"
        placeholder="Find a keyword"
        aria-label="Find a keyword"
        value={words}
        onChange={(event) => setWords(event.target.value)}
      />
      {shown.length === 0 && <p className="muted">No keyword holds “{words.trim()}”.</p>}
      {shown.map(({ set, branches }) => {
        const small = set.labels.length <= OPEN_ALL_UP_TO;
        const setKey = `set\u0000${set.id}`;
        const setOpen = narrowing || (flipped.get(setKey) ?? true);
        const open = (key: string, depth: number) =>
          narrowing || (flipped.get(key) ?? (small || depth === 0));
        const flip = (key: string, depth: number) =>
          setFlipped(new Map(flipped).set(key, !open(key, depth)));
        return (
          <section key={set.id} className="keyword-set" aria-label={`Keywords of ${set.name}`}>
            <button
              type="button"
              className="keyword-set-head"
              aria-expanded={setOpen}
              onClick={() => setFlipped(new Map(flipped).set(setKey, !setOpen))}
            >
              <span aria-hidden="true">{setOpen ? '▾' : '▸'}</span> {set.name}
            </button>
            {setOpen && (
              <ul role="tree" aria-label={set.name} className="keyword-list">
                {branches.map((branch) => (
                  <KeywordRow
                    key={branch.node.label}
                    set={set}
                    branch={branch}
                    depth={0}
                    open={open}
                    flip={flip}
                    checked={checked}
                    onToggle={onToggle}
                  />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
