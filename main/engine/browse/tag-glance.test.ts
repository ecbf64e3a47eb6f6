import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PhotoTag } from '../../../preload/contract/labels';
import { tagGlance } from './tag-glance';

const tag = (label: string, state: PhotoTag['state'], score: number | null, set = 1): PhotoTag => ({
  label,
  labelSetId: set,
  labelSetName: set === 1 ? 'Animals' : 'Colours',
  score,
  state,
});

test('a path counts once, at its deepest level in each state', () => {
  const glance = tagGlance([
    tag('Animals', 'confirmed', 0.9),
    tag('Animals/Bird', 'confirmed', 0.9),
    tag('Animals/Bird/Heron', 'confirmed', 0.9),
    // Waiting below a confirmed parent: still a suggestion to decide.
    tag('Animals/Bird/Egret', 'suggested', 0.6),
    tag('red', 'suggested', 0.7, 2),
    tag('blue', 'rejected', 0.8, 2),
  ]);
  assert.equal(glance.confirmed, 1);
  assert.equal(glance.waiting, 2);
  assert.equal(glance.rejected, 1);
  // Confirmed first, then suggestions best first; a rejected tag is never named.
  assert.deepEqual(glance.top, [
    { label: 'Animals/Bird/Heron', state: 'confirmed' },
    { label: 'red', state: 'suggested' },
    { label: 'Animals/Bird/Egret', state: 'suggested' },
  ]);
});

test('the same label in two sets counts twice; no tags, nothing to show', () => {
  assert.equal(
    tagGlance([tag('red', 'confirmed', 0.5, 1), tag('red', 'confirmed', 0.5, 2)]).confirmed,
    2,
  );
  assert.deepEqual(tagGlance([]), { confirmed: 0, waiting: 0, rejected: 0, top: [] });
});
