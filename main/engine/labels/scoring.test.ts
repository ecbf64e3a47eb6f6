import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLabelSet } from './label-set';
import { embedLabels, scoreLabels } from './scoring';

const unit = (...xs: number[]) => {
  const norm = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / norm));
};

test('a label embedding is the normalised mean of its prompt x template embeddings', async () => {
  const set = parseLabelSet(
    '/s.json',
    JSON.stringify({
      templates: ['a {}.', 'the {}!'],
      labels: [{ name: 'x', prompts: ['p', 'q'] }, 'y'],
    }),
  );
  const seen: string[] = [];
  const vectors: Record<string, Float32Array> = {
    'a p.': unit(1, 0),
    'the p!': unit(1, 0),
    'a q.': unit(0, 1),
    'the q!': unit(0, 1),
    'a y.': unit(1, 1),
    'the y!': unit(1, 1),
  };
  const [x, y] = await embedLabels(set, async (texts) => {
    seen.push(...texts);
    return texts.map((text) => vectors[text] as Float32Array);
  });
  assert.deepEqual([...seen].sort(), Object.keys(vectors).sort(), 'each text embedded once');
  assert.ok(
    Math.abs((x?.[0] ?? 0) - Math.SQRT1_2) < 1e-6 && Math.abs((x?.[1] ?? 0) - Math.SQRT1_2) < 1e-6,
  );
  assert.deepEqual(
    [...(y ?? [])].map((v) => Math.round(v * 1e6)),
    [707107, 707107],
  );
});

test('exclusive mode: softmax probabilities, top K, and ancestors scored as their best child', () => {
  const set = parseLabelSet(
    '/s.txt',
    'Shapes\n  Round\n    circle\n    oval\n  Angular\n    square\n',
  );
  const labels = [unit(1, 0, 0), unit(0.9, 0.1, 0), unit(0, 0, 1)];
  const photo = unit(1, 0.05, 0);
  const { tags } = scoreLabels(set, labels, photo, 3, { logitScale: 100, top: 2 });
  const names = tags[0]?.map((tag) => tag.label);
  assert.deepEqual(names, ['Shapes/Round/circle', 'Shapes/Round', 'Shapes', 'Shapes/Round/oval']);
  const score = (name: string) => tags[0]?.find((tag) => tag.label === name)?.score ?? NaN;
  assert.equal(score('Shapes/Round'), score('Shapes/Round/circle'));
  assert.ok(score('Shapes/Round/circle') + score('Shapes/Round/oval') <= 1 + 1e-9);
  assert.ok(score('Shapes/Round/circle') > 0.5);
});
