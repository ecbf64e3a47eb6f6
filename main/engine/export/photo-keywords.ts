// Reads the keywords other apps (or an earlier export) left in a photo's sidecars and in the photo
// itself, as label paths Facet can confirm ('Animals/Bird/Heron').
import type { MetadataTool } from '../../../native/exiftool';
import { labelsFromKeywords, ORIGINAL_FIELDS, SIDECAR_FIELDS, type KeywordField } from './keywords';
import { findSidecars, readKeywords } from './xmp-write';

export interface PhotoLabels {
  readonly photoPath: string;
  /** Label paths, hierarchical ones first. */
  readonly labels: readonly string[];
  /** The files they came from (sidecars, and the photo when it holds keywords). */
  readonly sources: readonly string[];
}

export async function readPhotoLabels(tool: MetadataTool, photoPath: string): Promise<PhotoLabels> {
  const files: [string, readonly KeywordField[]][] = [
    ...(await findSidecars(photoPath)).map((path): [string, readonly KeywordField[]] => [
      path,
      SIDECAR_FIELDS,
    ]),
    [photoPath, ORIGINAL_FIELDS],
  ];
  const labels = new Set<string>();
  const sources: string[] = [];
  for (const [file, fields] of files) {
    const found = labelsFromKeywords(await readKeywords(tool, file, fields));
    if (found.length === 0) continue;
    sources.push(file);
    for (const label of found) labels.add(label);
  }
  return { photoPath, labels: [...labels], sources };
}
