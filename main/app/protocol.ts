// facet-media://photo/<encoded absolute path>: serves library photos to the page, and nothing else
// (media-guard decides; the library's roots come from the engine and are cached).
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { EngineClient } from '../engine/host/engine-client';
import type { ThumbnailAnswer } from '../../preload/contract/library';
import { thumbnailRequestFromUrl, type ThumbnailSize } from '../engine/library/thumbnail-url';
import { photoPathFromUrl, resolveLibraryPhoto } from '../engine/media-guard';

export const PHOTO_SCHEME = 'facet-media';

/** Must run before the app is ready. */
export function registerPhotoScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: PHOTO_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

export interface LibraryRoots {
  get(): Promise<readonly string[]>;
  /** Forget the cached roots (folders were added or removed). */
  refresh(): void;
  /** The cached thumbnail of a photo in those folders (the engine checks it is one, then makes it). */
  thumbnail(path: string, size: ThumbnailSize): Promise<ThumbnailAnswer>;
}

export function cachedLibraryRoots(engine: EngineClient): LibraryRoots {
  let roots: Promise<readonly string[]> | null = null;
  let count = -1;
  const refresh = () => {
    roots = null;
  };
  engine.on('engine:status', (status) => {
    if (status.library.roots !== count || status.state === 'ready') refresh();
    count = status.library.roots;
  });
  return {
    get: () => {
      const current = roots ?? engine.api.library.roots();
      roots = current;
      current.catch(() => roots === current && refresh()); // a failed lookup is retried next time
      return current;
    },
    refresh,
    thumbnail: (path, size) => engine.api.library.thumbnail(path, size),
  };
}

function refuse(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

async function serveThumbnail(
  request: Request,
  path: string,
  size: ThumbnailSize,
  roots: LibraryRoots,
): Promise<Response> {
  let answer: ThumbnailAnswer;
  try {
    answer = await roots.thumbnail(path, size);
  } catch {
    return refuse(503, 'The library is not available right now.');
  }
  if (!answer.ok) return refuse(answer.status, answer.reason);
  const file = await net.fetch(pathToFileURL(answer.file).href);
  return new Response(request.method === 'HEAD' ? null : file.body, {
    status: file.status,
    headers: {
      'content-type': 'image/webp',
      'x-content-type-options': 'nosniff',
      // The URL stays when the photo changes: ask again soon, the engine answers from its cache.
      'cache-control': 'private, max-age=10',
    },
  });
}

export function handlePhotoRequests(roots: LibraryRoots): void {
  protocol.handle(PHOTO_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(405, 'Method not allowed.');
    const thumb = thumbnailRequestFromUrl(request.url);
    if (thumb !== null) return serveThumbnail(request, thumb.path, thumb.size, roots);
    const requested = photoPathFromUrl(request.url);
    if (requested === null) return refuse(404, 'Not a photo URL.');
    let access;
    try {
      access = await resolveLibraryPhoto(requested, await roots.get());
    } catch {
      return refuse(503, 'The library is not available right now.');
    }
    if (!access.ok) return refuse(access.status, access.reason);
    const file = await net.fetch(pathToFileURL(access.path).href);
    const headers = new Headers(file.headers);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('cache-control', 'private, max-age=60');
    return new Response(request.method === 'HEAD' ? null : file.body, {
      status: file.status,
      headers,
    });
  });
}
