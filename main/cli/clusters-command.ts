// `facet clusters`: the library's similarity clusters (name, member paths), the photos in none,
// and the near-duplicate groups, from the same engine process as every other command.
import { parseArgs } from 'node:util';
import type { ClusterOverview, DuplicateReport } from '../../preload/contract/clusters';
import { EXIT, fail, failWith, startCommandEngine } from './subcommand';
import { terminalText } from './terminal-text';

export const CLUSTERS_USAGE = `Usage: facet clusters [--library DIR] [--cut C] [--threshold T] [--json]

  Groups of similar photos (no number of groups asked), the photos in none, and near-duplicates.

  --library DIR    the library (default: the app's user-data folder)
  --cut C          how far apart photos of one cluster may be, 0 to 1 (kept for the library)
  --threshold T    near-duplicate similarity, 0 to 1 (kept for the library; default 0.95)
  --json           print {"clusters":[{"name","paths"}],"noise":[...],"duplicates":[{"paths"}]}
  --verbose        also print the engine's log lines on stderr
`;

const OPTIONS = {
  library: { type: 'string' },
  cut: { type: 'string' },
  threshold: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `facet clusters --json` (DESIGN.md), with ids, the cut and each group's best photo added. */
export function clustersJson(overview: ClusterOverview, duplicates: DuplicateReport) {
  return {
    clusters: overview.clusters.map((c) => ({
      id: c.id,
      name: c.name,
      paths: c.photos.map((p) => p.path),
    })),
    noise: overview.noise.map((p) => p.path),
    duplicates: duplicates.groups.map((g) => ({
      paths: g.photos.map((p) => p.path),
      best: g.photos.find((p) => p.id === g.bestId)?.path ?? null,
      marked: g.photos.filter((p) => p.marked).map((p) => p.path),
      similarity: g.similarity,
    })),
    photos: overview.photos,
    cut: overview.cut,
    threshold: duplicates.threshold,
  };
}

export function formatClusters(overview: ClusterOverview, duplicates: DuplicateReport): string {
  const lines: string[] = [];
  for (const c of overview.clusters) {
    lines.push(`${c.name} (${c.photos.length} photos)`);
    for (const p of c.photos) lines.push(`  ${p.path}`);
  }
  if (overview.noise.length > 0) {
    lines.push(`In no cluster (${overview.noise.length} photos)`);
    for (const p of overview.noise) lines.push(`  ${p.path}`);
  }
  for (const [i, g] of duplicates.groups.entries()) {
    lines.push(`Near-duplicates ${i + 1} (similarity ${g.similarity.toFixed(3)})`);
    for (const p of g.photos)
      lines.push(
        `  ${p.id === g.bestId ? 'best  ' : p.marked ? 'marked' : '      '} ${p.width}x${p.height} sharpness ${p.sharpness.toFixed(0)} ${p.path}`,
      );
  }
  lines.push(
    `${overview.clusters.length} clusters of ${overview.photos} photos (${overview.noise.length} in none), ${duplicates.groups.length} near-duplicate groups at ${duplicates.threshold}.`,
  );
  return lines.join('\n');
}

function fraction(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!(n > 0 && n < 1))
    throw new Error(`--${name} must be a number between 0 and 1 (got "${value}").`);
  return n;
}

export async function runClustersCommand(argv: readonly string[]): Promise<number> {
  let values;
  let cut: number | null;
  let threshold: number | null;
  try {
    const parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
    values = parsed.values;
    if (parsed.positionals.length > 0)
      throw new Error(`"facet clusters" takes no paths (got "${parsed.positionals[0] ?? ''}").`);
    cut = fraction('cut', values.cut);
    threshold = fraction('threshold', values.threshold);
  } catch (error) {
    return fail(
      `${(error as Error).message.split('\n')[0] ?? ''} (facet clusters --help)`,
      EXIT.usage,
    );
  }
  if (values.help === true) {
    process.stdout.write(CLUSTERS_USAGE);
    return EXIT.ok;
  }
  const engine = startCommandEngine(values.library, values.verbose === true);
  try {
    const overview =
      cut === null ? await engine.api.clusters.list() : await engine.api.clusters.setCut(cut);
    const duplicates = await engine.api.clusters.duplicates(threshold);
    process.stdout.write(
      values.json === true
        ? `${JSON.stringify(clustersJson(overview, duplicates))}\n`
        : `${terminalText(formatClusters(overview, duplicates))}\n`,
    );
    return EXIT.ok;
  } catch (error) {
    return failWith(error);
  } finally {
    await engine.close();
  }
}
