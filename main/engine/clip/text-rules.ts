// How a package's text tower reads text, decided from the package as open_clip and Immich do:
// config.json's text_cfg (hf_tokenizer_name, tokenizer_kwargs.clean, context_length) and the
// tokenizer files' class and pad token. open_clip uses its own CLIP tokenizer unless text_cfg
// names a Hugging Face one; M-CLIP exports name an XLM-RoBERTa tokenizer class instead.
import { tokenText, type TextRules } from '../../../native/clip-tokenizer';
import { floresCode } from './languages';

/** What Facet calls each way of reading text (README "Model families"). */
export const TEXT_FAMILIES = ['clip', 'siglip', 'xlm-roberta', 'nllb', 'hugging-face'] as const;
export type TextFamily = (typeof TEXT_FAMILIES)[number];

export interface PackageTextRules extends TextRules {
  readonly family: TextFamily;
}

/** A package whose text rules Facet cannot follow; the message says why. */
export class TextRulesError extends Error {
  override readonly name = 'TextRulesError';
  constructor(
    /** The package file at fault, relative to the package. */
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

const CONFIG = 'config.json';
const TOKENIZER_CONFIG = 'textual/tokenizer_config.json';

type Json = Record<string, unknown>;
const objectOr = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

const CLEANS: Record<string, TextRules['clean']> = {
  canonicalize: 'canonicalize',
  lower: 'lower',
  whitespace: 'whitespace',
};

export interface TextRuleSources {
  readonly config: Json;
  readonly tokenizerConfig: Json | undefined;
  readonly specialTokensMap: Json | undefined;
  readonly contextLength: number;
  /** BCP 47 tag of the language texts are written in (NLLB needs it); English when null. */
  readonly language: string | null;
}

export function readTextRules(sources: TextRuleSources): PackageTextRules {
  const textCfg = objectOr(sources.config.text_cfg);
  const tokenizerConfig = sources.tokenizerConfig ?? {};
  const hfName = typeof textCfg.hf_tokenizer_name === 'string' ? textCfg.hf_tokenizer_name : '';
  const tokenizerClass =
    typeof tokenizerConfig.tokenizer_class === 'string' ? tokenizerConfig.tokenizer_class : '';
  const contextLength = sources.contextLength;

  if (hfName === '' && (tokenizerClass === '' || tokenizerClass.startsWith('CLIPTokenizer')))
    return { family: 'clip', contextLength, padToken: null, clean: 'none' };

  const kwargs = objectOr(textCfg.tokenizer_kwargs);
  if (kwargs.strip_sep_token === true)
    throw new TextRulesError(CONFIG, 'asks for strip_sep_token, which Facet does not apply');
  let clean: TextRules['clean'] = /^Siglip/.test(tokenizerClass) ? 'canonicalize' : 'whitespace';
  if (kwargs.clean !== undefined) {
    const named = CLEANS[String(kwargs.clean)];
    if (named === undefined)
      throw new TextRulesError(
        CONFIG,
        `asks for text cleaning "${String(kwargs.clean)}", which Facet does not know`,
      );
    clean = named;
  }
  const padToken =
    tokenText(tokenizerConfig.pad_token) ?? tokenText(sources.specialTokensMap?.pad_token);
  if (padToken === undefined)
    throw new TextRulesError(
      TOKENIZER_CONFIG,
      'names no pad token (nor does special_tokens_map.json), so the text cannot be padded',
    );

  const nllb = /^Nllb/.test(tokenizerClass) || /nllb/i.test(hfName);
  if (nllb) {
    const languageToken = floresCode(sources.language ?? 'en');
    return { family: 'nllb', contextLength, padToken, clean, languageToken };
  }
  const family: TextFamily = /^XLMRoberta/.test(tokenizerClass)
    ? 'xlm-roberta'
    : clean === 'canonicalize'
      ? 'siglip'
      : 'hugging-face';
  return { family, contextLength, padToken, clean };
}
