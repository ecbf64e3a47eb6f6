// How a model turns an image-text cosine into a score: CLIP models were trained with a softmax
// over cosines times a learnt scale; SigLIP models with an independent sigmoid of the scaled
// cosine plus a learnt bias, which config.json carries as "logit_bias".

export interface ScoreRule {
  /** Already exp'd: config.json "logit_scale", else 100. */
  readonly scale: number;
  /** SigLIP's learnt bias; null for softmax models. */
  readonly bias: number | null;
}

/** The rule from config.json; a reason string when a value is unusable. */
export function readScoreRule(config: Readonly<Record<string, unknown>>): ScoreRule | string {
  const scale = config.logit_scale === undefined ? 100 : config.logit_scale;
  if (typeof scale !== 'number' || !(scale > 0)) return 'has an unusable "logit_scale"';
  const bias = config.logit_bias;
  if (bias === undefined || bias === null) return { scale, bias: null };
  if (typeof bias !== 'number' || !Number.isFinite(bias)) return 'has an unusable "logit_bias"';
  return { scale, bias };
}

/** SigLIP's own probability that an image matches a text: sigmoid(scale * cosine + bias). */
export function sigmoidScore(rule: ScoreRule, cosine: number): number {
  return 1 / (1 + Math.exp(-(rule.scale * cosine + (rule.bias ?? 0))));
}
