import type { LabelledRow } from "../dataset.js";
import { REASON_LABELS, SENTIMENTS } from "../labels.js";
import type { TriageModel } from "../modelFile.js";
import { featurize } from "./examples.js";
import { trainHead } from "./trainHead.js";
import type { TrainingConfig } from "./trainingConfig.js";

export const sentimentIndex = (row: LabelledRow) => SENTIMENTS.indexOf(row.sentiment);
export const reasonIndex = (row: LabelledRow) => (row.reason === null ? -1 : REASON_LABELS.indexOf(row.reason));

/**
 * Trains both heads on `rows`: sentiment on every row, the complaint reason on the negative rows that
 * have one ("Can't Tell" included, so the model can say it does not know).
 */
export function trainModel(rows: readonly LabelledRow[], config: TrainingConfig, training: Record<string, unknown> = {}): TriageModel {
  const sentimentExamples = featurize(
    rows.map((r) => r.text),
    rows.map(sentimentIndex),
    config.features,
  );
  const withReason = rows.flatMap((r, i) =>
    r.reason === null ? [] : [{ ...(sentimentExamples[i] as (typeof sentimentExamples)[number]), label: reasonIndex(r) }],
  );
  return {
    features: config.features,
    sentiment: trainHead(sentimentExamples, SENTIMENTS.length, config.sentiment),
    reason: trainHead(withReason, REASON_LABELS.length, config.reason),
    trainedIds: new Set(rows.map((r) => r.tweetId)),
    training: { ...training, config },
  };
}
