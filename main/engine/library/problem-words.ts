// What went wrong with an unreadable photo, in the words its owner would use. The decoder's own
// message ("VipsJpeg: premature end of JPEG image") stays beside it as the detail.
import { open } from 'node:fs/promises';

export const PROBLEM_WORDS = {
  empty: 'The file is empty',
  truncated: 'The file ends early: it may still be copying',
  unsupported: "Facet can't read this kind of file",
  denied: "Facet isn't allowed to read this file",
  gone: 'The file is no longer there',
  notAFile: 'This is not a regular file',
  tooLarge: 'The picture is larger than Facet reads',
  damaged: 'The file is damaged',
} as const;

/** The last bytes a complete JPEG (end-of-image marker) and PNG (IEND chunk) finish with. */
const JPEG_START = Buffer.from([0xff, 0xd8]);
const PNG_START = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const JPEG_END = Buffer.from([0xff, 0xd9]);
const PNG_END = Buffer.from('IEND');
const TAIL = 64;

/** What the file's own bytes say: empty, or a JPEG or PNG that stops before its last marker. */
async function fileShape(path: string): Promise<'empty' | 'truncated' | 'whole' | 'unknown'> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size === 0) return 'empty';
    const head = Buffer.alloc(Math.min(size, 8));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(size, TAIL));
    await handle.read(tail, 0, tail.length, size - tail.length);
    // A camera or editor may pad after the end marker, so it is looked for near the end.
    if (head.subarray(0, 2).equals(JPEG_START))
      return tail.includes(JPEG_END) ? 'whole' : 'truncated';
    if (head.subarray(0, 4).equals(PNG_START))
      return tail.includes(PNG_END) ? 'whole' : 'truncated';
    return 'unknown';
  } catch {
    return 'unknown';
  } finally {
    await handle?.close();
  }
}

/** The reason in plain words for a photo whose reading failed with `detail`. */
export async function problemInWords(path: string, detail: string): Promise<string> {
  if (/EACCES|EPERM|permission denied|not permitted/i.test(detail)) return PROBLEM_WORDS.denied;
  if (/no longer exists|ENOENT|no such file/i.test(detail)) return PROBLEM_WORDS.gone;
  if (/pipe|FIFO|socket|not a regular file|character device|block device/i.test(detail))
    return PROBLEM_WORDS.notAFile;
  if (/megapixels/i.test(detail)) return PROBLEM_WORDS.tooLarge;
  const shape = await fileShape(path);
  if (shape === 'empty' || /buffer is empty|file is empty/i.test(detail))
    return PROBLEM_WORDS.empty;
  if (shape === 'truncated' || /premature end|truncated|unexpected end of/i.test(detail))
    return PROBLEM_WORDS.truncated;
  if (/unsupported image format|unknown format|not a known|no decoder|not supported/i.test(detail))
    return PROBLEM_WORDS.unsupported;
  return PROBLEM_WORDS.damaged;
}
