// Thumbnail URLs as the page asks for them: facet-media://thumb/<size>/<encoded path> in Electron,
// /facet-media/thumb/<size>/<encoded path> in browser mode (the contract's `thumbUrl`).

/** The sizes thumbnails come in (longest side, pixels), as the contract's ThumbnailSize. */
export const THUMBNAIL_SIZES = [128, 256, 512] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];

const PREFIXES = ['facet-media://thumb/', '/facet-media/thumb/'] as const;

/** The photo and size a thumbnail URL asks for; null when it is not one (or the size is not offered). */
export function thumbnailRequestFromUrl(
  url: string,
): { readonly path: string; readonly size: ThumbnailSize } | null {
  const prefix = PREFIXES.find((candidate) => url.startsWith(candidate));
  if (prefix === undefined) return null;
  const match = /^(\d+)\/([^?#]+)/s.exec(url.slice(prefix.length));
  if (match === null) return null;
  const size = Number(match[1]);
  if (!(THUMBNAIL_SIZES as readonly number[]).includes(size)) return null;
  try {
    const path = decodeURIComponent(match[2] as string);
    return path === '' ? null : { path, size: size as ThumbnailSize };
  } catch {
    return null; // malformed percent-encoding
  }
}
