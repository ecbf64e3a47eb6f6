// How well clusters agree with known labels: adjusted Rand index and purity (the test and the
// benchmark print them).

function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Adjusted Rand index of two labelings of the same items (1 = identical partitions). */
export function adjustedRandIndex(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  const joint = new Map<string, number>();
  const left = new Map<string | number, number>();
  const right = new Map<string | number, number>();
  a.forEach((x, i) => {
    const y = b[i] as string | number;
    joint.set(`${x}\u0000${y}`, (joint.get(`${x}\u0000${y}`) ?? 0) + 1);
    left.set(x, (left.get(x) ?? 0) + 1);
    right.set(y, (right.get(y) ?? 0) + 1);
  });
  let index = 0;
  for (const n of joint.values()) index += pairs(n);
  let sumLeft = 0;
  for (const n of left.values()) sumLeft += pairs(n);
  let sumRight = 0;
  for (const n of right.values()) sumRight += pairs(n);
  const expected = (sumLeft * sumRight) / pairs(a.length);
  const max = (sumLeft + sumRight) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Share of items whose cluster's most common label is their own label. */
export function purity(clusters: readonly (string | number)[], labels: readonly string[]): number {
  const counts = new Map<string | number, Map<string, number>>();
  clusters.forEach((c, i) => {
    const inner = counts.get(c) ?? new Map<string, number>();
    const label = labels[i] as string;
    inner.set(label, (inner.get(label) ?? 0) + 1);
    counts.set(c, inner);
  });
  let agreeing = 0;
  for (const inner of counts.values()) agreeing += Math.max(...inner.values());
  return agreeing / Math.max(1, labels.length);
}
