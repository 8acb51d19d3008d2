import type { LabelledRow } from "../dataset.js";
import { scoreInto, softmaxInPlace } from "../linearHead.js";
import { accuracy, macroF1 } from "../metrics.js";
import { fnv1a } from "../split.js";
import { featurize } from "./examples.js";
import { type Example, type HeadHyperParameters, trainHead } from "./trainHead.js";
import type { TrainingConfig } from "./trainingConfig.js";
import { reasonIndex, sentimentIndex } from "./trainModel.js";

export interface CrossValidationScores {
  sentimentAccuracy: number;
  sentimentMacroF1: number;
  reasonAccuracy: number;
}

/** Fold of a row: from its tweet_id, mixed differently from the held-out rule so folds are not biased by it. */
export const foldOf = (tweetId: string, folds: number) => (Math.imul(fnv1a(tweetId) ^ 0x5bd1e995, 0x27d4eb2d) >>> 7) % folds;

/** Predictions of a head trained on the other folds, pooled over every fold. */
function outOfFold(
  examples: readonly Example[],
  fold: readonly number[],
  folds: number,
  classes: number,
  hyper: HeadHyperParameters,
): number[] {
  const predicted = new Array<number>(examples.length).fill(-1);
  const scores = new Float64Array(classes);
  for (let f = 0; f < folds; f++) {
    const head = trainHead(
      examples.filter((_, i) => fold[i] !== f),
      classes,
      hyper,
    );
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      scoreInto(head, { indices: e.indices, count: e.indices.length, value: e.value }, scores);
      predicted[i] = softmaxInPlace(scores, classes);
    });
  }
  return predicted;
}

/**
 * k-fold cross-validation of a training configuration, on training rows only (never the held-out
 * split): sentiment accuracy and macro-F1, and reason accuracy on negative rows with a reason.
 */
export function crossValidate(rows: readonly LabelledRow[], config: TrainingConfig, folds = 5): CrossValidationScores {
  const examples = featurize(
    rows.map((r) => r.text),
    rows.map(sentimentIndex),
    config.features,
  );
  const fold = rows.map((r) => foldOf(r.tweetId, folds));
  const truth = examples.map((e) => e.label);
  const predicted = outOfFold(examples, fold, folds, 3, config.sentiment);
  const withReason = rows.flatMap((r, i) => (r.reason === null ? [] : [i]));
  const reasonExamples = withReason.map((i) => ({ ...(examples[i] as Example), label: reasonIndex(rows[i] as LabelledRow) }));
  const reasonPredicted = outOfFold(
    reasonExamples,
    withReason.map((i) => fold[i] ?? 0),
    folds,
    10,
    config.reason,
  );
  return {
    sentimentAccuracy: accuracy(truth, predicted),
    sentimentMacroF1: macroF1(truth, predicted, 3),
    reasonAccuracy: accuracy(
      reasonExamples.map((e) => e.label),
      reasonPredicted,
    ),
  };
}
