// The library's calls beside CoreApi: index-run control, problems, watching and thumbnails.
import type { IndexRunState, LibraryFolder, PhotoProblem } from '../../../preload/contract/library';
import type { ThumbnailSize } from './thumbnail-url';

/** A thumbnail request answered: the cached file to send, or why nothing is sent. */
export type ThumbnailAnswer =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly status: 403 | 404 | 415; readonly reason: string };

export interface LibraryApi {
  listFolders(): Promise<readonly LibraryFolder[]>;
  pauseIndex(): Promise<boolean>;
  resumeIndex(): Promise<boolean>;
  cancelIndex(): Promise<boolean>;
  indexState(): Promise<IndexRunState>;
  listProblems(): Promise<readonly PhotoProblem[]>;
  /** Reads one unreadable photo again; true when it now reads. */
  retryProblem(path: string): Promise<boolean>;
  /** Starts watching the library's folders (until the engine closes) and indexes what changed. */
  watchFolders(): Promise<void>;
  /** The cached thumbnail of a photo inside the library's folders (made on first request). */
  thumbnail(path: string, size: ThumbnailSize): Promise<ThumbnailAnswer>;
}

export const LIBRARY_METHODS = [
  'listFolders',
  'pauseIndex',
  'resumeIndex',
  'cancelIndex',
  'indexState',
  'listProblems',
  'retryProblem',
  'watchFolders',
  'thumbnail',
] as const satisfies readonly (keyof LibraryApi)[];
