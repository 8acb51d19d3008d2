import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TriageClassifier } from "./classifier.js";
import { parseDataset } from "./dataset.js";
import { evaluate } from "./evaluate.js";
import { loadModel, SHIPPED_MODEL_PATH } from "./loadModel.js";
import { ModelFileError, parseModel, serializeModel } from "./modelFile.js";
import { isHeldOut } from "./split.js";

const model = loadModel(SHIPPED_MODEL_PATH);
const heldOut = parseDataset(readFileSync(new URL("./fixtures/airline-held-out-sample.csv", import.meta.url), "utf8"));

describe("the shipped model", () => {
  it("loads, with its features and both heads", () => {
    expect(model.sentiment.classes).toBe(3);
    expect(model.reason.classes).toBe(10);
    expect(model.sentiment.weights.some((w) => w !== 0)).toBe(true);
    expect(model.reason.weights.some((w) => w !== 0)).toBe(true);
  });

  it("lists the tweet_ids it was trained on, and they follow the split rule: none is held out", () => {
    // 11,739 rows in the shared file, about 80% of them kept for training.
    expect(model.trainedIds.size).toBeGreaterThan(8_500);
    expect(model.trainedIds.size).toBeLessThan(10_000);
    for (const id of model.trainedIds) expect(isHeldOut(id)).toBe(false);
  });

  it("was not trained on the held-out sample", () => {
    expect(heldOut.length).toBeGreaterThan(500);
    for (const row of heldOut) {
      expect(isHeldOut(row.tweetId)).toBe(true);
      expect(model.trainedIds.has(row.tweetId)).toBe(false);
    }
  });

  it("beats the always-negative baseline on held-out tweets by a clear margin", () => {
    const result = evaluate(new TriageClassifier(model), heldOut);
    expect(result.skipped).toBe(0);
    expect(result.scored).toBe(heldOut.length);
    expect(result.sentimentAccuracy).toBeGreaterThan(result.alwaysNegativeAccuracy + 0.1);
    expect(result.sentimentMacroF1).toBeGreaterThan(result.alwaysNegativeMacroF1 + 0.35);
    expect(result.reasonAccuracy).toBeGreaterThan(result.majorityReasonAccuracy + 0.15);
  });

  it("evaluation skips the rows the model was trained on", () => {
    const [first] = model.trainedIds;
    const trainedRow = { ...(heldOut[0] as (typeof heldOut)[number]), tweetId: first ?? "" };
    const result = evaluate(new TriageClassifier(model), [trainedRow, ...heldOut.slice(0, 10)]);
    expect(result).toMatchObject({ scored: 10, skipped: 1 });
  });
});

describe("model files", () => {
  it("round-trip: a saved model scores as the original, to 16-bit precision", () => {
    const again = parseModel(serializeModel(model));
    expect(again.trainedIds).toEqual(model.trainedIds);
    expect(again.features).toEqual(model.features);
    let maxError = 0;
    model.sentiment.weights.forEach((w, i) => {
      maxError = Math.max(maxError, Math.abs(w - (again.sentiment.weights[i] ?? 0)));
    });
    expect(maxError).toBeLessThan(1e-6);
  });

  it("a missing or damaged file is a ModelFileError saying what is wrong", () => {
    expect(() => loadModel("/nonexistent/model.json.gz")).toThrow(ModelFileError);
    expect(() => parseModel(new Uint8Array([1, 2, 3]))).toThrow(/not a gzip'd JSON model file/);
    const bytes = serializeModel(model);
    expect(() => parseModel(bytes.subarray(0, bytes.length - 20))).toThrow(ModelFileError);
  });
});
