// The lead score's model, in plain TypeScript: logistic regression on a few one-hot features of a
// lead (source, industry, province, whether it has an e-mail and a phone), trained by gradient descent
// with L2 regularisation on past leads that were converted (1) or judged unqualified (0). A weight per
// feature is what makes it explainable: a lead's top factors are its features' weights.

export interface LeadFeatures {
  source?: unknown;
  industry?: unknown;
  province?: unknown;
  email?: unknown;
  phone?: unknown;
}

export interface ScoreModel {
  bias: number;
  /** Weight per feature name, e.g. `source=web`, `hasEmail`. */
  weights: Record<string, number>;
  /** Area under the ROC curve on the held-out leads; null when too few to judge. */
  auc: number | null;
  trainedAt: string;
  trainingCount: number;
  heldOutCount: number;
}

export interface ScoreFactor {
  feature: string;
  weight: number;
}

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** The one-hot features of a lead (names like `industry=finance`). */
export function featuresOf(lead: LeadFeatures): string[] {
  const features: string[] = [];
  if (filled(lead.source)) features.push(`source=${String(lead.source)}`);
  if (filled(lead.industry)) features.push(`industry=${String(lead.industry)}`);
  if (filled(lead.province)) features.push(`province=${String(lead.province).trim()}`);
  if (filled(lead.email)) features.push('hasEmail');
  if (filled(lead.phone)) features.push('hasPhone');
  return features;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function linear(model: Pick<ScoreModel, 'bias' | 'weights'>, features: string[]): number {
  return features.reduce((sum, f) => sum + (model.weights[f] ?? 0), model.bias);
}

/** The probability (0–1) the model gives a lead of being converted. */
export function predict(model: Pick<ScoreModel, 'bias' | 'weights'>, lead: LeadFeatures): number {
  return sigmoid(linear(model, featuresOf(lead)));
}

/** The lead's score, 0–100, and its features that weigh most either way (at most `limit`). */
export function explain(model: Pick<ScoreModel, 'bias' | 'weights'>, lead: LeadFeatures, limit = 3): { score: number; factors: ScoreFactor[] } {
  const features = featuresOf(lead);
  const factors = features
    .map((feature) => ({ feature, weight: Math.round((model.weights[feature] ?? 0) * 100) / 100 }))
    .filter((f) => f.weight !== 0)
    .toSorted((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.feature.localeCompare(b.feature))
    .slice(0, limit);
  return { score: Math.round(sigmoid(linear(model, features)) * 100), factors };
}

export interface Example {
  features: string[];
  isConverted: boolean;
}

/** Fits the weights by batch gradient descent on the mean log-loss plus an L2 penalty. */
export function fit(examples: Example[], { epochs = 300, rate = 0.5, l2 = 0.01 } = {}): Pick<ScoreModel, 'bias' | 'weights'> {
  const weights: Record<string, number> = {};
  for (const e of examples) for (const f of e.features) weights[f] = 0;
  const positives = examples.filter((e) => e.isConverted).length;
  // Starting from the base rate makes the weights say how a feature moves a lead away from it.
  const rateOf = (positives + 1) / (examples.length + 2);
  let bias = Math.log(rateOf / (1 - rateOf));
  const n = Math.max(1, examples.length);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const gradient: Record<string, number> = {};
    let biasGradient = 0;
    for (const e of examples) {
      const error = sigmoid(linear({ bias, weights }, e.features)) - (e.isConverted ? 1 : 0);
      biasGradient += error;
      for (const f of e.features) gradient[f] = (gradient[f] ?? 0) + error;
    }
    bias -= (rate * biasGradient) / n;
    for (const f of Object.keys(weights)) weights[f]! -= rate * ((gradient[f] ?? 0) / n + l2 * weights[f]!);
  }
  return { bias, weights };
}

/** The area under the ROC curve: the chance a converted lead scores above an unconverted one (ties count half). */
export function areaUnderCurve(scored: Array<{ score: number; isConverted: boolean }>): number | null {
  const positives = scored.filter((s) => s.isConverted);
  const negatives = scored.filter((s) => !s.isConverted);
  if (positives.length === 0 || negatives.length === 0) return null;
  // Rank-sum form: O(n log n), exact with ties.
  const sorted = scored.map((s) => s.score).toSorted((a, b) => a - b);
  const rankOf = new Map<number, number>();
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    rankOf.set(sorted[i]!, (i + 1 + j) / 2);
    i = j;
  }
  const rankSum = positives.reduce((sum, p) => sum + rankOf.get(p.score)!, 0);
  return (rankSum - (positives.length * (positives.length + 1)) / 2) / (positives.length * negatives.length);
}

/** A stable fifth of the leads, by id, held out of training to measure the model. */
export function isHeldOut(id: string): boolean {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 5 === 0;
}

/** The fewest judged leads worth training on. */
export const MIN_TRAINING_LEADS = 20;

/** Trains on judged leads (held-out ones measure the AUC); undefined when there are too few. */
export function train(leads: Array<LeadFeatures & { id: string; isConverted: boolean }>, now: Date): ScoreModel | undefined {
  if (leads.length < MIN_TRAINING_LEADS) return undefined;
  const toExample = (l: (typeof leads)[number]): Example => ({ features: featuresOf(l), isConverted: l.isConverted });
  const heldOut = leads.filter((l) => isHeldOut(l.id));
  const training = leads.filter((l) => !isHeldOut(l.id));
  const { bias, weights } = fit(training.map(toExample));
  const auc = areaUnderCurve(heldOut.map((l) => ({ score: predict({ bias, weights }, l), isConverted: l.isConverted })));
  return {
    bias,
    weights,
    auc: auc === null ? null : Math.round(auc * 1000) / 1000,
    trainedAt: now.toISOString(),
    trainingCount: training.length,
    heldOutCount: heldOut.length,
  };
}
