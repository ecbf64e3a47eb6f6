// Which rules a package's text follows is read from the package itself.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floresCode } from './languages';
import { readTextRules, type TextRuleSources } from './text-rules';

const sources = (over: Partial<TextRuleSources>): TextRuleSources => ({
  config: {},
  tokenizerConfig: undefined,
  specialTokensMap: undefined,
  contextLength: 64,
  language: null,
  ...over,
});

test('open_clip CLIP packages keep its own tokenizer: zeros after the end token, no cleaning', () => {
  const rules = readTextRules(
    sources({ tokenizerConfig: { tokenizer_class: 'CLIPTokenizer', pad_token: '<|endoftext|>' } }),
  );
  assert.deepEqual(rules, { family: 'clip', contextLength: 64, padToken: null, clean: 'none' });
});

test('SigLIP is canonicalized by the exporter config or, without one, by its tokenizer class', () => {
  const byConfig = readTextRules(
    sources({
      config: { text_cfg: { hf_tokenizer_name: 'x', tokenizer_kwargs: { clean: 'canonicalize' } } },
      tokenizerConfig: { pad_token: '<pad>' },
    }),
  );
  const byClass = readTextRules(
    sources({ tokenizerConfig: { tokenizer_class: 'SiglipTokenizer', pad_token: '</s>' } }),
  );
  assert.deepEqual(
    [byConfig.family, byConfig.clean, byConfig.padToken],
    ['siglip', 'canonicalize', '<pad>'],
  );
  assert.deepEqual(
    [byClass.family, byClass.clean, byClass.padToken],
    ['siglip', 'canonicalize', '</s>'],
  );
});

test('rules Facet does not follow are refused with the file at fault', () => {
  const hf = { hf_tokenizer_name: 'x' };
  assert.throws(
    () =>
      readTextRules(
        sources({ config: { text_cfg: { ...hf, tokenizer_kwargs: { clean: 'ftfy' } } } }),
      ),
    (error: Error & { file?: string }) =>
      error.file === 'config.json' && /text cleaning "ftfy"/.test(error.message),
  );
  assert.throws(
    () =>
      readTextRules(
        sources({ config: { text_cfg: { ...hf, tokenizer_kwargs: { strip_sep_token: true } } } }),
      ),
    /strip_sep_token/,
  );
  assert.throws(
    () => readTextRules(sources({ tokenizerConfig: { tokenizer_class: 'XLMRobertaTokenizer' } })),
    (error: Error & { file?: string }) =>
      error.file === 'textual/tokenizer_config.json' && /names no pad token/.test(error.message),
  );
});

test("NLLB reads the app's language as its FLORES-200 code, English when unknown", () => {
  const nllb = (language: string | null) =>
    readTextRules(
      sources({
        tokenizerConfig: { tokenizer_class: 'NllbTokenizerFast', pad_token: '<pad>' },
        language,
      }),
    ).languageToken;
  assert.equal(nllb(null), 'eng_Latn');
  assert.equal(nllb('de-AT'), 'deu_Latn');
  assert.equal(nllb('zh-TW'), 'zho_Hant');
  assert.equal(nllb('tlh'), 'eng_Latn');
  assert.equal(floresCode('pt_BR'), 'por_Latn');
});
