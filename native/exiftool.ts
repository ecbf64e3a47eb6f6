// ExifTool, through exiftool-vendored: the Perl ExifTool it ships runs on the system perl
// (/usr/bin/perl, else the first perl on PATH), kept running between calls (-stay_open).
// Facet reads and writes keywords with it instead of writing XMP by hand.
import { ExifTool } from 'exiftool-vendored';

/** Values as ExifTool names them with their group ('XMP-dc:Subject'); lists as arrays. */
export type TagValues = Readonly<Record<string, string | readonly string[]>>;

export interface MetadataTool {
  /** The named tags of `file` ('XMP-dc:Subject', 'IPTC:Keywords', ...); absent tags are left out. */
  readTags(file: string, tags: readonly string[]): Promise<Record<string, string | string[]>>;
  /**
   * Writes `tags` into a new file `output` (which must not exist yet): a copy of `source` with the
   * tags changed, or a new XMP file when `source` is null. `source` itself is never touched.
   * An empty list deletes the tag.
   */
  writeCopy(source: string | null, output: string, tags: TagValues): Promise<void>;
  /** ExifTool's version, e.g. "13.59"; fails with a clear message when perl or ExifTool is missing. */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** ExifTool could not run: no perl, or the vendored ExifTool is missing. */
export class MetadataToolError extends Error {
  override readonly name = 'MetadataToolError';
  readonly code = 'EXIFTOOL_UNAVAILABLE';
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim();
}

function isStartFailure(message: string): boolean {
  return /perl must be installed|failed to find exiftool|spawn|ENOENT/i.test(message);
}

/**
 * exiftool-vendored hands values to ExifTool HTML-encoded (`-E`) but leaves `&` as it is, so a
 * keyword `<b>&amp;</b>` would be written as `<b>&</b>`: `&` is encoded too, to stay itself.
 */
const literal = (value: string): string => value.replace(/&/g, '&#38;');

export function openMetadataTool(): MetadataTool {
  let tool: ExifTool | null = null;
  const exiftool = (): ExifTool =>
    (tool ??= new ExifTool({
      maxProcs: 1,
      taskTimeoutMillis: 30_000,
      geolocation: false,
      // A sidecar from another app may carry odd but harmless values; keywords still read.
      ignoreMinorErrors: true,
    }));

  const run = async <T>(what: string, work: (et: ExifTool) => Promise<T>): Promise<T> => {
    try {
      return await work(exiftool());
    } catch (error) {
      const message = describe(error);
      if (isStartFailure(message) && !/Error opening file/i.test(message))
        throw new MetadataToolError(`ExifTool could not run (${message}); is perl installed?`, {
          cause: error,
        });
      throw new Error(`${what}: ${message}`, { cause: error });
    }
  };

  return {
    readTags: (file, tags) =>
      run(`Could not read ${file}`, async (et) => {
        const raw = (await et.readRaw(file, {
          readArgs: ['-G1', ...tags.map((tag) => `-${tag}`)],
        })) as unknown as Record<string, unknown>;
        const errors = raw.errors as unknown[] | undefined;
        if (Array.isArray(errors) && errors.length > 0)
          throw new Error(errors.map(String).join('; '));
        const values: Record<string, string | string[]> = {};
        for (const tag of tags) {
          const value = raw[tag];
          if (value === undefined || value === null) continue;
          // ExifTool prints numeric-looking keywords ("2024") as JSON numbers.
          values[tag] = Array.isArray(value) ? value.map(String) : String(value);
        }
        return values;
      }),
    writeCopy: (source, output, tags) =>
      run(`Could not write ${output}`, async (et) => {
        const values = Object.fromEntries(
          Object.entries(tags).map(([tag, value]) => [
            tag,
            typeof value === 'string' ? literal(value) : value.map(literal),
          ]),
        );
        if (source === null) await et.write(output, values);
        else await et.write(source, values, { writeArgs: ['-o', output] });
      }),
    version: () => run('ExifTool', (et) => et.version()),
    close: async () => {
      const running = tool;
      tool = null;
      await running?.end();
    },
  };
}
