import assert from 'node:assert/strict';
import { test } from 'node:test';
import { thumbnailRequestFromUrl } from './thumbnail-url';

test('thumbnail URLs from both modes name the photo and the size; others are refused', () => {
  const path = '/home/ann/Photos/2021 summer/IMG #1.jpg';
  const encoded = encodeURIComponent(path);
  assert.deepEqual(thumbnailRequestFromUrl(`facet-media://thumb/256/${encoded}`), {
    path,
    size: 256,
  });
  assert.deepEqual(thumbnailRequestFromUrl(`/facet-media/thumb/128/${encoded}?v=2`), {
    path,
    size: 128,
  });
  assert.equal(thumbnailRequestFromUrl(`facet-media://thumb/300/${encoded}`), null);
  assert.equal(thumbnailRequestFromUrl(`facet-media://photo/${encoded}`), null);
  assert.equal(thumbnailRequestFromUrl('facet-media://thumb/256/%E0%A4%A'), null);
  assert.equal(thumbnailRequestFromUrl('facet-media://thumb/256/'), null);
});
