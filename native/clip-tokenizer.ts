// Text tokenization with @huggingface/tokenizers, from a model's tokenizer.json: its normalizer,
// pre-tokenizer and model split the text, its post-processor decides the special tokens, and
// the model family's rules (TextRules) decide cleaning, padding and a language token.
import { Tokenizer } from '@huggingface/tokenizers';

/**
 * How open_clip cleans text before tokenizing: 'none' leaves it to the tokenizer file (its CLIP
 * tokenizer), 'whitespace' collapses runs of spaces, 'lower' also lowercases, 'canonicalize'
 * (SigLIP) also drops punctuation.
 */
export type TextClean = 'none' | 'whitespace' | 'lower' | 'canonicalize';

export interface TextRules {
  readonly contextLength: number;
  /** The pad token; null pads with 0 after the end token, as open_clip's own CLIP tokenizer does. */
  readonly padToken: string | null;
  readonly clean: TextClean;
  /** NLLB: the language code token (e.g. "eng_Latn") in the template's language slot. */
  readonly languageToken?: string | null;
}

export interface TextInput {
  /** [prefix, ids..., suffix] truncated to the context (suffix kept), then padded. */
  readonly ids: Int32Array;
  /** 1 over the tokens, 0 over the padding. */
  readonly mask: Int32Array;
}

export interface TextTokenizer {
  readonly contextLength: number;
  /** Special tokens the post-processor puts before and after the text. */
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  readonly padId: number;
  encode(text: string): TextInput;
}

export class TokenizerFileError extends Error {
  override readonly name = 'TokenizerFileError';
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** A token given as "text", ["text", id] or { content: "text" }. */
export function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  const content = asObject(value)?.content;
  return typeof content === 'string' ? content : undefined;
}

interface Specials {
  readonly prefix: string[];
  readonly suffix: string[];
}

/** The special tokens a post-processor adds around a single text; null for one Facet cannot read. */
function specialsOf(processor: Json | undefined): Specials | null {
  if (processor === undefined) return { prefix: [], suffix: [] };
  const type = processor.type;
  if (type === 'RobertaProcessing' || type === 'BertProcessing') {
    const cls = tokenText(processor.cls);
    const sep = tokenText(processor.sep);
    return cls === undefined || sep === undefined ? null : { prefix: [cls], suffix: [sep] };
  }
  if (type === 'ByteLevel') return { prefix: [], suffix: [] };
  if (type === 'Sequence' && Array.isArray(processor.processors)) {
    const parts = processor.processors.map((p) => specialsOf(asObject(p) ?? {}));
    if (parts.some((p) => p === null)) return null;
    return {
      prefix: parts.flatMap((p) => (p as Specials).prefix),
      suffix: parts.flatMap((p) => (p as Specials).suffix),
    };
  }
  if (type === 'TemplateProcessing' && Array.isArray(processor.single)) {
    const specials: Specials = { prefix: [], suffix: [] };
    let seen = 0;
    for (const piece of processor.single) {
      const special = tokenText(asObject(asObject(piece)?.SpecialToken)?.id);
      const sequence = asObject(asObject(piece)?.Sequence)?.id;
      if (special !== undefined) (seen === 0 ? specials.prefix : specials.suffix).push(special);
      else if (sequence === 'A') seen++;
      else return null;
    }
    return seen === 1 ? specials : null;
  }
  return null;
}

/**
 * A pre-tokenizer stage the library would run differently from Hugging Face tokenizers (its
 * README lists them): Split's merged and contiguous behaviours, and Metaspace's older
 * add_prefix_space: false, which it ignores. Null when every stage is faithful.
 */
function unfaithfulStage(stage: Json | undefined): string | null {
  if (stage === undefined) return null;
  if (stage.type === 'Sequence' && Array.isArray(stage.pretokenizers)) {
    for (const inner of stage.pretokenizers) {
      const problem = unfaithfulStage(asObject(inner));
      if (problem !== null) return problem;
    }
    return null;
  }
  const behavior = String(stage.behavior ?? '');
  if (stage.type === 'Split' && stage.invert !== true && /^(Merged|Contiguous)/.test(behavior))
    return `its Split pre-tokenizer's "${behavior}" behaviour`;
  if (
    stage.type === 'Metaspace' &&
    stage.prepend_scheme === undefined &&
    stage.add_prefix_space === false
  )
    return 'its Metaspace pre-tokenizer without a prefix space';
  return null;
}

