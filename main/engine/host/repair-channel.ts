// `library:repair`, the app's "Repair library": the engine cannot answer it (it will not open a
// damaged library), so its client does, restarting the host with the repair. Electron main and the
// browser-mode bridge both answer the channel with this.
import type { LibraryRepairResult } from '../../../preload/contract/library';
import { checkedArgs, type ClientChannel } from '../contract-handlers';
import type { EngineClient } from './engine-client';

export const REPAIR_CHANNEL: ClientChannel = 'library:repair';

/** Checks the page's arguments against the declaration (none), repairs, and answers in the contract's words. */
export async function invokeRepair(
  client: EngineClient,
  args: unknown,
): Promise<LibraryRepairResult> {
  checkedArgs(REPAIR_CHANNEL, args);
  const report = await client.repairLibrary();
  // The app watches its folders while it is open; the new host starts doing so now, and its
  // catch-up run embeds again the photos whose embeddings were lost.
  await client.api.library.watch();
  const rows = (table: string) => report.saved.find((s) => s.table === table)?.rows ?? 0;
  return {
    file: report.file,
    damagedCopy: report.damagedCopy,
    decisions: report.decisions,
    labelSets: rows('label_sets'),
    photos: rows('files'),
    toEmbed: report.toEmbed,
    damagedTables: report.damagedTables,
  };
}
