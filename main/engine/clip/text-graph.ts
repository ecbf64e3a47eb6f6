// Which inputs a text tower takes: open_clip exports take the ids alone ("text"), M-CLIP exports
// the ids and an attention mask ("input_ids", "attention_mask"), in either order. And how long a
// run must be: a graph whose sequence axis is open may be fed just the texts' tokens, without the
// padding up to the context length, where that gives the same vectors (see `trimsPadding`).
import {
  OnnxTimeoutError,
  type OnnxSession,
  type RunFeeds,
  type TensorInfo,
} from '../../../native/onnx-session';
import type { TextInput } from '../../../native/clip-tokenizer';

export interface TextGraph {
  readonly ids: TensorInfo;
  /** The attention-mask input's name, when the graph has one. */
  readonly mask: string | null;
}

/** The graph's ids and mask inputs, or why Facet cannot feed it. */
export function textGraph(session: OnnxSession): TextGraph | string {
  const inputs = session.inputs;
  if (inputs.length === 1) return { ids: inputs[0]!, mask: null };
  const masks = inputs.filter((input) => /mask/i.test(input.name));
  const others = inputs.filter((input) => !/mask/i.test(input.name));
  if (inputs.length === 2 && masks.length === 1 && others.length === 1)
    return { ids: others[0]!, mask: masks[0]!.name };
  return `takes inputs ${inputs.map((input) => `"${input.name}"`).join(', ')}; Facet feeds token ids and, where a graph asks for one, an attention mask`;
}

/**
 * The ids of `texts` back to back, each cut to `length` tokens (the context length, or less where
 * the padding is left off), and the feeds that send them (with their mask) to `graph`.
 */
export function textBatch(
  graph: TextGraph,
  texts: readonly TextInput[],
  length: number,
): { ids: Int32Array; feeds: RunFeeds } {
  const ids = new Int32Array(texts.length * length);
  const mask = new Int32Array(texts.length * length);
  texts.forEach((text, i) => {
    ids.set(text.ids.subarray(0, length), i * length);
    mask.set(text.mask.subarray(0, length), i * length);
  });
  const extra = graph.mask === null ? {} : { [graph.mask]: mask };
  return { ids, feeds: { input: graph.ids.name, extra } };
}

/** Tokens up to the end of the longest of `texts`: the run length when the padding is left off. */
export function usedLength(texts: readonly TextInput[]): number {
  let longest = 1;
  for (const text of texts) longest = Math.max(longest, text.mask.lastIndexOf(1) + 1);
  return longest;
}

/** How far apart two unit vectors may be, value by value, and still count as the same answer. */
const SAME_VECTOR = 1e-4;

/**
 * Whether `graph` gives a text the same vector without its padding, so runs can stop at the
 * longest text's last token: a causal CLIP tower (features at the end-of-text token) does, and
 * a run of "a photo of a heron." then costs a few tokens instead of 77. Decided by experiment on
 * `probe` (a short text), never assumed: a graph with a fixed sequence axis, one that fails on a
 * shorter input, or one whose answer reads the padding (SigLIP's last token, a mean over every
 * position) keeps the padding. `padded` is the probe's unit vector from a whole-context run;
 * `embed(length)` answers it for a shorter run.
 */
export async function trimsPadding(
  graph: TextGraph,
  probe: TextInput,
  contextLength: number,
  padded: Float32Array,
  embed: (length: number) => Promise<Float32Array>,
): Promise<boolean> {
  const short = usedLength([probe]);
  if (typeof graph.ids.shape[1] === 'number' || short >= contextLength) return false;
  try {
    const trimmed = await embed(short);
    return (
      padded.length === trimmed.length &&
      padded.every((value, i) => Math.abs(value - (trimmed[i] as number)) <= SAME_VECTOR)
    );
  } catch (error) {
    // A shorter input the graph refuses keeps the padding; a run that never answers is the
    // device's fault, as in the rest of the warm-up, and goes up.
    if (error instanceof OnnxTimeoutError) throw error;
    return false;
  }
}
