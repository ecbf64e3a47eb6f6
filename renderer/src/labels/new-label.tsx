// "Add a label": while the user types, the photos that best match the words show below, so they
// see what a label will find before adding it.
import { useEffect, useRef, useState } from 'react';
import { leafName } from './label-edits';
import { PhotoGrid } from './photo-grid';
import { useLabelsStore } from './use-labels-store';

interface NewLabelProps {
  /** Label the new one goes under; null: the top level. */
  readonly parent: string | null;
  readonly onClearParent: () => void;
  readonly onAdd: (path: string) => Promise<boolean>;
}

const PREVIEW_DELAY_MS = 150;

export function NewLabel({ parent, onClearParent, onAdd }: NewLabelProps) {
  const [text, setText] = useState('');
  const preview = useLabelsStore((s) => s.preview);
  const previewWords = useLabelsStore((s) => s.previewWords);
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void previewWords(text), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [text, previewWords]);

  useEffect(() => {
    if (parent !== null) input.current?.focus();
  }, [parent]);

  const add = async () => {
    const name = text.trim();
    if (name === '') return;
    // Cleared at once, so typing the next label never races the answer; restored if refused.
    setText('');
    if (!(await onAdd(parent === null ? name : `${parent}/${name}`))) setText(name);
  };

  return (
    <div className="new-label">
      <form
        className="new-label-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label className="new-label-field">
          <span className="labels-subtitle">
            Add a label{parent !== null && <> under “{leafName(parent)}”</>}
          </span>
          <input
            ref={input}
            value={text}
            placeholder="Describe what is in the photo: beach, receipt, heron…"
            data-testid="new-label-input"
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={text.trim() === ''}>
          Add
        </button>
        {parent !== null && (
          <button type="button" className="button" onClick={onClearParent}>
            Top level
          </button>
        )}
      </form>
      {preview !== null && text.trim() !== '' && (
        <section className="labels-card" aria-label="Preview" data-testid="label-preview">
          <h3 className="labels-subtitle">Photos that look most like “{preview.text.trim()}”</h3>
          <PhotoGrid
            photos={preview.photos.slice(0, 12)}
            describe={() => 'one of the closest'}
            showScores={false}
            testId="preview-photos"
          />
        </section>
      )}
    </div>
  );
}
