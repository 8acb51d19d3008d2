import type { FeatureVector } from "./featurizer.js";

/**
 * One linear multi-class model over hashed features: a feature's bucket is its index masked to the
 * head's own `bits` (a head with fewer classes of data can use a smaller, cache-friendlier table);
 * `weights[bucket * classes + k]` keeps a bucket's classes side by side, one memory read per feature.
 */
export interface LinearHead {
  readonly classes: number;
  readonly bits: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export const createHead = (classes: number, bits: number): LinearHead => ({
  classes,
  bits,
  weights: new Float32Array(classes * 2 ** bits),
  bias: new Float32Array(classes),
});

/** Class scores (logits) of `features` into `out` (length ≥ classes). */
export function scoreInto(head: LinearHead, features: FeatureVector, out: Float64Array): void {
  if (head.classes === 3) score3(head, features, out);
  else if (head.classes === 10) score10(head, features, out);
  else scoreAny(head, features, out);
}

// The sentiment head runs on every message: unrolled, it is about twice as fast as the loop.
function score3(head: LinearHead, features: FeatureVector, out: Float64Array): void {
  const { weights, bias } = head;
  const { indices, count, value } = features;
  const mask = 2 ** head.bits - 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let j = 0; j < count; j++) {
    const base = ((indices[j] as number) & mask) * 3;
    s0 += weights[base] as number;
    s1 += weights[base + 1] as number;
    s2 += weights[base + 2] as number;
  }
  out[0] = s0 * value + (bias[0] ?? 0);
  out[1] = s1 * value + (bias[1] ?? 0);
  out[2] = s2 * value + (bias[2] ?? 0);
}

// The reason head, on every negative message: one pass, sums in locals (the general loop was 3x slower).
function score10(head: LinearHead, features: FeatureVector, out: Float64Array): void {
  const { weights, bias } = head;
  const { indices, count, value } = features;
  const mask = 2 ** head.bits - 1;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let s8 = 0;
  let s9 = 0;
  for (let j = 0; j < count; j++) {
    const base = ((indices[j] as number) & mask) * 10;
    s0 += weights[base] as number;
    s1 += weights[base + 1] as number;
    s2 += weights[base + 2] as number;
    s3 += weights[base + 3] as number;
    s4 += weights[base + 4] as number;
    s5 += weights[base + 5] as number;
    s6 += weights[base + 6] as number;
    s7 += weights[base + 7] as number;
    s8 += weights[base + 8] as number;
    s9 += weights[base + 9] as number;
  }
  out[0] = s0 * value + (bias[0] ?? 0);
  out[1] = s1 * value + (bias[1] ?? 0);
  out[2] = s2 * value + (bias[2] ?? 0);
  out[3] = s3 * value + (bias[3] ?? 0);
  out[4] = s4 * value + (bias[4] ?? 0);
  out[5] = s5 * value + (bias[5] ?? 0);
  out[6] = s6 * value + (bias[6] ?? 0);
  out[7] = s7 * value + (bias[7] ?? 0);
  out[8] = s8 * value + (bias[8] ?? 0);
  out[9] = s9 * value + (bias[9] ?? 0);
}

// Class by class with the sum in a local: a read-modify-write of out[k] per feature and class was
// three times slower than the sentiment head for ten classes.
function scoreAny(head: LinearHead, features: FeatureVector, out: Float64Array): void {
  const { classes, weights, bias } = head;
  const { indices, count, value } = features;
  const mask = 2 ** head.bits - 1;
  for (let k = 0; k < classes; k++) {
    let sum = 0;
    for (let j = 0; j < count; j++) sum += weights[((indices[j] as number) & mask) * classes + k] ?? 0;
    out[k] = sum * value + (bias[k] ?? 0);
  }
}

/** Softmax of the first `classes` scores, in place; returns the index of the largest. */
export function softmaxInPlace(scores: Float64Array, classes: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if ((scores[k] ?? 0) > (scores[best] ?? 0)) best = k;
  const max = scores[best] ?? 0;
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = Math.exp((scores[k] ?? 0) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) scores[k] = (scores[k] ?? 0) / sum;
  return best;
}
