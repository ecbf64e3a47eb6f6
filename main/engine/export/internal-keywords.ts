// Keywords applications write for their own bookkeeping, not as the user's tags: darktable's
// `darktable|format|jpg`, `darktable|changed`, digiKam's `_Digikam_Internal_Tags_/...`. A keyword
// import leaves them out, so they never become labels.
const INTERNAL_ROOTS: readonly RegExp[] = [
  /^darktable$/i, // darktable|format|..., darktable|changed, darktable|exported, darktable|mode|...
  /^_digikam_/i, // _Digikam_Internal_Tags_/Color Label Red, _Digikam_root_tag_
];

/** True when a label path read from keywords is an application's internal tag. */
export function isInternalKeyword(path: string): boolean {
  const root = path.split(/[/|]/)[0]?.trim() ?? '';
  return INTERNAL_ROOTS.some((pattern) => pattern.test(root));
}
