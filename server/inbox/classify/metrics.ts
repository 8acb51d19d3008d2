/** Share of positions where `predicted` equals `truth` (0 for no rows). */
export function accuracy(truth: readonly number[], predicted: readonly number[]): number {
  if (truth.length === 0) return 0;
  let right = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) right++;
  return right / truth.length;
}

/**
 * Mean over classes of F1 (as scikit-learn's `f1_score(average="macro")`): every class that occurs in
 * the truth or the predictions counts, and a class never predicted has F1 0.
 */
export function macroF1(truth: readonly number[], predicted: readonly number[], classes: number): number {
  const tp = new Array<number>(classes).fill(0);
  const fp = new Array<number>(classes).fill(0);
  const fn = new Array<number>(classes).fill(0);
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] ?? -1;
    const p = predicted[i] ?? -1;
    if (t === p) tp[t] = (tp[t] ?? 0) + 1;
    else {
      fp[p] = (fp[p] ?? 0) + 1;
      fn[t] = (fn[t] ?? 0) + 1;
    }
  }
  let sum = 0;
  let counted = 0;
  for (let k = 0; k < classes; k++) {
    const denominator = 2 * (tp[k] ?? 0) + (fp[k] ?? 0) + (fn[k] ?? 0);
    if (denominator === 0) continue;
    sum += (2 * (tp[k] ?? 0)) / denominator;
    counted++;
  }
  return counted === 0 ? 0 : sum / counted;
}
