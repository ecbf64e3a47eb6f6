// Model packages of each text family for the tests: tokenizer files in that family's structure
// (Hugging Face tokenizers JSON) with small vocabularies, and a tiny ONNX text tower in that
// family's input shape, built with python3-onnx. The image tower is the demo model's.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '../../..');
export const DEMO_MODEL = join(REPO, 'assets/models/tiny-clip-shapes');
/** The demo model's embedding size, which the tiny text towers share. */
export const DIM = 64;

/** Debian's python3 (where python3-onnx installs) may not be the first python3 on PATH. */
export const python = ['/usr/bin/python3', 'python3'].find(
  (command) => spawnSync(command, ['-c', 'import onnx'], { stdio: 'ignore' }).status === 0,
);

type Json = Record<string, unknown>;

/** Row `v` of every tiny text tower's embedding table (the tests recompute embeddings from it). */
export function tableRow(v: number): Float32Array {
  return Float32Array.from({ length: DIM }, (_, d) => Math.sin(0.37 * (v + 1) * (d + 1)));
}

export interface TextTowerShape {
  /** Input names: the ids alone, or the ids and an attention mask (M-CLIP); more go unused. */
  readonly inputs: readonly string[];
  readonly idType: 'int32' | 'int64';
  readonly vocabSize: number;
  readonly contextLength: number;
  /** The graph takes any sequence length up to the context (its axis is named, not fixed). */
  readonly openLength?: boolean;
}

// Embedding = mean of the table rows of the ids (over the mask when there is one).
const TOWER = `
import sys, json, math, numpy as np, onnx
from onnx import TensorProto as T, helper as h, numpy_helper as nh
out, spec = sys.argv[1], json.loads(sys.argv[2])
V, D = spec['vocabSize'], spec['dim']
L = 'length' if spec.get('openLength') else spec['contextLength']
table = np.array([[math.sin(0.37 * (v + 1) * (d + 1)) for d in range(D)] for v in range(V)], np.float32)
ids_type = T.INT64 if spec['idType'] == 'int64' else T.INT32
names = spec['inputs']
inputs = [h.make_tensor_value_info(names[0], ids_type, ['batch', L])]
nodes = [h.make_node('Gather', ['table', names[0]], ['rows'], axis=0)]
if len(names) == 1:
    nodes.append(h.make_node('ReduceMean', ['rows'], ['embedding'], axes=[1], keepdims=0))
else:
    inputs.append(h.make_tensor_value_info(names[1], T.INT32, ['batch', L]))
    nodes += [
        h.make_node('Cast', [names[1]], ['m'], to=T.FLOAT),
        h.make_node('Unsqueeze', ['m'], ['m3'], axes=[2]),
        h.make_node('Mul', ['rows', 'm3'], ['kept']),
        h.make_node('ReduceSum', ['kept'], ['total'], axes=[1], keepdims=0),
        h.make_node('ReduceSum', ['m3'], ['count'], axes=[1], keepdims=0),
        h.make_node('Div', ['total', 'count'], ['embedding']),
    ]
for name in names[2:]:
    inputs.append(h.make_tensor_value_info(name, T.INT32, ['batch', L]))
graph = h.make_graph(nodes, 'text', inputs,
    [h.make_tensor_value_info('embedding', T.FLOAT, ['batch', D])],
    initializer=[nh.from_array(table, 'table')])
onnx.save(h.make_model(graph, opset_imports=[h.make_opsetid('', 12)]), out)
`;

export interface FamilyPackage {
  readonly config: Json;
  readonly tokenizer: Json;
  readonly tokenizerConfig?: Json;
  readonly specialTokensMap?: Json;
  readonly tower: TextTowerShape;
}

