// `facet models import` takes a package of every text family Facet reads, and refuses one whose
// text it cannot read with the reason, naming the file at fault.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  mclipPackage,
  nllbPackage,
  python,
  siglip2Package,
  siglipPackage,
  writePackage,
  xlmRobertaPackage,
  type FamilyPackage,
} from '../engine/clip/text-families.fixture';
import { runFacet } from './run-facet.fixture';

const work = mkdtempSync(join(tmpdir(), 'facet-import-families-'));
const library = join(work, 'library');
after(() => rmSync(work, { recursive: true, force: true }));
const skip = python === undefined ? 'python3-onnx is not installed' : false;

const PACKAGES: [string, () => FamilyPackage][] = [
  ['siglip', siglipPackage],
  ['siglip2', siglip2Package],
  ['xlm-roberta', xlmRobertaPackage],
  ['mclip', mclipPackage],
  ['nllb', nllbPackage],
];

for (const [name, make] of PACKAGES) {
  test(`facet models import takes a ${name} package`, { skip }, async () => {
    const dir = writePackage(join(work, name), make());
    const run = await runFacet(['models', 'import', dir, '--library', library]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Imported ${name} \\(64-d, 64 px\\)`));
  });
}

const BROKEN: [string, () => FamilyPackage, RegExp][] = [
  [
    'no-pad-token',
    () => {
      const pkg = xlmRobertaPackage();
      const config: Record<string, unknown> = { ...pkg.tokenizerConfig };
      delete config.pad_token;
      return { ...pkg, tokenizerConfig: config };
    },
    /textual\/tokenizer_config\.json names no pad token .*so the text cannot be padded/,
  ],
  [
    'odd-post-processor',
    () => {
      const pkg = siglipPackage();
      return { ...pkg, tokenizer: { ...pkg.tokenizer, post_processor: { type: 'Mystery' } } };
    },
    /textual\/tokenizer\.json cannot be used: its post-processor \(Mystery\) is not one Facet can read/,
  ],
  [
    'token-type-input',
    () => {
      const pkg = mclipPackage();
      const inputs = ['input_ids', 'attention_mask', 'token_type_ids'];
      return { ...pkg, tower: { ...pkg.tower, inputs } };
    },
    /textual\/model\.onnx takes inputs "input_ids", "attention_mask", "token_type_ids"/,
  ],
];

for (const [name, make, reason] of BROKEN) {
  test(`facet models import refuses a package it cannot read: ${name}`, { skip }, async () => {
    const dir = writePackage(join(work, name), make());
    const run = await runFacet(['models', 'import', dir, '--library', library]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, reason);
    const list = await runFacet(['models', 'list', '--library', library]);
    assert.doesNotMatch(list.stdout, new RegExp(`^. ${name}`, 'm'));
  });
}
