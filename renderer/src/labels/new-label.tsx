// "Add a label": while the user types, the photos that best match the words show below, so they
// see what a label will find before adding it. A path ("Shapes/Round/circle") previews its last
// level, the words the label is matched by.
import { useEffect, useRef, useState } from 'react';
import { leafName } from './label-edits';
import { LABEL_LIMIT_WORDS, MAX_LABEL_CHARS } from './label-path';
import { PhotoGrid } from './photo-grid';
import { useLabelsStore } from './use-labels-store';

interface NewLabelProps {
  /** Label the new one goes under; null: the top level. */
  readonly parent: string | null;
  readonly onClearParent: () => void;
  readonly onAdd: (path: string) => Promise<boolean>;
}

export function NewLabel({ parent, onClearParent, onAdd }: NewLabelProps) {
  const [text, setText] = useState('');
  const preview = useLabelsStore((s) => s.preview);
  const previewWords = useLabelsStore((s) => s.previewWords);
  const input = useRef<HTMLInputElement>(null);
  const tooLong = text.trim().length > MAX_LABEL_CHARS;
  const words = tooLong ? '' : leafName(text.trim());

  // Asked at every keystroke, without waiting for the typing to pause: the engine drops a request
  // a newer one replaced before it runs, so a pause would only delay the last word's answer.
  useEffect(() => {
    void previewWords(words);
  }, [words, previewWords]);

  useEffect(() => {
    if (parent !== null) input.current?.focus();
  }, [parent]);

  const add = async () => {
    const name = text.trim();
    if (name === '' || tooLong) return;
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
          {/* The whole width for the parent's name; "Top level" beside it, not beside the input. */}
          <span className="new-label-head">
            <span className="labels-subtitle label-under" title={parent ?? undefined}>
              Add a label{parent !== null && <> under “{leafName(parent)}”</>}
            </span>
            {parent !== null && (
              <button
                type="button"
                className="mini-button"
                onClick={(event) => {
                  event.preventDefault();
                  onClearParent();
                }}
              >
                Top level
              </button>
            )}
          </span>
          <input
            ref={input}
            value={text}
            placeholder="Describe what is in the photo: beach, receipt, heron…"
            data-testid="new-label-input"
            aria-invalid={tooLong}
            onChange={(event) => setText(event.target.value)}
          />
          {tooLong && (
            <span className="new-label-limit" role="alert" data-testid="label-limit">
              {LABEL_LIMIT_WORDS} (this one has {text.trim().length.toLocaleString()}).
            </span>
          )}
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={text.trim() === '' || tooLong}
        >
          Add
        </button>
      </form>
      {/* The last answer stays until the next one comes, so the grid does not blink per key. */}
      {preview !== null && words !== '' && (
        <section className="labels-card" aria-label="Preview" data-testid="label-preview">
          <h3 className="labels-subtitle label-under">
            Photos that look most like “{preview.text}”
          </h3>
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
