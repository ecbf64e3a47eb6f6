// The label set's tree: select a label, rename it in place, delete it, drag it under another.
import { useState, type DragEvent, type ReactNode } from 'react';
import type { LabelSetDetail } from '../../../preload/contract/labels';
import { isUnder, leafName, parentOf } from './label-edits';
import { depthOf, escapeLevel, MAX_LABEL_CHARS, splitLevels } from './label-path';

interface LabelTreeProps {
  readonly set: LabelSetDetail;
  readonly selected: string | null;
  readonly onSelect: (path: string) => void;
  readonly onRename: (from: string, to: string) => void;
  readonly onDelete: (path: string) => void;
  readonly onAddChild: (parent: string) => void;
}

const DRAG_TYPE = 'application/x-facet-label';

/** A label row's small action; the click stays off the row, which would select the label. */
function RowButton({
  title,
  danger = false,
  onClick,
  children,
}: {
  readonly title: string;
  readonly danger?: boolean;
  readonly onClick: () => void;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={danger ? 'mini-button mini-danger' : 'mini-button'}
      title={title}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

export function LabelTree({
  set,
  selected,
  onSelect,
  onRename,
  onDelete,
  onAddChild,
}: LabelTreeProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  const moveTo = (from: string, parent: string | null) => {
    const own = escapeLevel(leafName(from));
    const to = parent === null ? own : `${parent}/${own}`;
    if (to !== from && (parent === null || !isUnder(parent, from))) onRename(from, to);
  };
  const dropOn = (parent: string | null) => (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setDropTarget(null);
    const from = event.dataTransfer.getData(DRAG_TYPE);
    if (from !== '') moveTo(from, parent);
  };
  const over = (target: string) => (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.stopPropagation();
    setDropTarget(target);
  };

  return (
    <div
      className={`label-tree${dropTarget === '' ? ' label-tree-drop' : ''}`}
      onDragOver={over('')}
      onDragLeave={() => setDropTarget(null)}
      onDrop={dropOn(null)}
    >
      {set.labels.length === 0 && (
        <p className="labels-empty">
          No labels yet. Type one below, for example “beach” or “receipt”.
        </p>
      )}
      <ul role="tree" aria-label={`Labels of ${set.name}`} data-testid="label-tree">
        {set.labels.map((label) => {
          const depth = depthOf(label.path);
          const hasChildren = set.labels.some((other) => other.path.startsWith(`${label.path}/`));
          return (
            <li
              key={label.path}
              role="treeitem"
              aria-selected={selected === label.path}
              aria-level={depth + 1}
              data-path={label.path}
              className={`label-row${selected === label.path ? ' label-row-selected' : ''}${dropTarget === label.path ? ' label-row-drop' : ''}`}
              style={{ paddingLeft: `${8 + depth * 18}px` }}
              draggable={renaming !== label.path}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_TYPE, label.path);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onDragOver={over(label.path)}
              onDrop={dropOn(label.path)}
              onClick={() => onSelect(label.path)}
            >
              {renaming === label.path ? (
                <input
                  className="label-rename"
                  aria-label={`New name for ${leafName(label.path)}`}
                  defaultValue={leafName(label.path)}
                  maxLength={MAX_LABEL_CHARS}
                  autoFocus
                  onClick={(event) => event.stopPropagation()}
                  onBlur={() => setRenaming(null)}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') setRenaming(null);
                    if (event.key !== 'Enter') return;
                    const name = escapeLevel(event.currentTarget.value.trim());
                    setRenaming(null);
                    const parent = parentOf(label.path);
                    if (name !== '' && name !== escapeLevel(leafName(label.path)))
                      onRename(label.path, parent === null ? name : `${parent}/${name}`);
                  }}
                />
              ) : (
                <span
                  className="label-name"
                  title={splitLevels(label.path).join(' › ')}
                  onDoubleClick={() => setRenaming(label.path)}
                >
                  <span className={hasChildren ? 'label-group' : 'label-leaf'} aria-hidden />
                  <span className="label-text">{leafName(label.path)}</span>
                </span>
              )}
              <span className="label-actions">
                <RowButton
                  title="Add a label under this one"
                  onClick={() => onAddChild(label.path)}
                >
                  +
                </RowButton>
                <RowButton title="Rename" onClick={() => setRenaming(label.path)}>
                  Rename
                </RowButton>
                <RowButton
                  title="Delete this label and those under it"
                  danger
                  onClick={() => onDelete(label.path)}
                >
                  Delete
                </RowButton>
              </span>
            </li>
          );
        })}
      </ul>
      {set.labels.length > 0 && (
        <p className="labels-hint">
          Drag a label onto another to put it under it; drop it here to bring it to the top.
        </p>
      )}
    </div>
  );
}
