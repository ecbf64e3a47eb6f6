// Each model family's text is read as open_clip reads it: ids worked out by hand from the rules
// (cleaning, the post-processor's special tokens, the pad token, NLLB's language token), then a
// tiny text tower in that family's input shape embeds them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createTextTokenizer } from '../../../native/clip-tokenizer';
import { loadClipModel } from './index';
import { readModelPackage } from './model-package';
import {
  expectedEmbedding,
  mclipPackage,
  nllbPackage,
  python,
  siglip2Package,
  siglipPackage,
  writePackage,
  xlmRobertaPackage,
  type FamilyPackage,
} from './text-families.fixture';
import { readTextRules } from './text-rules';

const temp = mkdtempSync(join(tmpdir(), 'facet-families-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const pad = (ids: number[], length: number, padId: number) => [
  ...ids,
  ...Array<number>(length - ids.length).fill(padId),
];
const ones = (count: number, length: number) => pad(Array<number>(count).fill(1), length, 0);

interface Case {
  readonly family: string;
  readonly pkg: () => FamilyPackage;
  readonly language?: string;
  readonly text: string;
  readonly ids: number[];
  readonly tokens: number;
  /** Whether the tower takes the mask (M-CLIP), so the embedding ignores the padding. */
  readonly masked: boolean;
  readonly bias: number | null;
}

const CASES: Case[] = [
  {
    // Canonicalized to "a photo of a dog"; T5 appends </s> (1) and open_clip pads with it.
    family: 'siglip',
    pkg: siglipPackage,
    text: 'A Photo of  a DOG!',
    ids: pad([3, 4, 5, 3, 6, 1], 16, 1),
    tokens: 6,
    masked: false,
    bias: -16.5,
  },
  {
    // Byte pairs merge to ▁a ▁photo ▁of ▁a ▁dog, then <eos> (1), padded with <pad> (0).
    family: 'siglip',
    pkg: siglip2Package,
    text: 'A photo, of a dog.',
    ids: pad([13, 18, 20, 13, 23, 1], 12, 0),
    tokens: 6,
    masked: false,
    bias: -12.9,
  },
  {
    // Case kept (▁A is 4, ▁a is 5), spaces collapsed, <s> 0 and </s> 2 around, pad id 1.
    family: 'xlm-roberta',
    pkg: xlmRobertaPackage,
    text: 'A  photo of a dog',
    ids: pad([0, 4, 6, 7, 5, 8, 2], 20, 1),
    tokens: 7,
    masked: false,
    bias: null,
  },
  {
    family: 'xlm-roberta',
    pkg: mclipPackage,
    text: 'un chien',
    ids: pad([0, 9, 10, 2], 20, 1),
    tokens: 4,
    masked: true,
    bias: null,
  },
  {
    // English by default: eng_Latn (12) first, </s> (2) last, pad id 1.
    family: 'nllb',
    pkg: nllbPackage,
    text: 'a photo of a dog',
    ids: pad([12, 4, 5, 6, 4, 7, 2], 24, 1),
    tokens: 7,
    masked: false,
    bias: -11.2,
  },
  {
    // The app's language (fr-CA) takes the language slot: fra_Latn (13).
    family: 'nllb',
    pkg: nllbPackage,
    language: 'fr-CA',
    text: 'une photo de chien',
    ids: pad([13, 8, 5, 9, 10, 2], 24, 1),
    tokens: 6,
    masked: false,
    bias: -11.2,
  },
];

// Each case twice: with the graph's sequence axis fixed, and open. An open axis lets Facet leave
// the padding off only where the answer stays the same: the masked tower (M-CLIP) ignores the
// padding; the others average over it, so they must still be fed the whole context.
CASES.flatMap((c, n) => [false, true].map((openLength) => ({ c, n, openLength }))).forEach(
  ({ c, n, openLength }) => {
    test(
      `${c.family} package ${n + 1} reads "${c.text}" as the family's tokenizer does and embeds it` +
        (openLength ? ' (sequence axis open)' : ''),
      { skip: python === undefined ? 'python3-onnx is not installed' : false },
      async () => {
        const family = c.pkg();
        const dir = writePackage(join(temp, `${c.family}-${n}-${openLength}`), {
          ...family,
          tower: { ...family.tower, openLength },
        });
        const pkg = await readModelPackage(dir, { language: c.language ?? null });
        const input = pkg.tokenizer.encode(c.text);
        assert.deepEqual(Array.from(input.ids), c.ids);
        assert.deepEqual(Array.from(input.mask), ones(c.tokens, c.ids.length));

        const model = await loadClipModel(dir, { device: 'cpu', language: c.language ?? null });
        try {
          assert.equal(model.info.textFamily, c.family);
          assert.equal(model.info.logitBias, c.bias);
          assert.equal(model.info.textTrimsPadding, openLength && c.masked);
          const [vector] = await model.embedTexts([c.text]);
          const expected = expectedEmbedding(c.ids, c.masked ? ones(c.tokens, c.ids.length) : null);
          const worst = Math.max(...expected.map((value, d) => Math.abs(value - vector![d]!)));
          assert.ok(worst < 1e-5, `embedding differs by ${worst}`);
        } finally {
          await model.close();
        }
      },
    );
  },
);

test('a long text keeps the end token last and fills the context', () => {
  const pkg = siglipPackage();
  const rules = readTextRules({
    config: pkg.config,
    tokenizerConfig: pkg.tokenizerConfig,
    specialTokensMap: pkg.specialTokensMap,
    contextLength: 16,
    language: null,
  });
  const { ids, mask } = createTextTokenizer(pkg.tokenizer, pkg.tokenizerConfig, rules).encode(
    'dog, '.repeat(40),
  );
  assert.deepEqual(Array.from(ids), [...Array<number>(15).fill(6), 1]);
  assert.ok(mask.every((m) => m === 1));
});
