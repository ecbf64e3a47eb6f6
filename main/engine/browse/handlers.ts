// Argument checks for the browse channels: everything here comes from a web page.
import { z } from 'zod';
import type { BrowseInvokeChannels } from '../../../preload/contract/browse';
import { absolutePath, defineHandlers, recordId, tagState } from '../define-handlers';

const score = z.number().min(-1).max(1).nullable().optional();

const filter = z.object({
  labelSetId: recordId.nullable().optional(),
  labels: z
    .array(z.object({ labelSetId: recordId, label: z.string().trim().min(1).max(500) }))
    .max(200)
    .optional(),
  labelMode: z.enum(['any', 'all', 'none']).optional(),
  states: z.array(tagState).max(3).optional(),
  minScore: score,
  maxScore: score,
  folder: absolutePath.nullable().optional(),
});

const query = z.object({
  filter,
  sort: z.object({ key: z.enum(['score', 'date', 'name', 'folder']), descending: z.boolean() }),
});

const options = z.object({
  limit: z.number().int().min(1).max(2000).optional(),
  duplicateSimilarity: z.number().min(0.5).max(1).optional(),
});

// A dropped photo's bytes, base64: up to about 50 MB of photo.
const outside = z.union([
  z.object({ path: absolutePath }),
  z.object({
    name: z.string().min(1).max(255),
    base64: z
      .string()
      .min(1)
      .max(70_000_000, 'is too large')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64'),
  }),
]);

export const browseHandlers = defineHandlers<BrowseInvokeChannels>({
  'browse:photos': {
    args: z.tuple([
      query,
      z.number().int().min(0).max(100_000_000),
      z.number().int().min(1).max(2000),
    ]),
    run: (engine, q, offset, limit) => engine.browsePhotos(q, offset, limit),
  },
  'browse:facets': { args: z.tuple([]), run: (engine) => engine.browseFacets() },
  'browse:keywords': { args: z.tuple([]), run: (engine) => engine.browseKeywords() },
  'browse:search': {
    args: z.tuple([z.string().trim().min(1, 'must not be empty').max(1000), options]),
    run: (engine, text, o) => engine.searchPhotos(text, o),
  },
  'browse:similar': {
    args: z.tuple([recordId, options]),
    run: (engine, fileId, o) => engine.similarPhotos(fileId, o),
  },
  'browse:similar-outside': {
    args: z.tuple([outside, options]),
    run: (engine, photo, o) => engine.similarToOutsidePhoto(photo, o),
  },
  'browse:details': {
    args: z.tuple([recordId]),
    run: (engine, fileId) => engine.photoDetails(fileId),
  },
});