/** Writes a package: the demo image tower, the given text files and a tiny text tower. */
export function writePackage(dir: string, pkg: FamilyPackage): string {
  if (python === undefined) throw new Error('python3 with the onnx module is needed');
  cpSync(DEMO_MODEL, dir, { recursive: true });
  for (const file of [
    'tokenizer_config.json',
    'special_tokens_map.json',
    'vocab.json',
    'merges.txt',
  ])
    rmSync(join(dir, 'textual', file), { force: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify(pkg.config));
  writeFileSync(join(dir, 'textual/tokenizer.json'), JSON.stringify(pkg.tokenizer));
  if (pkg.tokenizerConfig)
    writeFileSync(join(dir, 'textual/tokenizer_config.json'), JSON.stringify(pkg.tokenizerConfig));
  if (pkg.specialTokensMap)
    writeFileSync(
      join(dir, 'textual/special_tokens_map.json'),
      JSON.stringify(pkg.specialTokensMap),
    );
  execFileSync(python, [
    '-c',
    TOWER,
    join(dir, 'textual/model.onnx'),
    JSON.stringify({ ...pkg.tower, dim: DIM }),
  ]);
  return dir;
}

const VISION_CFG = { image_size: 64 };

const special = (content: string, id: number) => ({
  id,
  content,
  single_word: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  special: true,
});

/** A TemplateProcessing post-processor: `prefix` tokens, the text, `suffix` tokens. */
function template(prefix: readonly [string, number][], suffix: readonly [string, number][]) {
  const piece = ([id]: [string, number]) => ({ SpecialToken: { id, type_id: 0 } });
  const single = [
    ...prefix.map(piece),
    { Sequence: { id: 'A', type_id: 0 } },
    ...suffix.map(piece),
  ];
  return {
    type: 'TemplateProcessing',
    single,
    pair: [...single, { Sequence: { id: 'B', type_id: 1 } }, ...suffix.map(piece)],
    special_tokens: Object.fromEntries(
      [...prefix, ...suffix].map(([id, n]) => [id, { id, ids: [n], tokens: [id] }]),
    ),
  };
}

/** SentencePiece-style Unigram tokenizer file (T5, XLM-RoBERTa, NLLB structure). */
function unigram(
  pieces: readonly string[],
  specials: readonly string[],
  unk: string,
  postProcessor: Json,
  added: readonly string[] = [],
): Json {
  const vocab = [...specials, ...pieces].map((piece, i) => [
    piece,
    specials.includes(piece) ? 0 : -1 - i / 10,
  ]);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...specials, ...added].map((token, i) =>
      special(token, i < specials.length ? i : vocab.length + i - specials.length),
    ),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'WhitespaceSplit' },
        { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
      ],
    },
    post_processor: postProcessor,
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: specials.indexOf(unk), vocab, byte_fallback: false },
  };
}

const WORDS = ['▁a', '▁photo', '▁of', '▁dog', '▁', 'd', 'o', 'g'];

/** SigLIP: a T5 SentencePiece tokenizer that appends </s>, text canonicalized, padded with </s>. */
export function siglipPackage(): FamilyPackage {
  // Ids: <pad> 0, </s> 1, <unk> 2, ▁a 3, ▁photo 4, ▁of 5, ▁dog 6, ▁ 7, d 8, o 9, g 10.
  const tokenizer = unigram(
    WORDS,
    ['<pad>', '</s>', '<unk>'],
    '<unk>',
    template([], [['</s>', 1]]),
  );
  return {
    config: {
      embed_dim: DIM,
      init_logit_bias: -10,
      logit_scale: 112.5,
      logit_bias: -16.5,
      vision_cfg: VISION_CFG,
      text_cfg: {
        context_length: 16,
        vocab_size: 11,
        hf_tokenizer_name: 'timm/ViT-B-16-SigLIP',
        tokenizer_kwargs: { clean: 'canonicalize' },
      },
    },
    tokenizer,
    tokenizerConfig: { tokenizer_class: 'T5Tokenizer', eos_token: '</s>', unk_token: '<unk>' },
    // open_clip's SigLIP tokenizer pads with </s>: the pad token is only named here.
    specialTokensMap: { pad_token: '</s>', eos_token: '</s>', unk_token: '<unk>' },
    tower: { inputs: ['text'], idType: 'int64', vocabSize: 11, contextLength: 16 },
  };
}

/** SigLIP 2: a Gemma-style byte-pair tokenizer that appends <eos>, padded with <pad>. */
export function siglip2Package(): FamilyPackage {
  // Ids: <pad> 0, <eos> 1, <bos> 2, <unk> 3, then the pieces below from 4.
  const pieces = ['▁', 'a', 'p', 'h', 'o', 't', 'f', 'd', 'g', '▁a', 'ph', 'pho', 'phot'];
  const more = ['photo', '▁photo', '▁o', '▁of', '▁d', '▁do', '▁dog'];
  const specials = ['<pad>', '<eos>', '<bos>', '<unk>'];
  const vocab = Object.fromEntries([...specials, ...pieces, ...more].map((t, i) => [t, i]));
  const merges = ['▁ a', 'p h', 'ph o', 'pho t', 'phot o', '▁ photo', '▁ o', '▁o f', '▁ d'];
  return {
    config: {
      embed_dim: DIM,
      init_logit_bias: -10,
      logit_scale: 117.3,
      logit_bias: -12.9,
      vision_cfg: VISION_CFG,
      text_cfg: {
        context_length: 12,
        vocab_size: 24,
        hf_tokenizer_name: 'timm/ViT-B-16-SigLIP2',
        tokenizer_kwargs: { clean: 'canonicalize' },
      },
    },
    tokenizer: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: specials.map((token, i) => special(token, i)),
      normalizer: null,
      pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false },
      post_processor: template([], [['<eos>', 1]]),
      decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'first', split: false },
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: '<unk>',
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: true,
        byte_fallback: false,
        vocab,
        merges: [...merges, '▁d o', '▁do g'],
      },
    },
    tokenizerConfig: {
      tokenizer_class: 'GemmaTokenizer',
      pad_token: '<pad>',
      eos_token: '<eos>',
      bos_token: '<bos>',
    },
    tower: { inputs: ['text'], idType: 'int64', vocabSize: 24, contextLength: 12 },
  };
}

