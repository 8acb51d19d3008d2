import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TriageClassifier } from "./classifier.js";
import { ModelFileError, parseModel, type TriageModel } from "./modelFile.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** server/inbox/classify in the source tree, dist/server/inbox/classify in the build (which does not copy the model). */
const TREE_ROOT = path.resolve(HERE, "../../..");
const SOURCE_DIR = path.basename(TREE_ROOT) === "dist" ? path.join(path.dirname(TREE_ROOT), "server", "inbox", "classify") : HERE;

/** The model shipped with Switchboard, trained by `npm run train:triage`. */
export const SHIPPED_MODEL_PATH = path.join(SOURCE_DIR, "model", "triage-model.json.gz");

/** Reads a model file (gzip'd JSON). Throws ModelFileError when it is missing or not a model. */
export function loadModel(file: string): TriageModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ModelFileError(`cannot read the model file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseModel(bytes);
}

let shipped: TriageClassifier | undefined;

/** The classifier of the shipped model, loaded on first use and kept. */
export function shippedClassifier(): TriageClassifier {
  shipped ??= new TriageClassifier(loadModel(SHIPPED_MODEL_PATH));
  return shipped;
}
