// Tags and scores as a table: CSV (one row per photo and tag) or JSON (one entry per photo).
import type { PhotoTag } from '../labels/tags';

export interface PhotoTags {
  readonly path: string;
  readonly tags: readonly PhotoTag[];
}

/** The tags an export writes: confirmed ones, suggestions above threshold on request, never rejected ones. */
export function exportedTags(tags: readonly PhotoTag[], includeSuggested: boolean): PhotoTag[] {
  return tags.filter(
    (tag) => tag.state === 'confirmed' || (includeSuggested && tag.state === 'suggested'),
  );
}

/** Label paths for keywords: a parent that a chosen child already names is left out. */
export function keywordLabels(tags: readonly PhotoTag[]): string[] {
  const paths = [...new Set(tags.map((tag) => tag.label))];
  return paths.filter((path) => !paths.some((other) => other.startsWith(`${path}/`)));
}

/**
 * The score column's one scale: how sure Facet is that the photo shows the label, a probability
 * from 0 to 1 (the app's "% sure" over 100), from the same function the app asks
 * (labels/photo-tags.ts); null when the active model has not scored the photo.
 */
const roundScore = (score: number | null) => (score === null ? null : Number(score.toFixed(6)));

/**
 * RFC 4180 quoting. Text starting with = + - @ (or a tab or CR) is defused with a quote so
 * spreadsheets never run it as a formula; numbers are written as numbers, never guarded.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tagsCsv(photos: readonly PhotoTags[]): { text: string; rows: number } {
  const lines = ['path,label,label_set,state,score'];
  for (const photo of photos)
    for (const tag of photo.tags)
      lines.push(
        [photo.path, tag.label, tag.labelSetName, tag.state, roundScore(tag.score)]
          .map(cell)
          .join(','),
      );
  return { text: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}

export function tagsJson(photos: readonly PhotoTags[], model: string): string {
  const document = {
    model,
    exportedAt: new Date().toISOString(),
    photos: photos.map((photo) => ({
      path: photo.path,
      tags: photo.tags.map((tag) => ({
        label: tag.label,
        labelSet: tag.labelSetName,
        state: tag.state,
        score: roundScore(tag.score),
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
