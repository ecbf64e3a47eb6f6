// Matches keywords read from photos to the labels of the active label sets; keywords no set has
// become labels of an "Imported" set, confirmed on the photos that had them and suggested on none.
import type { Database } from '../../../native/sqlite';
import {
  createLabelSet,
  editLabelSet,
  emptyDocument,
  labelSetDetail,
  listLabelSets,
} from '../labels/label-store';

export const IMPORTED_SET = 'Imported';

export interface LabelMatch {
  readonly labelSetId: number;
  readonly labelSetName: string;
  readonly label: string;
  /** The label is new in the "Imported" set (or would be, in a dry run). */
  readonly added: boolean;
}

interface KnownLabel {
  readonly labelSetId: number;
  readonly labelSetName: string;
  readonly label: string;
}

const leafOf = (path: string) => path.slice(path.lastIndexOf('/') + 1).toLowerCase();

export class LabelMatcher {
  private readonly byPath = new Map<string, KnownLabel>();
  private readonly byLeaf = new Map<string, KnownLabel[]>();
  private imported: { id: number; name: string } | null;
  private readonly pending = new Set<string>();

  constructor(private readonly db: Database) {
    const sets = listLabelSets(db);
    for (const set of sets.filter((s) => s.active)) {
      for (const { path } of labelSetDetail(db, set.id).labels)
        this.remember({ labelSetId: set.id, labelSetName: set.name, label: path });
    }
    const imported = sets.find((set) => set.name === IMPORTED_SET);
    this.imported = imported === undefined ? null : { id: imported.id, name: imported.name };
  }

  private remember(known: KnownLabel): void {
    const key = known.label.toLowerCase();
    if (!this.byPath.has(key)) this.byPath.set(key, known);
    const leaf = leafOf(known.label);
    const same = this.byLeaf.get(leaf);
    if (same === undefined) this.byLeaf.set(leaf, [known]);
    else same.push(known);
  }

  /**
   * The label a keyword path stands for: the same path in an active set (any case), else the one
   * label whose last level it names ("Heron" -> "Animals/Bird/Heron"), else a new imported label.
   */
  match(path: string): LabelMatch {
    const known = this.byPath.get(path.toLowerCase());
    if (known !== undefined) return { ...known, added: false };
    const byLeaf = path.includes('/') ? [] : (this.byLeaf.get(leafOf(path)) ?? []);
    if (byLeaf.length === 1) return { ...(byLeaf[0] as KnownLabel), added: false };
    this.pending.add(path);
    return {
      labelSetId: this.imported?.id ?? -1,
      labelSetName: this.imported?.name ?? IMPORTED_SET,
      label: path,
      added: true,
    };
  }

  /**
   * The set keywords no other set has go to. It suggests nothing: a keyword stays on the photos
   * that had it until the user turns suggestions on (another photo's "Lisbon" is no guess).
   */
  private createImportedSet(): number {
    const id = createLabelSet(this.db, emptyDocument(IMPORTED_SET, 'multi'));
    editLabelSet(this.db, id, { kind: 'set-options', suggest: false });
    return id;
  }

  /** Adds the new labels to the "Imported" set (made when missing); answers its id. */
  addPending(): number | null {
    if (this.pending.size === 0) return this.imported?.id ?? null;
    const id = this.imported?.id ?? this.createImportedSet();
    const existing = new Set(labelSetDetail(this.db, id).labels.map((label) => label.path));
    // Parents first: adding "A/B" adds "A", which must not then be added again.
    const labels = [...this.pending]
      .sort((a, b) => a.split('/').length - b.split('/').length)
      .filter((path) => !existing.has(path))
      .map((path) => ({ path, prompts: null, threshold: null }));
    if (labels.length > 0) editLabelSet(this.db, id, { kind: 'add-labels', labels });
    const detail = labelSetDetail(this.db, id);
    this.imported = { id, name: detail.name };
    for (const path of this.pending)
      this.remember({ labelSetId: id, labelSetName: detail.name, label: path });
    this.pending.clear();
    return id;
  }
}
