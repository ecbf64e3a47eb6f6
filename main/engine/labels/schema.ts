// The label sets a user keeps in the library, their labels (the whole tree, parents included)
// and the tag decisions, keyed by photo + set + label path so they outlive models and re-indexing.
import type { Migration } from '../library/schema';

export const LABELS_MIGRATIONS: readonly Migration[] = [
  {
    id: 'labels-1',
    sql: `
    CREATE TABLE label_sets (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      mode TEXT NOT NULL CHECK (mode IN ('exclusive', 'multi')),
      templates TEXT NOT NULL,
      background INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE labels (
      label_set_id INTEGER NOT NULL REFERENCES label_sets (id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      prompts TEXT,
      threshold REAL,
      position INTEGER NOT NULL,
      PRIMARY KEY (label_set_id, path)
    ) WITHOUT ROWID;
    CREATE TABLE tag_decisions (
      file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
      label_set_id INTEGER NOT NULL REFERENCES label_sets (id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('confirmed', 'rejected')),
      decided_at INTEGER NOT NULL,
      PRIMARY KEY (file_id, label_set_id, label)
    ) WITHOUT ROWID;
    CREATE INDEX tag_decisions_label ON tag_decisions (label_set_id, label);
    `,
  },
  {
    // A set that suggests nothing (keywords imported from photos: only the photos that had them
    // carry them), and the tag decisions as a history of undoable steps.
    id: 'labels-2',
    sql: `
    ALTER TABLE label_sets ADD COLUMN suggest INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE tag_steps (
      id INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      photos INTEGER NOT NULL,
      labels_added TEXT,
      at INTEGER NOT NULL,
      undone INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE tag_step_changes (
      id INTEGER PRIMARY KEY,
      step_id INTEGER NOT NULL REFERENCES tag_steps (id) ON DELETE CASCADE,
      file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
      label_set_id INTEGER NOT NULL REFERENCES label_sets (id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      before TEXT CHECK (before IN ('confirmed', 'rejected')),
      after TEXT CHECK (after IN ('confirmed', 'rejected'))
    );
    CREATE INDEX tag_step_changes_step ON tag_step_changes (step_id);
    `,
  },
  {
    // Text embeddings of label prompts and of the background descriptions, per model: the
    // background alone is thousands of texts, embedded once per model rather than per start.
    id: 'labels-text-embeddings',
    sql: `
    CREATE TABLE text_embeddings (
      model_id TEXT NOT NULL,
      text TEXT NOT NULL,
      vector BLOB NOT NULL,
      PRIMARY KEY (model_id, text)
    ) WITHOUT ROWID;
    `,
  },
];
