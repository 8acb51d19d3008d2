import type { LabelledRow } from "../dataset.js";
import { type CrossValidationScores, crossValidate } from "./crossValidate.js";
import type { TrainingConfig } from "./trainingConfig.js";

export interface Candidate {
  name: string;
  config: TrainingConfig;
}

export interface SearchResult extends CrossValidationScores {
  name: string;
  config: TrainingConfig;
}

const withFeatures = (base: TrainingConfig, change: Partial<TrainingConfig["features"]>): TrainingConfig => ({
  ...base,
  features: { ...base.features, ...change },
});
const withHeads = (base: TrainingConfig, change: Partial<TrainingConfig["sentiment"]>, reason = change): TrainingConfig => ({
  ...base,
  sentiment: { ...base.sentiment, ...change },
  reason: { ...base.reason, ...reason },
});

/** Stage 1: what the features are made of, with the base hyper-parameters. */
export function featureCandidates(base: TrainingConfig): Candidate[] {
  return [
    { name: "base", config: base },
    { name: "char grams 3-5", config: withFeatures(base, { charMin: 3, charMax: 5 }) },
    { name: "char grams 2-4", config: withFeatures(base, { charMin: 2, charMax: 4 }) },
    { name: "no char grams", config: withFeatures(base, { charMax: 0 }) },
    { name: "no word bigrams", config: withFeatures(base, { wordBigrams: false }) },
    { name: "no negation scope", config: withFeatures(base, { negationScope: false }) },
    { name: "airline handles as features", config: withFeatures(base, { mentions: "handle" }) },
    { name: "2^20 buckets", config: withHeads(withFeatures(base, { bits: 20 }), { bits: 20 }, {}) },
  ];
}

/** Stage 2: learning rate, epochs, L2, class weights and the reason head's size, each moved one step from the base. */
export function hyperCandidates(base: TrainingConfig): Candidate[] {
  const { epochs, learningRate, l2 } = base.sentiment;
  const reasonBits = base.reason.bits;
  return [
    { name: "base", config: base },
    { name: `${Math.round(epochs / 2)} epochs`, config: withHeads(base, { epochs: Math.round(epochs / 2) }) },
    { name: `${epochs * 2} epochs`, config: withHeads(base, { epochs: epochs * 2 }) },
    { name: `learning rate ${learningRate / 2}`, config: withHeads(base, { learningRate: learningRate / 2 }) },
    { name: `learning rate ${learningRate * 2}`, config: withHeads(base, { learningRate: learningRate * 2 }) },
    { name: `L2 ${(l2 * 10).toExponential(0)}`, config: withHeads(base, { l2: l2 * 10 }) },
    { name: `L2 ${(l2 / 10).toExponential(0)}`, config: withHeads(base, { l2: l2 / 10 }) },
    { name: "balanced class weights", config: withHeads(base, { classWeights: "balanced" }) },
    { name: `reason head 2^${reasonBits - 2} buckets`, config: withHeads(base, {}, { bits: reasonBits - 2 }) },
    {
      name: `reason head 2^${reasonBits + 2} buckets`,
      config: withHeads(base, {}, { bits: Math.min(reasonBits + 2, base.features.bits) }),
    },
  ];
}

/** Cross-validates each candidate (once per distinct configuration), reporting each result as it comes. */
export function runCandidates(rows: readonly LabelledRow[], candidates: Candidate[], onResult: (r: SearchResult) => void): SearchResult[] {
  const seen = new Set<string>();
  const distinct = candidates.filter((c) => !seen.has(JSON.stringify(c.config)) && seen.add(JSON.stringify(c.config)));
  return distinct.map((c) => {
    const result = { name: c.name, config: c.config, ...crossValidate(rows, c.config) };
    onResult(result);
    return result;
  });
}
