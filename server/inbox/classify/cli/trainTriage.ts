import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { TriageClassifier } from "../classifier.js";
import { DatasetError, type LabelledRow, readDataset } from "../dataset.js";
import { evaluate } from "../evaluate.js";
import { SHIPPED_MODEL_PATH } from "../loadModel.js";
import { serializeModel } from "../modelFile.js";
import { isHeldOut } from "../split.js";
import { CHOSEN_CONFIG } from "../training/chosenConfig.js";
import { featureCandidates, hyperCandidates, runCandidates, type SearchResult } from "../training/search.js";
import type { TrainingConfig } from "../training/trainingConfig.js";
import { trainModel } from "../training/trainModel.js";

const PROJECT_ROOT = path.resolve(path.dirname(SHIPPED_MODEL_PATH), "../../../..");
const DEFAULT_DATA = path.resolve(PROJECT_ROOT, "../shared/data/airline-mentions.csv");
const USAGE = "usage: npm run train:triage -- [--data airline-mentions.csv] [--out MODEL.json.gz] [--search]";

const sentimentScore = (r: SearchResult) => (r.sentimentAccuracy + r.sentimentMacroF1) / 2;
const best = (results: SearchResult[], score: (r: SearchResult) => number) =>
  results.reduce((a, b) => (score(b) > score(a) ? b : a)) as SearchResult;

/**
 * Coordinate search by 5-fold cross-validation on the training split: the features (chosen on
 * sentiment), then the hyper-parameters (sentiment head on sentiment, reason head on reason accuracy),
 * then the features again.
 * Prints every candidate and the winning configuration; it does not change the shipped model.
 */
function search(rows: readonly LabelledRow[]): TrainingConfig {
  const print = (stage: string) => (r: SearchResult) =>
    process.stdout.write(
      `${JSON.stringify({ stage, name: r.name, sentiment_accuracy: r.sentimentAccuracy, sentiment_macro_f1: r.sentimentMacroF1, reason_accuracy: r.reasonAccuracy })}\n`,
    );
  const features = runCandidates(rows, featureCandidates(CHOSEN_CONFIG), print("features"));
  const base = best(features, sentimentScore).config;
  const hyper = runCandidates(rows, hyperCandidates(base), print("hyper"));
  const tuned = {
    ...base,
    sentiment: best(hyper, sentimentScore).config.sentiment,
    reason: best(hyper, (r) => r.reasonAccuracy).config.reason,
  };
  // The best features may change with the hyper-parameters (more features want a smaller step): once more.
  return best(runCandidates(rows, featureCandidates(tuned), print("features again")), sentimentScore).config;
}

/** `npm run train:triage`: trains the shipped model on the training split (reproducible: seeded, no clock). */
export function runTrainTriage(argv: string[]): number {
  let values: { data?: string; out?: string; search?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { data: { type: "string" }, out: { type: "string" }, search: { type: "boolean" } },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`train:triage: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const data = values.data ?? DEFAULT_DATA;
  const out = values.out ?? SHIPPED_MODEL_PATH;
  let rows: LabelledRow[];
  try {
    rows = readDataset(data);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    process.stderr.write(`train:triage: ${error.message}\n`);
    return 1;
  }
  const training = rows.filter((r) => !isHeldOut(r.tweetId));
  const heldOut = rows.filter((r) => isHeldOut(r.tweetId));
  process.stderr.write(`train:triage: ${training.length} training rows, ${heldOut.length} held out (FNV-1a(tweet_id) % 5 == 0)\n`);
  if (values.search) {
    const chosen = search(training);
    process.stdout.write(`${JSON.stringify({ chosen })}\n`);
    process.stderr.write("train:triage: copy `chosen` into server/inbox/classify/training/chosenConfig.ts to ship it\n");
    return 0;
  }
  const started = performance.now();
  const model = trainModel(training, CHOSEN_CONFIG, {
    data: path.basename(data),
    split: "held out: FNV-1a 32-bit of tweet_id % 5 == 0; trained on the rest",
    rows: training.length,
  });
  const bytes = serializeModel(model);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  process.stderr.write(
    `train:triage: trained in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${out} (${bytes.length} bytes)\n`,
  );
  const result = evaluate(new TriageClassifier(model), heldOut);
  process.stdout.write(`${JSON.stringify({ held_out: result })}\n`);
  return 0;
}
