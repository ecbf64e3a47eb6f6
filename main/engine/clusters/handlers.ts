// Argument checks for the clusters channels: everything here comes from a web page.
import { z } from 'zod';
import type { ClustersInvokeChannels } from '../../../preload/contract/clusters';
import { defineHandlers, recordId } from '../define-handlers';

const fraction = z.number().gt(0, 'must be above 0').lt(1, 'must be below 1');
const fileIds = z.array(recordId).max(100_000);

export const clustersHandlers = defineHandlers<ClustersInvokeChannels>({
  'clusters:list': { args: z.tuple([]), run: (engine) => engine.listClusters() },
  'clusters:set-cut': {
    args: z.tuple([fraction]),
    run: (engine, cut) => engine.setClusterCut(cut),
  },
  'clusters:rename': {
    args: z.tuple([
      recordId,
      z.string().trim().min(1, 'must not be empty').max(200, 'is too long'),
    ]),
    run: (engine, clusterId, name) => engine.renameCluster(clusterId, name),
  },
  'clusters:to-label': {
    args: z.tuple([recordId, recordId.nullable()]),
    run: (engine, clusterId, labelSetId) => engine.clusterToLabel(clusterId, labelSetId),
  },
  'clusters:duplicates': {
    args: z.tuple([fraction.nullable()]),
    run: (engine, threshold) => engine.duplicateGroups(threshold),
  },
  'clusters:mark': {
    args: z.tuple([fileIds, z.boolean()]),
    run: (engine, ids, marked) => engine.markDuplicates(ids, marked),
  },
  'clusters:keep-best': {
    args: z.tuple([z.array(fileIds.min(2).max(10_000)).max(100_000)]),
    run: (engine, groups) => engine.keepBest(groups),
  },
  'clusters:map': { args: z.tuple([]), run: (engine) => engine.libraryMap() },
});
