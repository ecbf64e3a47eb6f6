// What Facet reads as a photo, and which media it lists as not read (videos), by file extension.
// The scanner, the watcher and the photo protocol share these lists; decode-photo sniffs the bytes.

const extensions = (names: string): string[] => names.split(/\s+/).map((name) => `.${name}`);

/** Camera raw formats, read from their embedded JPEG preview. */
export const RAW_EXTENSIONS: ReadonlySet<string> = new Set(
  extensions(
    'cr2 cr3 crw nef nrw arw sr2 srf raf orf rw2 rwl pef dng srw x3f 3fr fff iiq erf mrw mef mos kdc dcr k25 gpr',
  ),
);

/** Every extension indexed as a photo. */
export const PHOTO_EXTENSIONS: ReadonlySet<string> = new Set([
  ...extensions('jpg jpeg png webp tiff tif gif avif heic heif hif jxl bmp dib psd psb jpe'),
  ...RAW_EXTENSIONS,
]);

/** Videos that sit beside photos (phones, cameras, Live Photos): listed as not indexed. */
export const VIDEO_EXTENSIONS: ReadonlySet<string> = new Set(
  extensions(
    'mov mp4 m4v avi mts m2ts 3gp 3g2 mkv webm wmv mpg mpeg flv ogv insv lrv dv vob asf mxf braw r3d crm',
  ),
);
