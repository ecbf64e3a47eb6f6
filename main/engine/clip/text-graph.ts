// Which inputs a text tower takes: open_clip exports take the ids alone ("text"), M-CLIP exports
// the ids and an attention mask ("input_ids", "attention_mask"), in either order.
import type { OnnxSession, RunFeeds, TensorInfo } from '../../../native/onnx-session';
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

/** The ids of `texts` back to back, and the feeds that send them (with their mask) to `graph`. */
export function textBatch(
  graph: TextGraph,
  texts: readonly TextInput[],
  contextLength: number,
): { ids: Int32Array; feeds: RunFeeds } {
  const ids = new Int32Array(texts.length * contextLength);
  const mask = new Int32Array(texts.length * contextLength);
  texts.forEach((text, i) => {
    ids.set(text.ids, i * contextLength);
    mask.set(text.mask, i * contextLength);
  });
  const extra = graph.mask === null ? {} : { [graph.mask]: mask };
  return { ids, feeds: { input: graph.ids.name, extra } };
}
