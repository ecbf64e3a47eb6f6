// CLIP text tokenization with @huggingface/tokenizers, from a model's tokenizer.json.
import { Tokenizer } from '@huggingface/tokenizers';

export interface ClipTokenizer {
  readonly startId: number;
  readonly endId: number;
  readonly contextLength: number;
  /** [start, ...BPE ids, end] truncated to the context (end kept last), then 0-padded. */
  encode(text: string): Int32Array;
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
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  const content = asObject(value)?.content;
  return typeof content === 'string' ? content : undefined;
}

/** Start and end tokens as the tokenizer file's post-processor (or its config) declares them. */
function specialTokens(tokenizerJson: Json, config: Json): { start?: string; end?: string } {
  const processor = asObject(tokenizerJson.post_processor);
  if (processor?.type === 'RobertaProcessing' || processor?.type === 'BertProcessing') {
    return { start: tokenText(processor.cls), end: tokenText(processor.sep) };
  }
  if (processor?.type === 'TemplateProcessing' && Array.isArray(processor.single)) {
    const ids = processor.single
      .map((piece) => tokenText(asObject(asObject(piece)?.SpecialToken)?.id))
      .filter((id): id is string => id !== undefined);
    if (ids.length >= 2) return { start: ids[0], end: ids[ids.length - 1] };
  }
  return { start: tokenText(config.bos_token), end: tokenText(config.eos_token) };
}

/** Builds the tokenizer from parsed tokenizer.json (and tokenizer_config.json, if any). */
export function createClipTokenizer(
  tokenizerJson: unknown,
  tokenizerConfig: unknown,
  contextLength: number,
): ClipTokenizer {
  const json = asObject(tokenizerJson);
  const config = asObject(tokenizerConfig) ?? {};
  if (!json || !asObject(json.model)) {
    throw new TokenizerFileError('it is not a Hugging Face tokenizers file (no "model")');
  }
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (error) {
    throw new TokenizerFileError(error instanceof Error ? error.message : String(error));
  }
  const names = specialTokens(json, config);
  const startId = names.start === undefined ? undefined : tokenizer.token_to_id(names.start);
  const endId = names.end === undefined ? undefined : tokenizer.token_to_id(names.end);
  if (startId === undefined || endId === undefined) {
    throw new TokenizerFileError('it does not name its start and end tokens');
  }
  if (contextLength < 2)
    throw new TokenizerFileError(`context length ${contextLength} is too short`);

  return {
    startId,
    endId,
    contextLength,
    encode(text) {
      const ids = tokenizer.encode(text, { add_special_tokens: false }).ids;
      const out = new Int32Array(contextLength);
      const kept = Math.min(ids.length, contextLength - 2);
      out[0] = startId;
      for (let i = 0; i < kept; i++) out[i + 1] = ids[i]!;
      out[kept + 1] = endId;
      return out;
    },
  };
}