const XLMR_SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'];
const XLMR_PIECES = ['▁A', '▁a', '▁photo', '▁of', '▁dog', '▁un', '▁chien', '▁', 'd', 'o', 'g'];

/** XLM-RoBERTa (open_clip): <s> text </s>, pad id 1, ids only (the tower masks padding itself). */
export function xlmRobertaPackage(): FamilyPackage {
  // Ids: <s> 0, <pad> 1, </s> 2, <unk> 3, ▁A 4, ▁a 5, ▁photo 6, ▁of 7, ▁dog 8, ▁un 9, ▁chien 10.
  return {
    config: {
      embed_dim: DIM,
      vision_cfg: VISION_CFG,
      text_cfg: {
        context_length: 20,
        hf_model_name: 'xlm-roberta-base',
        hf_tokenizer_name: 'xlm-roberta-base',
      },
    },
    tokenizer: unigram(XLMR_PIECES, XLMR_SPECIALS, '<unk>', template([['<s>', 0]], [['</s>', 2]])),
    tokenizerConfig: {
      tokenizer_class: 'XLMRobertaTokenizer',
      bos_token: '<s>',
      eos_token: '</s>',
      pad_token: '<pad>',
      unk_token: '<unk>',
    },
    tower: { inputs: ['text'], idType: 'int32', vocabSize: 15, contextLength: 20 },
  };
}

/** M-CLIP (XLM-RoBERTa large): the same tokenizer; its tower takes input_ids and attention_mask. */
export function mclipPackage(): FamilyPackage {
  const base = xlmRobertaPackage();
  return {
    ...base,
    // Immich writes the image model's open_clip config: no Hugging Face tokenizer named there.
    config: { embed_dim: DIM, vision_cfg: VISION_CFG, text_cfg: { context_length: 20 } },
    tower: { ...base.tower, inputs: ['input_ids', 'attention_mask'] },
  };
}

/** NLLB: a language code token before the text (eng_Latn by default), </s> after, pad id 1. */
export function nllbPackage(): FamilyPackage {
  // Ids: <s> 0, <pad> 1, </s> 2, <unk> 3, ▁a 4, ▁photo 5, ▁of 6, ▁dog 7, ▁une 8, ▁de 9,
  // ▁chien 10, ▁ 11, then the language codes eng_Latn 12, fra_Latn 13, deu_Latn 14.
  const pieces = ['▁a', '▁photo', '▁of', '▁dog', '▁une', '▁de', '▁chien', '▁'];
  return {
    config: {
      embed_dim: DIM,
      init_logit_bias: -10,
      logit_scale: 95.1,
      logit_bias: -11.2,
      vision_cfg: VISION_CFG,
      text_cfg: {
        context_length: 24,
        hf_model_name: 'facebook/nllb-200-distilled-600M',
        hf_tokenizer_name: 'facebook/nllb-200-distilled-600M',
      },
    },
    tokenizer: unigram(
      pieces,
      XLMR_SPECIALS,
      '<unk>',
      template([['eng_Latn', 12]], [['</s>', 2]]),
      ['eng_Latn', 'fra_Latn', 'deu_Latn'],
    ),
    tokenizerConfig: {
      tokenizer_class: 'NllbTokenizer',
      src_lang: 'eng_Latn',
      bos_token: '<s>',
      eos_token: '</s>',
      pad_token: '<pad>',
      unk_token: '<unk>',
    },
    tower: { inputs: ['text'], idType: 'int64', vocabSize: 15, contextLength: 24 },
  };
}

/** The embedding a tiny tower gives for `ids` (over `mask` when it takes one), L2-normalised. */
export function expectedEmbedding(ids: readonly number[], mask: readonly number[] | null) {
  const sum = new Float64Array(DIM);
  let count = 0;
  ids.forEach((id, i) => {
    if (mask !== null && mask[i] === 0) return;
    tableRow(id).forEach((value, d) => (sum[d]! += value));
    count++;
  });
  const mean = Array.from(sum, (value) => value / count);
  const norm = Math.hypot(...mean);
  return mean.map((value) => value / norm);
}
