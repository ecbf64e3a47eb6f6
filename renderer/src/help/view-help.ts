// What "?" says in each view: what the view is for, in a line, and its keys.
export interface ViewHelp {
  readonly about: string;
  readonly keys: readonly (readonly [string, string])[];
}

const GLOBAL_KEYS: readonly (readonly [string, string])[] = [
  ['?', 'Show or hide this help'],
  ['Esc', 'Close this help'],
];

const HELP: Readonly<Record<string, ViewHelp>> = {
  photos: {
    about: 'Browse, search and tag your photos. Double-click a photo to open it.',
    keys: [
      ['/', 'Search'],
      ['Enter', 'Open the selected photo'],
      ['← → ↑ ↓', 'Move the selection in the grid (Shift extends it); ← → step in the photo view'],
      ['Home / End', 'First / last photo of the grid'],
      ['↑ ↓', 'Choose a tag in the photo view'],
      ['C', 'Confirm the chosen tag'],
      ['X', 'Reject the chosen tag'],
      ['U', 'Undo the decision on the chosen tag'],
      ['M', 'More like this photo'],
      ['Ctrl/⌘ + A', 'Select all photos on screen'],
      ['Shift / Ctrl / ⌘ + click', 'Extend / toggle the selection'],
      ['Esc', 'Close the photo view, clear the selection'],
      ['Y or Enter / N / A', 'Review suggestions: confirm, reject, accept all on the photo'],
      ['→ or Space / ←, U', 'Review suggestions: next / previous photo, undo'],
    ],
  },
  labels: {
    about:
      'Describe your own labels (a tree: drag one onto another) and choose how sure Facet must be before it suggests one, watching the photos on the edge.',
    keys: [
      ['Enter', 'Add the typed label'],
      ['Drag a label', 'Move it under another'],
    ],
  },
  clusters: {
    about:
      'Groups of similar photos, near-duplicates and a map of the library, found without any labels. Open a cluster to see, select and tag its photos.',
    keys: [
      ['Click a cluster', 'Open its photos'],
      ['Shift / Ctrl / ⌘ + click', 'Extend / toggle the selection in a cluster'],
      ['Click a dot', 'Open that photo (map)'],
      ['Shift + drag', 'Lasso photos on the map'],
      ['Wheel / drag', 'Zoom / pan the map'],
    ],
  },
  folders: {
    about:
      'The folders Facet indexes and watches, with progress and the files it could not read (Problems).',
    keys: [],
  },
  export: {
    about:
      'Write confirmed tags into XMP sidecars (Lightroom, digiKam, darktable, Immich), CSV or JSON. Originals are not touched unless you turn on embedding.',
    keys: [],
  },
  models: {
    about:
      'Choose the model Facet uses: a small one for CPU-only computers, a large one for a GPU.',
    keys: [],
  },
};

export function helpFor(viewId: string): ViewHelp {
  const help = HELP[viewId] ?? { about: '', keys: [] };
  return { about: help.about, keys: [...help.keys, ...GLOBAL_KEYS] };
}
