// The keyword tree's shape and the words around it: nodes nested by their levels (which the
// engine splits, so a `\/` inside a level never makes a level of its own), what a filter box
// keeps, what a type-ahead offers, and how a node's counts read.
import type { KeywordNode, KeywordSet } from '../../../preload/contract/browse';

export interface KeywordBranch {
  readonly node: KeywordNode;
  readonly children: readonly KeywordBranch[];
}

const keyOf = (levels: readonly string[]) => JSON.stringify(levels);

/** A set's nodes nested by level; a node whose parent is missing sits at the top. */
export function keywordBranches(set: KeywordSet): KeywordBranch[] {
  const children = new Map<string, KeywordBranch[]>();
  const roots: KeywordBranch[] = [];
  for (const node of set.labels) {
    const branch = { node, children: [] as KeywordBranch[] };
    children.set(keyOf(node.levels), branch.children);
    const siblings = children.get(keyOf(node.levels.slice(0, -1)));
    (node.levels.length > 1 && siblings !== undefined ? siblings : roots).push(branch);
  }
  return roots;
}

const leafOf = (node: KeywordNode) => node.levels.at(-1) ?? node.label;

/** Branches whose leaf contains the words, with the branches above them (null: no words). */
export function narrowBranches(branches: readonly KeywordBranch[], words: string): KeywordBranch[] {
  const wanted = words.trim().toLowerCase();
  if (wanted === '') return [...branches];
  return branches.flatMap((branch) => {
    if (leafOf(branch.node).toLowerCase().includes(wanted)) return [branch];
    const children = narrowBranches(branch.children, wanted);
    return children.length === 0 ? [] : [{ ...branch, children }];
  });
}

/** How a node's counts read: "12 · 30 suggested", "12", "30 suggested", "none yet". */
export function countWords(node: Pick<KeywordNode, 'confirmed' | 'suggested'>): string {
  const parts = [
    node.confirmed > 0 ? String(node.confirmed) : null,
    node.suggested > 0 ? `${node.suggested} suggested` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'none yet' : parts.join(' · ');
}

export interface KeywordChoice {
  readonly labelSetId: number;
  readonly setName: string;
  readonly node: KeywordNode;
  /** The leaf ("circle") and the levels above it ("Shapes › Round"; empty at the top). */
  readonly leaf: string;
  readonly above: string;
}

/** Labels across sets whose leaf holds the words: leaves starting with them first, then by name. */
export function keywordChoices(
  sets: readonly KeywordSet[],
  words: string,
  limit = 12,
): KeywordChoice[] {
  const wanted = words.trim().toLowerCase();
  if (wanted === '') return [];
  const found = sets.flatMap((set) =>
    set.labels
      .filter((node) => leafOf(node).toLowerCase().includes(wanted))
      .map((node) => ({
        labelSetId: set.id,
        setName: set.name,
        node,
        leaf: leafOf(node),
        above: node.levels.slice(0, -1).join(' › '),
      })),
  );
  const starts = (choice: KeywordChoice) => (choice.leaf.toLowerCase().startsWith(wanted) ? 0 : 1);
  return found
    .sort(
      (a, b) =>
        starts(a) - starts(b) ||
        a.leaf.localeCompare(b.leaf, undefined, { sensitivity: 'base' }) ||
        a.setName.localeCompare(b.setName),
    )
    .slice(0, limit);
}
