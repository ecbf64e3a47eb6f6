// What each command prints for a person (without --json).
import type {
  IndexReport,
  LibraryStatusReport,
  SearchResult,
  TagReport,
} from '../engine/engine-api';

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

function errorLines(errors: readonly { path: string; error: string }[]): string[] {
  return errors.map((problem) => `  could not read ${problem.path}: ${problem.error}`);
}

export function formatIndex(report: IndexReport): string {
  return [
    `${plural(report.files, 'photo')} found: ${report.embedded.toLocaleString()} embedded, ` +
      `${report.skipped.toLocaleString()} already indexed, ${report.errors.length.toLocaleString()} unreadable (device: ${report.device}).`,
    ...errorLines(report.errors),
    ...(report.ignored.length === 0
      ? []
      : [`${plural(report.ignored.length, 'video')} not indexed:`]),
    ...report.ignored.map((item) => `  ${item.path}: ${item.reason}`),
  ].join('\n');
}

export function formatStatus(status: LibraryStatusReport): string {
  const embedded = Object.entries(status.embedded);
  return [
    `${plural(status.roots.length, 'folder')}, ${plural(status.files, 'photo')}, ${status.errors.toLocaleString()} unreadable.`,
    ...status.roots.map((root) => `  ${root}`),
    ...(embedded.length === 0
      ? ['Nothing embedded yet: run "facet index <folder>".']
      : embedded.map(([model, n]) => `Embedded with ${model}: ${n.toLocaleString()}`)),
  ].join('\n');
}

export function formatTag(report: TagReport): string {
  const lines = report.files.map((file) => {
    if (file.error !== null) return `${file.path}: could not read it (${file.error})`;
    // Labels that would print as 0.000 say nothing to a reader; the best one always shows.
    const shown = file.tags.filter((tag, i) => i === 0 || tag.score >= 0.0005);
    const tags = shown.map((tag) => `${tag.label} ${tag.score.toFixed(3)}`).join(', ');
    return `${file.path}: ${tags === '' ? '(no tag)' : tags}`;
  });
  const summary = report.summary as { files?: number; tagged?: number; errors?: number };
  lines.push(
    `Tagged ${summary.tagged ?? 0} of ${plural(summary.files ?? 0, 'photo')} (${summary.errors ?? 0} unreadable).`,
  );
  return lines.join('\n');
}

export function formatResults(result: SearchResult): string {
  if (result.results.length === 0)
    return 'No results: index some photos first ("facet index <folder>").';
  return result.results.map((match) => `${match.score.toFixed(4)}  ${match.path}`).join('\n');
}
