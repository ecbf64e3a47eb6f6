// Label paths as the engine reads them: `/` between levels, `\/` a slash inside one ("AC\/DC").
// The renderer cannot import the engine, so this mirrors its splitLevels (export/keywords.ts) and
// levelBreaks (labels/label-set.ts).

/** Where the levels meet: each `/` that is not escaped. */
function levelBreaks(path: string): number[] {
  const breaks: number[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && (path[i + 1] === '/' || path[i + 1] === '\\')) i++;
    else if (path[i] === '/') breaks.push(i);
  }
  return breaks;
}

/** The levels as the user reads them: "Bands/AC\/DC" -> ["Bands", "AC/DC"]; empty ones dropped. */
export function splitLevels(path: string): string[] {
  const breaks = [...levelBreaks(path), path.length];
  return breaks
    .map((at, i) => path.slice(i === 0 ? 0 : (breaks[i - 1] as number) + 1, at))
    .map((level) => level.replace(/\\([\\/])/g, '$1').trim())
    .filter((level) => level !== '');
}

/** How deep a label sits: 0 for a top-level one. */
export const depthOf = (path: string): number => levelBreaks(path).length;

/** The last level, as the user reads it: "Shapes/Round/circle" -> "circle". */
export const leafName = (path: string): string => splitLevels(path).pop() ?? path;

/** The path above it as written (escapes kept); null at the top level. */
export function parentOf(path: string): string | null {
  const at = levelBreaks(path).pop();
  return at === undefined ? null : path.slice(0, at);
}

/** "A/B/C" -> ["A", "A/B"]: the labels above it, outermost first. */
export const ancestorsOf = (path: string): string[] =>
  levelBreaks(path).map((at) => path.slice(0, at));

/** A level typed by the user as part of a path: its own slashes escaped. */
export const escapeLevel = (level: string): string => level.replace(/[\\/]/g, (c) => `\\${c}`);

/** How long a label typed in the editor may be (the engine takes a path of up to 500). */
export const MAX_LABEL_CHARS = 200;

/** What the editor says when a typed label is longer. */
export const LABEL_LIMIT_WORDS = `Labels can be up to ${MAX_LABEL_CHARS} characters`;
