// The one way a folder or photo becomes a root of the library, for the app's Add folder and for
// `facet index` / `facet tag` alike: it must exist and be readable, not be inside a root already,
// and a broad folder (/ , a system folder, a whole home folder) needs the user's confirmation.
import { resolve } from 'node:path';
import { broadFolderQuestion } from './broad-folders';
import type { Library } from './library';
import { checkLibraryPath } from './scanner';

/** What became of one path asked to be a root. */
export type RootOutcome =
  | { readonly path: string; readonly verdict: 'added' }
  /** Could be added, but another path of an all-or-nothing call was refused or unconfirmed. */
  | { readonly path: string; readonly verdict: 'addable' }
  | { readonly path: string; readonly verdict: 'covered'; readonly root: string }
  | { readonly path: string; readonly verdict: 'refused'; readonly reason: string }
  | { readonly path: string; readonly verdict: 'unconfirmed'; readonly question: string };

export interface AddRootsOptions {
  /** The user confirmed adding a broad folder. */
  readonly confirmed?: boolean;
  /** Add nothing unless every path can be added or is covered already (the command line's way). */
  readonly allOrNothing?: boolean;
}

type Checked = RootOutcome | { readonly path: string; readonly kind: 'folder' | 'photo' };

async function checkRoot(library: Library, path: string, confirmed: boolean): Promise<Checked> {
  const check = await checkLibraryPath(path);
  if (!check.ok) return { path, verdict: 'refused', reason: check.reason };
  const covering = library.rootCovering(path);
  if (covering !== null) return { path, verdict: 'covered', root: covering.path };
  const question = confirmed ? null : await broadFolderQuestion(path);
  if (question !== null) return { path, verdict: 'unconfirmed', question: question.question };
  return { path, kind: check.kind };
}

/** Adds the paths that may be roots, in order: one inside a root added just before is covered by it. */
export async function addRoots(
  library: Library,
  paths: readonly string[],
  options: AddRootsOptions = {},
): Promise<RootOutcome[]> {
  const checked: Checked[] = [];
  for (const path of paths)
    checked.push(await checkRoot(library, resolve(path), options.confirmed === true));
  const blocked = checked.some(
    (item) => 'verdict' in item && (item.verdict === 'refused' || item.verdict === 'unconfirmed'),
  );
  return checked.map((item): RootOutcome => {
    if ('verdict' in item) return item;
    const covering = library.rootCovering(item.path);
    if (covering !== null) return { path: item.path, verdict: 'covered', root: covering.path };
    if (blocked && options.allOrNothing === true) return { path: item.path, verdict: 'addable' };
    library.addRoot(item.path, item.kind);
    return { path: item.path, verdict: 'added' };
  });
}