/** The id of a special token: the template's own table first, then the vocabulary. */
function idOf(tokenizer: Tokenizer, processor: Json | undefined, token: string): number {
  const ids = asObject(asObject(processor?.special_tokens)?.[token])?.ids;
  if (Array.isArray(ids) && ids.length === 1 && Number.isInteger(ids[0])) return ids[0] as number;
  const id = tokenizer.token_to_id(token);
  if (id === undefined) throw new TokenizerFileError(`its special token "${token}" is not in it`);
  return id;
}

// Python's string.punctuation, which open_clip's canonicalize_text removes.
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

export function cleanText(text: string, clean: TextClean): string {
  if (clean === 'none') return text;
  if (clean === 'canonicalize') {
    // open_clip: "_" becomes a space, punctuation goes, then lowercase and collapsed spaces.
    const bare = text.replaceAll('_', ' ').replace(PUNCTUATION, '').toLowerCase();
    return bare.split(/\s+/).filter(Boolean).join(' ');
  }
  const collapsed = text.split(/\s+/).filter(Boolean).join(' ');
  return clean === 'lower' ? collapsed.toLowerCase() : collapsed;
}

/** A FLORES-200 language code token, such as eng_Latn. */
export const LANGUAGE_CODE = /^[a-z]{3}_[A-Z][a-z]{3}$/;

/** Builds the tokenizer from parsed tokenizer.json (and tokenizer_config.json) and the family's rules. */
export function createTextTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  rules: TextRules,
): TextTokenizer {
  const json = asObject(tokenizerJson);
  const config = asObject(tokenizerConfig) ?? {};
  if (!json || !asObject(json.model)) {
    throw new TokenizerFileError('it is not a Hugging Face tokenizers file (no "model")');
  }
  const processor = asObject(json.post_processor);
  const specials = specialsOf(processor);
  if (specials === null) {
    throw new TokenizerFileError(
      `its post-processor (${String(processor?.type)}) is not one Facet can read`,
    );
  }
  const unfaithful = unfaithfulStage(asObject(json.pre_tokenizer));
  if (unfaithful !== null)
    throw new TokenizerFileError(`${unfaithful} is not one Facet can reproduce exactly`);
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (error) {
    throw new TokenizerFileError(error instanceof Error ? error.message : String(error));
  }
  if (rules.padToken === null && (specials.prefix.length === 0 || specials.suffix.length === 0)) {
    // open_clip's CLIP tokenizer always writes a start and an end token.
    const start = tokenText(config.bos_token);
    const end = tokenText(config.eos_token);
    if (start === undefined || end === undefined)
      throw new TokenizerFileError('it does not name its start and end tokens');
    specials.prefix.splice(0, Infinity, start);
    specials.suffix.splice(0, Infinity, end);
  }
  if (rules.languageToken) {
    const slot = specials.prefix.findIndex((token) => LANGUAGE_CODE.test(token));
    if (slot >= 0) specials.prefix[slot] = rules.languageToken;
    else specials.prefix.push(rules.languageToken);
  }
  const prefix = specials.prefix.map((token) => idOf(tokenizer, processor, token));
  const suffix = specials.suffix.map((token) => idOf(tokenizer, processor, token));
  let padId = 0;
  if (rules.padToken !== null) {
    const id = tokenizer.token_to_id(rules.padToken);
    if (id === undefined)
      throw new TokenizerFileError(`its pad token "${rules.padToken}" is not in it`);
    padId = id;
  }
  const { contextLength } = rules;
  const room = contextLength - prefix.length - suffix.length;
  if (room < 1) throw new TokenizerFileError(`context length ${contextLength} is too short`);

  return {
    contextLength,
    prefix,
    suffix,
    padId,
    encode(text) {
      const content = tokenizer.encode(cleanText(text, rules.clean), {
        add_special_tokens: false,
      }).ids;
      const kept = content.slice(0, room);
      const tokens = [...prefix, ...kept, ...suffix];
      const ids = new Int32Array(contextLength).fill(padId);
      const mask = new Int32Array(contextLength);
      ids.set(tokens);
      mask.fill(1, 0, tokens.length);
      return { ids, mask };
    },
  };
}

/** open_clip's CLIP tokenizer: [start, BPE ids, end], zeros after; text as the file normalizes it. */
export function createClipTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  contextLength: number,
): TextTokenizer {
  return createTextTokenizer(tokenizerJson, tokenizerConfig, {
    contextLength,
    padToken: null,
    clean: 'none',
  });
}
