// Argument checks for the export channels: everything here comes from a web page.
import { z } from 'zod';
import type { ExportInvokeChannels } from '../../../preload/contract/export';
import { absolutePath, defineHandlers, recordId } from '../define-handlers';

const fileIds = z.array(recordId).max(1_000_000);
const scope = fileIds.nullable();
const naming = z.enum(['ext', 'base']);
const paths = z.array(absolutePath).min(1).max(10_000).optional();

const settings = z.object({
  naming,
  includeSuggested: z.boolean(),
  keepBackup: z.boolean(),
});

const xmpRequest = z.object({
  fileIds: scope,
  paths,
  includeSuggested: z.boolean(),
  sidecars: z.boolean(),
  naming,
  embed: z.boolean(),
  keepBackup: z.boolean(),
  dryRun: z.boolean(),
});

const tableRequest = z.object({
  fileIds: scope,
  paths,
  includeSuggested: z.boolean(),
  format: z.enum(['csv', 'json']),
  outPath: absolutePath.nullable(),
});

const importRequest = z.object({ fileIds: scope, paths, dryRun: z.boolean() });

export const exportHandlers = defineHandlers<ExportInvokeChannels>({
  'export:settings': { args: z.tuple([]), run: (engine) => engine.exportSettings() },
  'export:save-settings': {
    args: z.tuple([settings]),
    run: (engine, next) => engine.saveExportSettings(next),
  },
  'export:preview': {
    args: z.tuple([scope, z.boolean()]),
    run: (engine, ids, includeSuggested) => engine.exportPreview(ids, includeSuggested),
  },
  'export:xmp': {
    args: z.tuple([xmpRequest]),
    run: (engine, request) => engine.exportXmp(request),
  },
  'export:table': {
    args: z.tuple([tableRequest]),
    run: (engine, request) => engine.exportTable(request),
  },
  'export:import-keywords': {
    args: z.tuple([importRequest]),
    run: (engine, request) => engine.importKeywords(request),
  },
});
