// The keyword tree the Photos filter shows: each active label set's labels as levels, with how
// many photos carry each node (or a label below it) confirmed, and how many wait as suggestions.
import type { KeywordNode, KeywordSet } from '../../../preload/contract/browse';
import type { LabelSetDetail, PhotoTag } from '../../../preload/contract/labels';
import { joinLevels, labelLevels } from '../export/keywords';

interface Counts {
  confirmed: number;
  suggested: number;
}

/** The node paths a label counts for: itself and every level above it (`\/` stays inside a level). */
function selfAndAbove(label: string): string[] {
  const levels = labelLevels(label);
  return levels.map((_, i) => joinLevels(levels.slice(0, i + 1)));
}

/**
 * One set per detail, its nodes parents first. A photo counts once per node: confirmed when it or
 * a label below it is confirmed, suggested when one is suggested and none confirmed.
 */
export function keywordTree(
  details: readonly LabelSetDetail[],
  tagsOf: ReadonlyMap<number, readonly PhotoTag[]>,
): KeywordSet[] {
  const counts = new Map<number, Map<string, Counts>>();
  for (const detail of details) {
    const nodes = new Map<string, Counts>();
    // Levels a label list leaves implicit still get their node, so every leaf has a parent.
    for (const label of detail.labels)
      for (const path of selfAndAbove(label.path))
        if (!nodes.has(path)) nodes.set(path, { confirmed: 0, suggested: 0 });
    counts.set(detail.id, nodes);
  }
  for (const tags of tagsOf.values()) {
    const confirmed = new Set<string>();
    const suggested = new Set<string>();
    for (const tag of tags) {
      if (tag.state === 'rejected' || !counts.has(tag.labelSetId)) continue;
      const into = tag.state === 'confirmed' ? confirmed : suggested;
      for (const path of selfAndAbove(tag.label)) into.add(`${tag.labelSetId}\u0000${path}`);
    }
    for (const key of confirmed) bump(counts, key, 'confirmed');
    for (const key of suggested) if (!confirmed.has(key)) bump(counts, key, 'suggested');
  }
  return details.map((detail) => {
    const nodes = counts.get(detail.id) as Map<string, Counts>;
    const labels: KeywordNode[] = [...nodes]
      .map(([label, c]) => ({ label, levels: labelLevels(label), ...c }))
      .sort((a, b) => compareLevels(a.levels, b.levels));
    return { id: detail.id, name: detail.name, labels };
  });
}

function bump(counts: Map<number, Map<string, Counts>>, key: string, state: keyof Counts) {
  const cut = key.indexOf('\u0000');
  const node = counts.get(Number(key.slice(0, cut)))?.get(key.slice(cut + 1));
  if (node !== undefined) node[state] += 1;
}

/** Level by level, case-insensitively: a parent sorts right before its children. */
function compareLevels(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = (a[i] as string).localeCompare(b[i] as string, undefined, {
      sensitivity: 'base',
    });
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
