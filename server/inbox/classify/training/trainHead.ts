import { createHead, type LinearHead, scoreInto, softmaxInPlace } from "../linearHead.js";
import { seededRandom, shuffleInPlace } from "./random.js";

/** A message's features, copied out of the featurizer's buffer, and its class. */
export interface Example {
  indices: Int32Array;
  value: number;
  label: number;
}

export interface HeadHyperParameters {
  /** log2 of the head's buckets (at most the featurizer's bits). */
  bits: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights an example touches (lazy, as usual for sparse SGD). */
  l2: number;
  /** "balanced": each class weighs in inversely to its frequency (helps macro-F1, costs accuracy). */
  classWeights: "none" | "balanced";
  seed: number;
}

const EPSILON = 1e-8;

/**
 * Multinomial logistic regression by AdaGrad (per-weight learning rates suit hashed text features:
 * rare n-grams keep larger steps than frequent ones). Deterministic for a given seed.
 */
export function trainHead(examples: readonly Example[], classes: number, hyper: HeadHyperParameters): LinearHead {
  const head = createHead(classes, hyper.bits);
  const mask = 2 ** hyper.bits - 1;
  const { weights, bias } = head;
  const squared = new Float32Array(weights.length);
  const biasSquared = new Float64Array(classes);
  const weightOf = classWeightsOf(examples, classes, hyper.classWeights);
  const scores = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const order = examples.map((_, i) => i);
  const random = seededRandom(hyper.seed);
  const vector: { indices: Int32Array; count: number; value: number } = { indices: new Int32Array(0), count: 0, value: 0 };
  const { learningRate: rate, l2 } = hyper;
  for (let epoch = 0; epoch < hyper.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const example = examples[i] as Example;
      vector.indices = example.indices;
      vector.count = example.indices.length;
      vector.value = example.value;
      scoreInto(head, vector, scores);
      softmaxInPlace(scores, classes);
      const weight = weightOf[example.label] ?? 1;
      for (let k = 0; k < classes; k++) gradient[k] = ((scores[k] ?? 0) - (k === example.label ? 1 : 0)) * weight;
      for (let k = 0; k < classes; k++) {
        const g = gradient[k] ?? 0;
        biasSquared[k] = (biasSquared[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (rate * g) / (Math.sqrt(biasSquared[k] ?? 0) + EPSILON);
      }
      for (const index of example.indices) {
        const base = (index & mask) * classes;
        for (let k = 0; k < classes; k++) {
          const at = base + k;
          const w = weights[at] ?? 0;
          const g = (gradient[k] ?? 0) * example.value + l2 * w;
          const s = (squared[at] ?? 0) + g * g;
          squared[at] = s;
          weights[at] = w - (rate * g) / (Math.sqrt(s) + EPSILON);
        }
      }
    }
  }
  return head;
}

function classWeightsOf(examples: readonly Example[], classes: number, mode: HeadHyperParameters["classWeights"]): number[] {
  if (mode === "none") return new Array<number>(classes).fill(1);
  const counts = new Array<number>(classes).fill(0);
  for (const e of examples) counts[e.label] = (counts[e.label] ?? 0) + 1;
  return counts.map((n) => (n === 0 ? 1 : examples.length / (classes * n)));
}
