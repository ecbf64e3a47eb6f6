import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClipTokenizer } from './clip-tokenizer';

const ROOT = join(import.meta.dirname, '..');
const TEXTUAL = join(ROOT, 'assets/models/tiny-clip-shapes/textual');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const tokenizerJson = readJson(join(TEXTUAL, 'tokenizer.json'));
const tokenizerConfig = readJson(join(TEXTUAL, 'tokenizer_config.json'));
const vectors = readJson(join(ROOT, 'e2e/fixtures/tokenizer-vectors.json')) as {
  text: string;
  ids: number[];
}[];

test('every reference text tokenizes to exactly the reference ids', () => {
  const tokenizer = createClipTokenizer(tokenizerJson, tokenizerConfig, 77);
  assert.equal(vectors.length, 548);
  const wrong = vectors.filter(
    (v) => !isDeepStrictEqual(Array.from(tokenizer.encode(v.text).ids), v.ids),
  );
  assert.deepEqual(
    wrong.map((v) => v.text),
    [],
    `${wrong.length} of ${vectors.length} texts tokenize differently`,
  );
});

test('start and end ids come from the tokenizer file, and long texts keep the end id last', () => {
  const tokenizer = createClipTokenizer(tokenizerJson, undefined, 77);
  assert.deepEqual(tokenizer.prefix, [49406]);
  assert.deepEqual(tokenizer.suffix, [49407]);
  const { ids, mask } = tokenizer.encode('red circle '.repeat(100));
  assert.equal(ids.length, 77);
  assert.equal(ids[0], 49406);
  assert.equal(ids[76], 49407);
  assert.ok(mask.every((m) => m === 1));
  const short = tokenizer.encode('').ids;
  assert.deepEqual(Array.from(short.slice(0, 3)), [49406, 49407, 0]);
});

test('a file that is not a tokenizer is refused with a reason', () => {
  assert.throws(
    () => createClipTokenizer({ hello: 1 }, {}, 77),
    /not a Hugging Face tokenizers file/,
  );
});

function isDeepStrictEqual(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

test('a tokenizer stage Facet cannot reproduce exactly is refused with a reason', () => {
  const json = tokenizerJson as Record<string, unknown>;
  const merged = {
    ...json,
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [{ type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithPrevious' }],
    },
  };
  assert.throws(
    () => createClipTokenizer(merged, tokenizerConfig, 77),
    /Split pre-tokenizer's "MergedWithPrevious" behaviour is not one Facet can reproduce exactly/,
  );
  const unknown = { ...json, post_processor: { type: 'Mystery' } };
  assert.throws(
    () => createClipTokenizer(unknown, tokenizerConfig, 77),
    /post-processor \(Mystery\) is not one Facet can read/,
  );
});
