import path from "node:path";
import { parseArgs } from "node:util";
import { TriageClassifier } from "../classifier.js";
import { DatasetError, readDataset } from "../dataset.js";
import { evaluate } from "../evaluate.js";
import { loadModel, SHIPPED_MODEL_PATH } from "../loadModel.js";
import { ModelFileError } from "../modelFile.js";
import { progressReporter } from "./progress.js";

const USAGE = "usage: npm run eval:triage -- --data FILE.csv [--model MODEL.json.gz]";

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const line = (metric: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ bench: "triage", metric, value, unit, ...extra })}\n`;

/**
 * `npm run eval:triage -- --data FILE.csv`: scores a model (the shipped one by default) on a labelled
 * CSV, skipping the rows it was trained on, and prints the figures as benchmark JSON lines.
 * Returns the exit code; bad input is a one-line message on stderr, not a stack trace.
 */
export function runEvalTriage(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): number {
  let data: string | undefined;
  let modelPath: string;
  try {
    const { values } = parseArgs({ args: argv, options: { data: { type: "string" }, model: { type: "string" } }, strict: true });
    data = values.data;
    modelPath = values.model ?? SHIPPED_MODEL_PATH;
  } catch (error) {
    err.write(`eval:triage: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (!data) {
    err.write(`eval:triage: --data is required\n${USAGE}\n`);
    return 2;
  }
  try {
    const rows = readDataset(data);
    const classifier = new TriageClassifier(loadModel(modelPath));
    const result = evaluate(classifier, rows, progressReporter("eval:triage", rows.length, err));
    const note = `${path.basename(data)}: ${result.scored} rows scored, ${result.skipped} skipped (tweet_id in the model's training set)`;
    out.write(line("rows_scored", result.scored, "rows", { note }));
    out.write(line("rows_skipped", result.skipped, "rows", { note: "tweet_id in the model's training set" }));
    if (result.scored === 0) {
      err.write(`eval:triage: no row left to score: the model was trained on all ${result.skipped} rows of ${data}\n`);
      return 1;
    }
    const vs = (value: number, baseline: number) => ({ baseline: round(baseline), ratio: baseline > 0 ? round(value / baseline) : null });
    out.write(
      line("sentiment_accuracy", round(result.sentimentAccuracy), "ratio", {
        ...vs(result.sentimentAccuracy, result.alwaysNegativeAccuracy),
        note: "baseline: always negative",
      }),
    );
    out.write(
      line("sentiment_macro_f1", round(result.sentimentMacroF1), "ratio", {
        ...vs(result.sentimentMacroF1, result.alwaysNegativeMacroF1),
        note: "baseline: always negative",
      }),
    );
    out.write(
      line("reason_accuracy", round(result.reasonAccuracy), "ratio", {
        ...vs(result.reasonAccuracy, result.majorityReasonAccuracy),
        note: `${result.reasonRows} negative rows with a reason; baseline: always "${result.majorityReason}"`,
      }),
    );
    out.write(
      line("reason_accuracy_end_to_end", round(result.reasonAccuracyEndToEnd), "ratio", {
        note: "the same rows, counted right only when also predicted negative",
      }),
    );
    return 0;
  } catch (error) {
    if (error instanceof DatasetError || error instanceof ModelFileError) {
      err.write(`eval:triage: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
