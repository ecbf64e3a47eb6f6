// Why an export wrote nothing, in words that say what to do: a library without label sets (a
// `facet tag` run keeps none unless --keep), nothing confirmed, or suggestions not asked for.
import type { EngineApi } from '../engine/engine-api';

export async function whyNothingWritten(
  api: EngineApi,
  includeSuggested: boolean,
): Promise<string> {
  const sets = await api.labels.list();
  if (sets.length === 0)
    return (
      'Nothing was written: the library has no label set. `facet tag --labels FILE` keeps none ' +
      'unless given --keep; `facet labels import FILE` adds one.'
    );
  if (!sets.some((set) => set.active))
    return 'Nothing was written: every label set is turned off, so no photo has a tag.';
  if (!includeSuggested)
    return (
      'Nothing was written: no tag is confirmed on these photos. --include-suggested also writes ' +
      'the tags Facet suggests; `facet tags confirm` confirms some.'
    );
  return 'Nothing was written: no photo in scope has a suggested or confirmed tag.';
}
