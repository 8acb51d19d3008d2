import type { TriageClassifier } from "./classifier.js";
import type { LabelledRow } from "./dataset.js";
import { REASON_LABELS, SENTIMENTS } from "./labels.js";
import { accuracy, macroF1 } from "./metrics.js";

export interface Evaluation {
  /** Rows scored: those whose tweet_id the model was not trained on. */
  scored: number;
  /** Rows skipped because the model was trained on their tweet_id. */
  skipped: number;
  sentimentAccuracy: number;
  sentimentMacroF1: number;
  /** The same two figures for a classifier that always says "negative". */
  alwaysNegativeAccuracy: number;
  alwaysNegativeMacroF1: number;
  /** Scored rows that are negative with a reason: what reason accuracy is computed on. */
  reasonRows: number;
  /** Share of those rows whose reason the reason head gets right (its most likely of the 10 reasons, "Can't Tell" included). */
  reasonAccuracy: number;
  /** Share of those rows predicted negative AND with the right reason (what an inbox sees end to end). */
  reasonAccuracyEndToEnd: number;
  /** Reason accuracy of always answering the reason most frequent in the scored rows. */
  majorityReasonAccuracy: number;
  majorityReason: string;
}

/** Scores `classifier` on the rows it was not trained on; `onProgress` gets the number of rows read so far. */
export function evaluate(classifier: TriageClassifier, rows: readonly LabelledRow[], onProgress?: (done: number) => void): Evaluation {
  const trained = classifier.model.trainedIds;
  const truth: number[] = [];
  const predicted: number[] = [];
  const reasonTruth: number[] = [];
  const reasonPredicted: number[] = [];
  let endToEnd = 0;
  rows.forEach((row, i) => {
    if (onProgress && i > 0 && i % 500 === 0) onProgress(i);
    if (trained.has(row.tweetId)) return;
    const sentiment = classifier.sentimentIndex(row.text);
    truth.push(SENTIMENTS.indexOf(row.sentiment));
    predicted.push(sentiment);
    if (row.reason !== null) {
      const reason = REASON_LABELS.indexOf(classifier.reason(row.text).reason);
      const expected = REASON_LABELS.indexOf(row.reason);
      reasonTruth.push(expected);
      reasonPredicted.push(reason);
      if (sentiment === 0 && reason === expected) endToEnd++;
    }
  });
  onProgress?.(rows.length);
  const counts = new Array<number>(REASON_LABELS.length).fill(0);
  for (const r of reasonTruth) counts[r] = (counts[r] ?? 0) + 1;
  const majority = counts.indexOf(Math.max(...counts));
  const alwaysNegative = truth.map(() => 0);
  return {
    scored: truth.length,
    skipped: rows.length - truth.length,
    sentimentAccuracy: accuracy(truth, predicted),
    sentimentMacroF1: macroF1(truth, predicted, SENTIMENTS.length),
    alwaysNegativeAccuracy: accuracy(truth, alwaysNegative),
    alwaysNegativeMacroF1: macroF1(truth, alwaysNegative, SENTIMENTS.length),
    reasonRows: reasonTruth.length,
    reasonAccuracy: accuracy(reasonTruth, reasonPredicted),
    reasonAccuracyEndToEnd: reasonTruth.length === 0 ? 0 : endToEnd / reasonTruth.length,
    majorityReasonAccuracy: reasonTruth.length === 0 ? 0 : (counts[majority] ?? 0) / reasonTruth.length,
    majorityReason: REASON_LABELS[majority] ?? "",
  };
}
