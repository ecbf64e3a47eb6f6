// The label sets shipped with Facet load as they are, and CLIP's 80 ImageNet templates are there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtInLabelSets, readBuiltIn, templatePresets } from './built-ins';
import { labelSetOf } from './label-set';

test('every shipped label set loads and can tag; the six starting points are there', async () => {
  const sets = await builtInLabelSets();
  const ids = sets.map((set) => set.id);
  for (const id of [
    'scenes-places',
    'animals',
    'food-drink',
    'documents-screenshots',
    'events',
    'people-activities',
  ])
    assert.ok(ids.includes(id), `${id} is shipped`);
  for (const set of sets) {
    const document = await readBuiltIn(set.id);
    assert.doesNotThrow(() => labelSetOf(document, set.id), `${set.id} can tag`);
    if (!['shapes', 'colours'].includes(set.id))
      assert.ok(set.labels >= 15, `${set.id} has ${set.labels} labels`);
  }
  await assert.rejects(readBuiltIn('../secrets'), /no built-in label set/);
});

test("CLIP's 80 ImageNet templates are a preset, each with a place for the words", async () => {
  const presets = await templatePresets();
  const imagenet = presets.find((preset) => preset.id === 'imagenet-80');
  assert.equal(imagenet?.templates.length, 80);
  assert.equal(new Set(imagenet?.templates).size, 80);
  for (const template of imagenet?.templates ?? []) assert.ok(template.includes('{}'), template);
});
