// How other apps see a photo's keywords, for the export tests: Immich's and digiKam's read order
// over ExifTool's view, and exiv2 (the library digiKam and darktable read metadata with) as a
// second, independent reader.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { list, readBack } from './exiftool-cli.fixture';

const run = promisify(execFile);

/** A keyword field's values as exiv2 reads them (values must hold no ", ", which exiv2 prints between them). */
export async function exiv2Values(file: string, key: string): Promise<string[]> {
  const { stdout } = await run('exiv2', ['-K', key, '-Pcv', file]).catch(
    (error: { stdout?: string; code?: number }) => {
      if (error.code === 1 || error.code === 253) return { stdout: error.stdout ?? '' };
      throw error;
    },
  );
  const values: string[] = [];
  for (const line of stdout.split('\n').filter((l) => l.trim() !== '')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (match === null) continue;
    const parts = (match[2] as string).split(', ');
    // Bags and Seqs print as one line with a count; IPTC repeats its key once per value.
    values.push(...(Number(match[1]) === parts.length ? parts : [match[2] as string]));
  }
  return values;
}

/** Every metadata line exiv2 prints for `file` (`key type count value`), keys matching `skip` left out. */
export async function exiv2Lines(file: string, skip: RegExp): Promise<string[]> {
  const { stdout } = await run('exiv2', ['-px', file]);
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '' && !skip.test(line.split(/\s+/)[0] ?? ''));
}

type Tags = Record<string, unknown>;

/**
 * The tags Immich shows: its metadata is the file's with the sidecar's on top, and it takes the
 * first non-empty of TagsList, HierarchicalSubject (`|` levels) and Keywords.
 */
export function immichTags(sidecar: Tags, photo: Tags = {}): string[] {
  const field = (name: string) => {
    const inSidecar = list(sidecar, name);
    return inSidecar.length > 0 ? inSidecar : list(photo, name);
  };
  const tagsList = field('XMP-digiKam:TagsList');
  if (tagsList.length > 0) return tagsList;
  const hierarchical = field('XMP-lr:HierarchicalSubject');
  if (hierarchical.length > 0) return hierarchical.map((path) => path.split('|').join('/'));
  return field('IPTC:Keywords');
}

/** The tags digiKam shows from a sidecar: TagsList when there is one, else the other fields. */
export function digiKamTags(tags: Tags): string[] {
  const tagsList = list(tags, 'XMP-digiKam:TagsList');
  if (tagsList.length > 0) return tagsList;
  const hierarchical = list(tags, 'XMP-lr:HierarchicalSubject');
  if (hierarchical.length > 0) return hierarchical.map((path) => path.split('|').join('/'));
  return [...list(tags, 'XMP-dc:Subject'), ...list(tags, 'IPTC:Keywords')];
}

/** Every tag ExifTool reads in `file` except keyword fields and the file system's: what must not change. */
export async function everythingButKeywords(file: string): Promise<Tags> {
  const tags = await readBack(file);
  const keyword =
    /^(System|ExifTool|File):|:(Subject|HierarchicalSubject|TagsList|Keywords|LastKeywordXMP|CatalogSets|XMPToolkit|CodedCharacterSet|CurrentIPTCDigest)$|^IPTC:ApplicationRecordVersion$/;
  return Object.fromEntries(Object.entries(tags).filter(([name]) => !keyword.test(name)));
}

/** A sidecar darktable and Lightroom both wrote to: develop settings, history, rating, title, keywords. */
export const DEVELOP_SIDECAR = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    xmlns:darktable="http://darktable.sf.net/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
   xmp:Rating="4"
   crs:Exposure2012="+0.50"
   crs:WhiteBalance="As Shot"
   crs:HasSettings="True"
   darktable:history_end="2"
   darktable:xmp_version="5">
   <darktable:history>
    <rdf:Seq>
     <rdf:li darktable:num="0" darktable:operation="exposure" darktable:enabled="1" darktable:modversion="6" darktable:params="0000000000000000"/>
     <rdf:li darktable:num="1" darktable:operation="filmicrgb" darktable:enabled="1" darktable:modversion="6" darktable:params="gz12eJxjYGBgYAFiCQYYYHLgwAsA"/>
    </rdf:Seq>
   </darktable:history>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Fjord at noon</rdf:li></rdf:Alt></dc:title>
   <dc:subject><rdf:Bag><rdf:li>Holiday</rdf:li><rdf:li>Places</rdf:li><rdf:li>Norway</rdf:li></rdf:Bag></dc:subject>
   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Holiday</rdf:li><rdf:li>Places|Norway</rdf:li></rdf:Bag></lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
`;
